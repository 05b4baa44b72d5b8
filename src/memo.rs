//! Memo tables: what a rebuild can reuse from the previous one.
//!
//! Watch mode rebuilds the whole site in memory after every save, but most
//! of it is unchanged by one edit. Each stage that works per document keeps
//! its results in a [`Memo`], keyed by a hash of everything the result is
//! computed from; a rebuild looks its inputs up before computing. Only what
//! the latest build used is kept, so memory stays that of one build.

use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// Results of the previous build and those of the current one.
pub struct Memo<V> {
    previous: Mutex<FxHashMap<u64, V>>,
    current: Mutex<FxHashMap<u64, V>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            previous: Mutex::default(),
            current: Mutex::default(),
        }
    }
}

impl<V: Clone> Memo<V> {
    /// The value stored for `key` (by this build or the previous one), or
    /// `compute`'s, stored for the next build.
    pub fn get_or(&self, key: u64, compute: impl FnOnce() -> V) -> V {
        if let Some(v) = self.current.lock().unwrap().get(&key) {
            return v.clone();
        }
        // Taken, not copied: this build keeps it now.
        let hit = self.previous.lock().unwrap().remove(&key);
        let v = hit.unwrap_or_else(compute);
        self.current.lock().unwrap().insert(key, v.clone());
        v
    }

    /// As [`Memo::get_or`] for a computation that may fail (nothing is stored then).
    pub fn try_get_or<E>(&self, key: u64, compute: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        if let Some(v) = self.current.lock().unwrap().get(&key) {
            return Ok(v.clone());
        }
        let hit = self.previous.lock().unwrap().remove(&key);
        let v = match hit {
            Some(v) => v,
            None => compute()?,
        };
        self.current.lock().unwrap().insert(key, v.clone());
        Ok(v)
    }

    /// End of a build: what it used becomes what the next one can reuse.
    pub fn rotate(&self) {
        let mut current = self.current.lock().unwrap();
        // The next build stores about as many: sized for them at once.
        let next = FxHashMap::with_capacity_and_hasher(current.len(), Default::default());
        let used = std::mem::replace(&mut *current, next);
        *self.previous.lock().unwrap() = used;
    }
}

/// A memo table when one is kept (watch mode), else compute every time.
pub fn memoized<V: Clone>(
    memo: Option<&Memo<V>>,
    key: impl FnOnce() -> u64,
    f: impl FnOnce() -> V,
) -> V {
    match memo {
        Some(m) => m.get_or(key(), f),
        None => f(),
    }
}

/// A 64-bit key for `value` (SipHash: keys name pages, so collisions must
/// stay out of reach, not merely unlikely on friendly input).
pub fn key_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_reused_by_the_next_build_then_dropped_when_unused() {
        let memo: Memo<String> = Memo::default();
        let mut computed = 0;
        let mut get = |k: u64| {
            memo.get_or(k, || {
                computed += 1;
                format!("v{k}")
            })
        };
        assert_eq!(get(1), "v1");
        assert_eq!(get(1), "v1");
        assert_eq!(computed, 1);
        memo.rotate();
        // Next build: key 1 reused, key 2 new.
        assert_eq!(memo.get_or(2, || "v2".into()), "v2");
        memo.rotate();
        // Key 1 was not used by the last build: computed again.
        let mut again = false;
        memo.get_or(1, || {
            again = true;
            "v1".into()
        });
        assert!(again);
    }

    #[test]
    fn keys_differ_with_their_inputs() {
        assert_ne!(key_of(&("a", 1)), key_of(&("a", 2)));
        assert_eq!(key_of(&("a", 1)), key_of(&("a", 1)));
    }
}
