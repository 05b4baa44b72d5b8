//! Two documents' paragraphs aligned, for a comparison page: which are the
//! same, modified, moved, split, merged, added or removed.
//!
//! Paragraphs are compared as in [`super::lineage`], with 3-word shingles
//! (a comparison page shows short paragraphs too; one of fewer words is
//! one shingle). Pairs are matched one to one, best first: identical
//! words, then by Jaccard similarity, if [`Overlap::related`]. A paragraph
//! left over that is mostly contained in a matched paragraph of the other
//! side joins it: one paragraph split in two, or two merged. The matched
//! groups in the order of both documents (the longest increasing run of
//! the left positions, in right order) are in place; the others moved.
//! The cost is that of comparing every pair, fine for two documents.

use super::lineage::{shingles, word_hashes, Overlap};
use rustc_hash::FxHashMap;

/// What became of a row's paragraphs, from the left document to the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Same,
    Modified,
    Moved,
    /// One left paragraph, several right ones.
    Split,
    /// Several left paragraphs, one right one.
    Merged,
    Added,
    Removed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Same => "same",
            Status::Modified => "modified",
            Status::Moved => "moved",
            Status::Split => "split",
            Status::Merged => "merged",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// One row of the comparison: paragraphs of the left document (indices),
/// of the right one, and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
    pub status: Status,
}

/// Words per shingle for the alignment.
const K: usize = 3;

/// `left` and `right` (plain texts) aligned, in the right document's
/// order, a removed paragraph after the row of the left paragraph before it.
pub fn align(left: &[&str], right: &[&str]) -> Vec<Row> {
    let words = |t: &[&str]| -> Vec<Vec<u64>> { t.iter().map(|s| word_hashes(s)).collect() };
    let (lw, rw) = (words(left), words(right));
    let sh = |w: &[Vec<u64>]| -> Vec<Vec<u64>> { w.iter().map(|w| shingles(w, K)).collect() };
    let (ls, rs) = (sh(&lw), sh(&rw));
    // Every related pair, best first; the shingles each pair shares
    // counted through an index of the left's (comparing every pair's
    // sets was most of a comparison page's time).
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, s) in ls.iter().enumerate().filter(|(i, _)| !lw[*i].is_empty()) {
        for &h in s {
            index.entry(h).or_default().push(i);
        }
    }
    let mut pairs: Vec<(bool, f64, f64, usize, usize)> = Vec::new();
    let mut shared = vec![0usize; left.len()];
    for j in (0..right.len()).filter(|&j| !rw[j].is_empty()) {
        let mut touched: Vec<usize> = Vec::new();
        for i in rs[j].iter().filter_map(|h| index.get(h)).flatten() {
            if shared[*i] == 0 {
                touched.push(*i);
            }
            shared[*i] += 1;
        }
        for i in touched {
            let o = Overlap::of_counts(ls[i].len(), rs[j].len(), shared[i]);
            shared[i] = 0;
            let same = lw[i] == rw[j];
            if same || o.related() {
                pairs.push((same, o.jaccard, o.containment, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(b.2.total_cmp(&a.2))
            .then((a.3, a.4).cmp(&(b.3, b.4)))
    });
    // Groups: (left, right, identical).
    let mut groups: Vec<(Vec<usize>, Vec<usize>, bool)> = Vec::new();
    let mut lg: Vec<Option<usize>> = vec![None; left.len()];
    let mut rg: Vec<Option<usize>> = vec![None; right.len()];
    for &(same, _, _, i, j) in &pairs {
        if lg[i].is_none() && rg[j].is_none() {
            lg[i] = Some(groups.len());
            rg[j] = Some(groups.len());
            groups.push((vec![i], vec![j], same));
        }
    }
    // Leftovers mostly contained in a matched paragraph of the other side
    // (its shingles at least 70 % in it, and it the smaller).
    let contained = |a: &[u64], b: &[u64]| a.len() <= b.len() && Overlap::of(a, b).related();
    for j in 0..right.len() {
        if rg[j].is_some() || rw[j].is_empty() {
            continue;
        }
        let host = (0..left.len())
            .filter(|&i| lg[i].is_some_and(|g| groups[g].0.len() == 1))
            .filter(|&i| contained(&rs[j], &ls[i]))
            .max_by(|&a, &b| {
                let (x, y) = (Overlap::of(&rs[j], &ls[a]), Overlap::of(&rs[j], &ls[b]));
                x.containment.total_cmp(&y.containment).then(b.cmp(&a))
            });
        if let Some(g) = host.and_then(|i| lg[i]) {
            groups[g].1.push(j);
            groups[g].1.sort_unstable();
            groups[g].2 = false;
            rg[j] = Some(g);
        }
    }
    for i in 0..left.len() {
        if lg[i].is_some() || lw[i].is_empty() {
            continue;
        }
        let host = (0..right.len())
            .filter(|&j| rg[j].is_some_and(|g| groups[g].1.len() == 1))
            .filter(|&j| contained(&ls[i], &rs[j]))
            .max_by(|&a, &b| {
                let (x, y) = (Overlap::of(&ls[i], &rs[a]), Overlap::of(&ls[i], &rs[b]));
                x.containment.total_cmp(&y.containment).then(b.cmp(&a))
            });
        if let Some(g) = host.and_then(|j| rg[j]) {
            groups[g].0.push(i);
            groups[g].0.sort_unstable();
            groups[g].2 = false;
            lg[i] = Some(g);
        }
    }
    // In place: the longest run of groups whose left positions increase
    // in the right document's order.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| groups[g].1[0]);
    let in_place = longest_increasing(&order.iter().map(|&g| groups[g].0[0]).collect::<Vec<_>>());
    let mut placed = vec![false; groups.len()];
    for (k, &g) in order.iter().enumerate() {
        placed[g] = in_place[k];
    }
    // The rows, in right order; removed paragraphs before the first
    // in-place row whose left paragraphs come after them.
    let mut rows = Vec::new();
    let mut next_left = 0;
    let removed_before = |rows: &mut Vec<Row>, next_left: &mut usize, upto: usize| {
        while *next_left < upto {
            if lg[*next_left].is_none() {
                rows.push(Row {
                    left: vec![*next_left],
                    right: vec![],
                    status: Status::Removed,
                });
            }
            *next_left += 1;
        }
    };
    for (j, &group) in rg.iter().enumerate() {
        match group {
            None => rows.push(Row {
                left: vec![],
                right: vec![j],
                status: Status::Added,
            }),
            Some(g) if groups[g].1[0] == j => {
                let (l, r, same) = &groups[g];
                if placed[g] {
                    removed_before(&mut rows, &mut next_left, l[0]);
                }
                let status = if l.len() > 1 {
                    Status::Merged
                } else if r.len() > 1 {
                    Status::Split
                } else if !placed[g] {
                    Status::Moved
                } else if *same {
                    Status::Same
                } else {
                    Status::Modified
                };
                rows.push(Row {
                    left: l.clone(),
                    right: r.clone(),
                    status,
                });
                if placed[g] {
                    // Its left paragraphs, then those removed after them.
                    removed_before(&mut rows, &mut next_left, l[l.len() - 1] + 1);
                    let upto = (next_left..left.len())
                        .find(|&i| lg[i].is_some())
                        .unwrap_or(left.len());
                    removed_before(&mut rows, &mut next_left, upto);
                }
            }
            Some(_) => {}
        }
    }
    removed_before(&mut rows, &mut next_left, left.len());
    rows
}

/// Which elements of `v` make one longest strictly increasing run (the
/// first such run found, so the choice is deterministic).
fn longest_increasing(v: &[usize]) -> Vec<bool> {
    let n = v.len();
    let mut len = vec![1usize; n];
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        for k in 0..i {
            if v[k] < v[i] && len[k] + 1 > len[i] {
                len[i] = len[k] + 1;
                prev[i] = Some(k);
            }
        }
    }
    let mut out = vec![false; n];
    let mut at = (0..n).max_by(|&a, &b| len[a].cmp(&len[b]).then(b.cmp(&a)));
    while let Some(i) = at {
        out[i] = true;
        at = prev[i];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn row(left: &[usize], right: &[usize], status: Status) -> Row {
        Row {
            left: left.to_vec(),
            right: right.to_vec(),
            status,
        }
    }

    const A: &str = "Prie le Secrétaire général de lui présenter à sa prochaine session un rapport";
    const B: &str = "Invite les États Membres et les autres donateurs à fournir des ressources extrabudgétaires";
    const C: &str = "Décide de rester activement saisi de la question et de l’examiner de nouveau";
    const D: &str =
        "Souligne l’importance de la coopération internationale en matière pénale entre les États";

    #[test]
    fn same_modified_added_removed() {
        let b2 = B.replace("extrabudgétaires", "extrabudgétaires à ces fins");
        let rows = align(&[A, B, C], &[A, &b2, D]);
        assert_eq!(
            rows,
            vec![
                row(&[0], &[0], Same),
                row(&[1], &[1], Modified),
                row(&[2], &[], Removed),
                row(&[], &[2], Added),
            ]
        );
    }

    #[test]
    fn moved() {
        let rows = align(&[A, B, C, D], &[B, C, D, A]);
        assert_eq!(
            rows,
            vec![
                row(&[1], &[0], Same),
                row(&[2], &[1], Same),
                row(&[3], &[2], Same),
                row(&[0], &[3], Moved),
            ]
        );
    }

    #[test]
    fn split_and_merged() {
        let ab = format!("{A}, et {B}");
        // One paragraph of the left in two of the right …
        assert_eq!(
            align(&[&ab, C], &[A, B, C]),
            vec![row(&[0], &[0, 1], Split), row(&[1], &[2], Same)]
        );
        // … and two of the left in one of the right.
        assert_eq!(
            align(&[C, A, B], &[C, &ab]),
            vec![row(&[0], &[0], Same), row(&[1, 2], &[1], Merged)]
        );
    }

    #[test]
    fn empty_sides() {
        assert_eq!(align(&[], &[A]), vec![row(&[], &[0], Added)]);
        assert_eq!(align(&[A], &[]), vec![row(&[0], &[], Removed)]);
    }
}
