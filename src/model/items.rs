//! Dash and bullet items (« – full respect for … ; »): paragraphs listed
//! under another one without a letter of their own. Each extends the
//! anchor of the last paragraph before it that is not an item, by its
//! order: `op8-1`, `pp3-2`, `op12a-1`, `p5-1`, `annex-i-3-1` (and
//! `annex-i-p1-1` under an annex's intro, `annex-i`, whose numbered
//! paragraph 1 is `annex-i-1`).

use super::{ParaKind, Paragraph};

/// The anchor of the `n`-th item of the paragraph anchored `parent`.
pub(super) fn dash_anchor(parent: &str, n: usize) -> String {
    if parent.is_empty() {
        format!("item-{n}")
    } else {
        format!("{parent}-{n}")
    }
}

/// The order of a dash item under its paragraph (1 for `op8-1`).
pub fn dash_ordinal(p: &Paragraph) -> Option<usize> {
    if !p.dash {
        return None;
    }
    p.anchor.rsplit_once('-')?.1.parse().ok()
}

/// The paragraph a dash item belongs to, as far as the item tells it
/// (kind, number, letter, annex, section, part and anchor; not its text),
/// and the item's order: what references are made from.
pub fn dash_parent(p: &Paragraph) -> Option<(Paragraph, usize)> {
    let n = dash_ordinal(p)?;
    let (anchor, _) = p.anchor.rsplit_once('-')?;
    let anchor = anchor.strip_suffix("-p1").unwrap_or(anchor);
    let own = match &p.part {
        Some(part) => anchor
            .strip_prefix(&format!("{}-", part.to_lowercase()))
            .unwrap_or(anchor),
        None => anchor,
    };
    let kind = match p.kind {
        Some(ParaKind::AnnexItem) => ParaKind::AnnexItem,
        _ if p.letter.is_some() => ParaKind::Subparagraph,
        _ if own.starts_with("pp") => ParaKind::Preamble,
        _ if own.starts_with("op") => ParaKind::Operative,
        _ => ParaKind::ReportPara,
    };
    let parent = Paragraph {
        anchor: anchor.to_string(),
        kind: Some(kind),
        number: p.number.clone(),
        letter: p.letter.clone(),
        annex: p.annex.clone(),
        section: p.section.clone(),
        part: p.part.clone(),
        ..Paragraph::default()
    };
    Some((parent, n))
}

#[cfg(test)]
mod tests {
    use super::super::assign_anchors;
    use super::*;

    fn para(kind: ParaKind, number: Option<&str>, letter: Option<&str>, dash: bool) -> Paragraph {
        Paragraph {
            kind: Some(kind),
            number: number.map(str::to_string),
            letter: letter.map(str::to_string),
            dash,
            ..Paragraph::default()
        }
    }

    fn anchors(ps: &mut [Paragraph]) -> Vec<String> {
        assign_anchors(ps);
        ps.iter().map(|p| p.anchor.clone()).collect()
    }

    #[test]
    fn dash_items_extend_the_anchor_of_their_paragraph() {
        use ParaKind::*;
        let mut ps = vec![
            para(Preamble, None, None, false),
            para(Preamble, None, None, false),
            para(Subparagraph, None, None, true),
            para(Preamble, None, None, false),
            para(Operative, Some("1"), None, false),
            para(Subparagraph, Some("1"), None, true),
            para(Subparagraph, Some("1"), None, true),
            para(Subparagraph, Some("1"), Some("a"), false),
            para(Subparagraph, Some("1"), Some("a"), true),
            para(Subparagraph, Some("1"), Some("b"), false),
            para(Subparagraph, Some("1"), Some("i"), false),
            para(Subparagraph, Some("1"), Some("i"), true),
            para(Operative, Some("2"), None, false),
        ];
        assert_eq!(
            anchors(&mut ps),
            [
                "pp1", "pp2", "pp2-1", "pp3", "op1", "op1-1", "op1-2", "op1a", "op1a-1", "op1b",
                "op1bi", "op1bi-1", "op2"
            ]
        );
        // The items change no other anchor.
        let mut without: Vec<Paragraph> = ps.iter().filter(|p| !p.dash).cloned().collect();
        let kept: Vec<String> = ps
            .iter()
            .filter(|p| !p.dash)
            .map(|p| p.anchor.clone())
            .collect();
        assert_eq!(anchors(&mut without), kept);
    }

    #[test]
    fn report_and_annex_items_follow_their_schemes() {
        use ParaKind::*;
        let annex = |number: Option<&str>, letter: Option<&str>, dash: bool| Paragraph {
            annex: Some("I".into()),
            ..para(AnnexItem, number, letter, dash)
        };
        let mut ps = vec![
            para(ReportPara, Some("5"), None, false),
            para(Subparagraph, Some("5"), None, true),
            annex(None, None, false),
            annex(None, None, true),
            annex(Some("1"), None, false),
            annex(Some("1"), None, true),
            annex(Some("1"), Some("a"), false),
            annex(Some("1"), Some("a"), true),
            annex(Some("1"), Some("a"), true),
        ];
        assert_eq!(
            anchors(&mut ps),
            [
                "p5",
                "p5-1",
                "annex-i",
                "annex-i-p1-1",
                "annex-i-1",
                "annex-i-1-1",
                "annex-i-1-a",
                "annex-i-1-a-1",
                "annex-i-1-a-2"
            ]
        );
    }

    #[test]
    fn an_item_knows_its_paragraph_and_order() {
        use ParaKind::*;
        let mut ps = vec![
            para(Operative, Some("12"), None, false),
            para(Subparagraph, Some("12"), Some("a"), false),
            para(Subparagraph, Some("12"), Some("a"), true),
            para(Subparagraph, Some("12"), Some("a"), true),
        ];
        assign_anchors(&mut ps);
        let (parent, n) = dash_parent(&ps[3]).unwrap();
        assert_eq!((parent.anchor.as_str(), n), ("op12a", 2));
        assert_eq!(parent.kind, Some(Subparagraph));
        assert_eq!(dash_ordinal(&ps[1]), None);
    }
}
