//! Word-level comparison of two texts, marked like tracked changes:
//! `<del>` for the words only in the old text, `<ins>` for those only in
//! the new one (the `similar` crate's Myers diff over words and the
//! spaces between them).

use super::templates::escape_html;
use similar::{ChangeTag, TextDiff};

/// `old` changed into `new`, as HTML: the common words as they are; the
/// changes between two common words as one `<del>` (the old words) and
/// one `<ins>` (the new ones), the spaces between them inside.
pub fn word_diff_html(old: &str, new: &str) -> String {
    let diff = TextDiff::configure().diff_words(old, new);
    let mut out = String::with_capacity(old.len() + new.len() + 64);
    let (mut del, mut ins, mut spaces) = (String::new(), String::new(), String::new());
    let flush = |out: &mut String, del: &mut String, ins: &mut String| {
        for (tag, text) in [("del", &mut *del), ("ins", &mut *ins)] {
            if !text.is_empty() {
                out.push('<');
                out.push_str(tag);
                out.push('>');
                out.push_str(&escape_html(text));
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
                text.clear();
            }
        }
    };
    for c in diff.iter_all_changes() {
        let v = c.value();
        match c.tag() {
            ChangeTag::Equal if v.trim().is_empty() => spaces.push_str(v),
            ChangeTag::Equal => {
                flush(&mut out, &mut del, &mut ins);
                out.push_str(&escape_html(&spaces));
                spaces.clear();
                out.push_str(&escape_html(v));
            }
            tag => {
                if del.is_empty() && ins.is_empty() {
                    out.push_str(&escape_html(&spaces));
                } else {
                    del.push_str(&spaces);
                    ins.push_str(&spaces);
                }
                spaces.clear();
                match tag {
                    ChangeTag::Delete => del.push_str(v),
                    _ => ins.push_str(v),
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out.push_str(&escape_html(&spaces));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_deleted_inserted_and_replaced() {
        assert_eq!(word_diff_html("a b c", "a b c"), "a b c");
        assert_eq!(
            word_diff_html("a b c", "a x c"),
            "a <del>b</del><ins>x</ins> c"
        );
        assert_eq!(
            word_diff_html("Prie le Secrétaire", "Prie instamment le Secrétaire"),
            "Prie <ins>instamment </ins>le Secrétaire"
        );
        assert_eq!(
            word_diff_html(
                "fournir des ressources, conformément",
                "fournir des ressources à ces fins, conformément"
            ),
            "fournir des <del>ressources,</del><ins>ressources à ces fins,</ins> conformément"
        );
        // Escaped, and a run of changed words is one element.
        assert_eq!(
            word_diff_html("x <b> & y", "x z w y"),
            "x <del>&lt;b&gt; &amp;</del><ins>z w</ins> y"
        );
    }
}
