//! Words as integer keys, for the word tables of import and search.
//!
//! Nearly every word of French or English prose is at most 16 bytes: as
//! two integers it is hashed with one multiply and compared without a
//! call to `memcmp`, which is what a table of strings spends its time on
//! when it is probed once per word of a corpus.

use rustc_hash::FxHashMap;

/// The longest word a [`packed`] key holds.
pub const SHORT: usize = 16;

/// A word of up to 16 bytes as two integers (its bytes, little-endian,
/// zero-padded): compared and hashed without reading the text again. No
/// word holds a zero byte (it is not alphanumeric), so the padding cannot
/// make two words one. The word is `text[start..start + len]`; the bytes
/// after it are read when there are 16 (and masked off).
pub fn packed(text: &[u8], start: usize, len: usize) -> (u64, u64) {
    debug_assert!(len <= SHORT);
    let mask = |n: usize| match n {
        0 => 0,
        n if n >= 8 => u64::MAX,
        n => u64::MAX >> (64 - 8 * n),
    };
    let (a, b) = if start + 16 <= text.len() {
        let at = |i: usize| u64::from_le_bytes(text[i..i + 8].try_into().expect("8 bytes"));
        (at(start), at(start + 8))
    } else {
        let mut buf = [0u8; 16];
        buf[..len].copy_from_slice(&text[start..start + len]);
        (
            u64::from_le_bytes(buf[..8].try_into().expect("8 bytes")),
            u64::from_le_bytes(buf[8..].try_into().expect("8 bytes")),
        )
    };
    (a & mask(len), b & mask(len.saturating_sub(8)))
}

/// A hash of a packed word (a folded multiply: both halves of the product
/// mixed, since the table uses the top bits and the bottom ones).
pub fn packed_hash((a, b): (u64, u64)) -> u64 {
    let x = a ^ b.rotate_left(29) ^ b.wrapping_mul(0x2d35_8dcc_aa6c_78a5);
    let m = u128::from(x) * 0x9e37_79b9_7f4a_7c15u128;
    (m as u64) ^ ((m >> 64) as u64)
}

/// The word a [`packed`] key holds.
fn unpacked((a, b): (u64, u64)) -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_le_bytes());
    bytes[8..].copy_from_slice(&b.to_le_bytes());
    // (A short key's word does not end in a zero byte: see `is_short`.)
    let len = bytes.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
    String::from_utf8_lossy(&bytes[..len]).into_owned()
}

/// Is `word` held by a packed key? Not when it ends in a zero byte,
/// which the padding would take away (no word of prose does).
fn is_short(word: &str) -> bool {
    word.len() <= SHORT && !word.ends_with('\0')
}

/// Where `word`, a slice of `text`, begins in it.
fn offset_in(text: &str, word: &str) -> usize {
    let start = word.as_ptr() as usize - text.as_ptr() as usize;
    debug_assert!(start + word.len() <= text.len(), "a word of the text");
    start
}

/// A count per word: short words by their packed bytes, long ones by
/// their text.
#[derive(Debug, Default, Clone)]
pub struct WordCounts {
    short: hashbrown::HashTable<(u64, u64, u32)>,
    long: FxHashMap<String, u32>,
}

impl WordCounts {
    /// A table sized for about `words` distinct words.
    pub fn with_capacity(words: usize) -> WordCounts {
        WordCounts {
            short: hashbrown::HashTable::with_capacity(words),
            long: FxHashMap::default(),
        }
    }

    /// Distinct words counted.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn add_key(&mut self, key: (u64, u64), n: u32) {
        let entry = self.short.entry(
            packed_hash(key),
            |e| (e.0, e.1) == key,
            |e| packed_hash((e.0, e.1)),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(mut e) => e.get_mut().2 += n,
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert((key.0, key.1, n));
            }
        }
    }

    fn key_count(&self, key: (u64, u64)) -> u32 {
        self.short
            .find(packed_hash(key), |e| (e.0, e.1) == key)
            .map_or(0, |e| e.2)
    }

    /// Count `word`, a slice of `text`, `n` more times (read in place).
    pub fn add_in(&mut self, text: &str, word: &str, n: u32) {
        if is_short(word) {
            let key = packed(text.as_bytes(), offset_in(text, word), word.len());
            self.add_key(key, n);
        } else if let Some(c) = self.long.get_mut(word) {
            *c += n;
        } else {
            self.long.insert(word.to_string(), n);
        }
    }

    /// The count of `word`, a slice of `text` (read in place).
    pub fn count_in(&self, text: &str, word: &str) -> u32 {
        if is_short(word) {
            self.key_count(packed(text.as_bytes(), offset_in(text, word), word.len()))
        } else {
            self.long.get(word).copied().unwrap_or(0)
        }
    }

    /// The count of any word.
    pub fn count(&self, word: &str) -> u32 {
        self.count_in(word, word)
    }

    /// Add the counts of `other`.
    pub fn merge(&mut self, other: WordCounts) {
        // Into the larger table: fewer probes, no growth of the small one.
        let (mut big, small) = if self.len() >= other.len() {
            (std::mem::take(self), other)
        } else {
            (other, std::mem::take(self))
        };
        for (a, b, n) in small.short {
            big.add_key((a, b), n);
        }
        for (w, n) in small.long {
            *big.long.entry(w).or_default() += n;
        }
        *self = big;
    }

    /// Every word with its count, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (String, u32)> + '_ {
        self.short
            .iter()
            .map(|&(a, b, n)| (unpacked((a, b)), n))
            .chain(self.long.iter().map(|(w, &n)| (w.clone(), n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_those_of_a_plain_map_at_every_length() {
        // Around 8 and 16 bytes, accented, at the very end of the text
        // (no 16 bytes to read after it), alike in their first bytes.
        let text = "abcdefgh abcdefghi abcdefgh abcdefghijklmnop abcdefghijklmnopq é ée criminalité criminalités abcdefghijklmnopq x";
        let mut counts = WordCounts::default();
        let mut plain: std::collections::HashMap<&str, u32> = Default::default();
        for w in text.split(' ') {
            counts.add_in(text, w, 1);
            *plain.entry(w).or_default() += 1;
        }
        for (w, n) in &plain {
            assert_eq!(counts.count(w), *n, "{w}");
            assert_eq!(counts.count_in(text, w), *n, "{w} in place");
        }
        assert_eq!(counts.count("abcdefg"), 0);
        assert_eq!(counts.count("abcdefghijklmnopqr"), 0);
        assert_eq!(counts.len(), plain.len());
        let mut listed: Vec<(String, u32)> = counts.iter().collect();
        listed.sort();
        let mut want: Vec<(String, u32)> = plain.iter().map(|(w, n)| (w.to_string(), *n)).collect();
        want.sort();
        assert_eq!(listed, want);
    }

    #[test]
    fn a_zero_byte_at_the_end_is_part_of_the_word_not_padding() {
        let mut counts = WordCounts::default();
        counts.add_in("a\0", "a\0", 1);
        counts.add_in("a", "a", 2);
        assert_eq!(counts.count("a\0"), 1);
        assert_eq!(counts.count("a"), 2);
        let mut listed: Vec<(String, u32)> = counts.iter().collect();
        listed.sort();
        assert_eq!(listed, [("a".to_string(), 2), ("a\0".to_string(), 1)]);
    }

    #[test]
    fn merged_counts_add_up_whichever_table_is_larger() {
        let mut a = WordCounts::default();
        let mut b = WordCounts::default();
        for w in ["la", "la", "traite", "transnationalement"] {
            a.add_in(w, w, 1);
        }
        for w in ["la", "et", "transnationalement", "x", "y", "z"] {
            b.add_in(w, w, 1);
        }
        let mut ab = a.clone();
        ab.merge(b.clone());
        b.merge(a);
        for m in [ab, b] {
            assert_eq!(m.count("la"), 3);
            assert_eq!(m.count("transnationalement"), 2);
            assert_eq!(m.count("traite"), 1);
            assert_eq!(m.count("z"), 1);
            assert_eq!(m.len(), 7);
        }
    }
}
