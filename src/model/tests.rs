//! Anchors, parts and the reading of unnumbered paragraphs.

use super::*;

fn para(kind: ParaKind, number: Option<&str>, letter: Option<&str>) -> Paragraph {
    Paragraph {
        kind: Some(kind),
        number: number.map(str::to_string),
        letter: letter.map(str::to_string),
        ..Paragraph::default()
    }
}

#[test]
fn roman_items_nest_in_the_lettered_item_before_them() {
    use ParaKind::*;
    let mut ps = vec![
        para(Operative, Some("3"), None),
        para(Subparagraph, Some("3"), Some("a")),
        para(Subparagraph, Some("3"), Some("i")),
        para(Subparagraph, Some("3"), Some("ii")),
        para(Subparagraph, Some("3"), Some("b")),
        para(Subparagraph, Some("3"), Some("i")),
        para(Subparagraph, Some("3"), Some("c")),
        para(Subparagraph, Some("3"), Some("d")),
        para(Subparagraph, Some("3"), Some("e")),
        para(Subparagraph, Some("3"), Some("f")),
        para(Subparagraph, Some("3"), Some("g")),
        para(Subparagraph, Some("3"), Some("h")),
        // The ninth letter, not a nested item.
        para(Subparagraph, Some("3"), Some("i")),
        para(Operative, Some("4"), None),
        // Roman items directly under a paragraph.
        para(Subparagraph, Some("4"), Some("i")),
        para(Subparagraph, Some("4"), Some("ii")),
    ];
    assign_anchors(&mut ps);
    let anchors: Vec<&str> = ps.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        [
            "op3", "op3a", "op3ai", "op3aii", "op3b", "op3bi", "op3c", "op3d", "op3e", "op3f",
            "op3g", "op3h", "op3i", "op4", "op4i", "op4ii"
        ]
    );
}

#[test]
fn numbered_annex_paragraphs_have_their_number_in_the_anchor() {
    use ParaKind::*;
    let annex = |number: Option<&str>, letter: Option<&str>| Paragraph {
        annex: Some("I".into()),
        ..para(AnnexItem, number, letter)
    };
    let mut ps = vec![
        annex(None, None),
        annex(Some("1"), None),
        annex(Some("1"), Some("a")),
        annex(None, Some("b")),
    ];
    assign_anchors(&mut ps);
    let anchors: Vec<&str> = ps.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        ["annex-i", "annex-i-1", "annex-i-1-a", "annex-i-b"]
    );
}

#[test]
fn unnumbered_annex_paragraphs_after_the_intro_are_anchored_by_order() {
    use ParaKind::*;
    let annex = |name: &str, number: Option<&str>, letter: Option<&str>| Paragraph {
        annex: Some(name.into()),
        ..para(AnnexItem, number, letter)
    };
    let mut ps = vec![
        annex("I", None, None),
        annex("I", None, Some("a")),
        annex("I", None, None),
        annex("I", None, Some("a")),
        annex("I", Some("1"), None),
        annex("I", Some("1"), Some("a")),
        annex("I", None, None),
        annex("II", None, None),
        annex("II", None, None),
    ];
    assign_anchors(&mut ps);
    let anchors: Vec<&str> = ps.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        [
            "annex-i",
            "annex-i-a",
            "annex-i-p2",
            "annex-i-p2-a",
            "annex-i-1",
            "annex-i-1-a",
            "annex-i-p3",
            "annex-ii",
            "annex-ii-p2"
        ]
    );
}

#[test]
fn a_resolution_without_numbers_has_unnumbered_operative_paragraphs() {
    use ParaKind::*;
    let pp = |t: &str| Paragraph {
        kind: Some(Preamble),
        text: t.into(),
        ..Paragraph::default()
    };
    let mut ps = vec![
        pp("Having examined the application"),
        pp("Noting the report[^1],"),
        pp("Recommends that it be admitted;"),
        pp("Decides to remain seized."),
    ];
    mark_unnumbered_operative(DocKind::Resolution, &mut ps);
    assign_anchors(&mut ps);
    let anchors: Vec<&str> = ps.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(anchors, ["pp1", "pp2", "op1", "op2"]);
    // A list after a colon, a report, or numbered paragraphs: untouched.
    let mut ps = vec![pp("Rappelant tout,"), pp("Ayant examiné :")];
    mark_unnumbered_operative(DocKind::Resolution, &mut ps);
    assert!(ps.iter().all(|p| p.kind == Some(Preamble)));
    let mut ps = vec![pp("Noting,"), pp("Decides.")];
    mark_unnumbered_operative(DocKind::Report, &mut ps);
    assert!(ps.iter().all(|p| p.kind == Some(Preamble)));
}

#[test]
fn an_unnumbered_lead_in_with_a_colon_opens_the_operative_part() {
    use ParaKind::*;
    let p = |k: ParaKind, n: Option<&str>, l: Option<&str>, t: &str| Paragraph {
        kind: Some(k),
        number: n.map(Into::into),
        letter: l.map(Into::into),
        text: t.into(),
        ..Paragraph::default()
    };
    // « Decides: » and its lettered clauses.
    let mut ps = vec![
        p(Preamble, None, None, "Recalling its resolutions,"),
        p(Preamble, None, None, "Decides:"),
        p(Subparagraph, None, Some("a"), "To postpone;"),
        p(Subparagraph, None, Some("b"), "That it shall."),
    ];
    mark_unnumbered_operative(DocKind::DraftResolution, &mut ps);
    assign_anchors(&mut ps);
    let anchors: Vec<&str> = ps.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(anchors, ["pp1", "op1", "op1a", "op1b"]);
    // « Resolves that: » before paragraph 1 is op0.
    let mut ps = vec![
        p(Preamble, None, None, "Resolves that:"),
        p(Operative, Some("1"), None, "The Fund shall;"),
    ];
    mark_unnumbered_operative(DocKind::Resolution, &mut ps);
    assign_anchors(&mut ps);
    let anchors: Vec<&str> = ps.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(anchors, ["op0", "op1"]);
    // A preambular paragraph with its items stays preambular.
    let mut ps = vec![
        p(Preamble, None, None, "Recalling the principles:"),
        p(Subparagraph, None, Some("a"), "Sovereignty;"),
        p(Operative, Some("1"), None, "Decides."),
    ];
    mark_unnumbered_operative(DocKind::Resolution, &mut ps);
    assert_eq!(ps[0].kind, Some(Preamble));
    // So does a decision's narrative, however it ends.
    let narrative = "At its 2nd plenary meeting, on 12 September 2025, the General Assembly, recalling its resolution:";
    let mut ps = vec![
        p(Preamble, None, None, narrative),
        p(Subparagraph, None, Some("a"), "Expressed its gratitude."),
    ];
    mark_unnumbered_operative(DocKind::Decision, &mut ps);
    assert_eq!(ps[0].kind, Some(Preamble));
}

#[test]
fn each_part_has_its_own_unnumbered_operative_paragraphs() {
    use ParaKind::*;
    let p = |k: ParaKind, l: Option<&str>, t: &str| Paragraph {
        kind: Some(k),
        letter: l.map(Into::into),
        text: t.into(),
        ..Paragraph::default()
    };
    let mut ps = vec![
        p(Preamble, None, "At its 48th plenary meeting, on 6 December 2024, the General Assembly, recalling its decisions, decided:"),
        p(Subparagraph, Some("a"), "That the Conference shall be postponed;"),
        p(Preamble, None, "At its 55th plenary meeting, the General Assembly decided to reconsider paragraph (b)."),
    ];
    let heading = |t: &str, before| Heading {
        level: 2,
        text: t.into(),
        before,
    };
    let hs = [heading("A", 0), heading("B", 2)];
    mark_unnumbered_operative_by_part(DocKind::Decision, &mut ps, &hs);
    let kinds: Vec<_> = ps.iter().map(|p| p.kind.unwrap()).collect();
    assert_eq!(kinds, [Preamble, Subparagraph, Operative]);
    // The same paragraphs without parts: one document-wide reading.
    for p in &mut ps {
        if p.kind == Some(Operative) {
            p.kind = Some(Preamble);
        }
    }
    mark_unnumbered_operative_by_part(DocKind::Decision, &mut ps, &[]);
    assert_eq!(ps[2].kind, Some(Preamble));
}

#[test]
fn part_labels_are_capital_letters_or_roman_numbers() {
    for l in ["A", "B", "I", "II", "IV", "XII"] {
        assert!(is_part_label(l), "{l}");
    }
    for l in ["AB", "ii", "I.", "", "IIV1"] {
        assert!(!is_part_label(l), "{l}");
    }
}

#[test]
fn parts_that_number_again_prefix_their_anchors() {
    use ParaKind::*;
    let mut ps = vec![
        para(Preamble, None, None),
        para(Operative, Some("1"), None),
        para(Preamble, None, None),
        para(Operative, Some("1"), None),
        para(Subparagraph, Some("1"), Some("a")),
    ];
    let part = |letter: &str, before: usize| Heading {
        level: 2,
        text: letter.into(),
        before,
    };
    mark_restarting_parts(&mut ps, &[part("A", 1), part("B", 2)]);
    assign_anchors(&mut ps);
    let anchors: Vec<&str> = ps.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(anchors, ["pp1", "a-op1", "pp2", "b-op1", "b-op1a"]);
    // Numbering that runs on through the parts: no prefix.
    let mut ps = vec![
        para(Operative, Some("1"), None),
        para(Operative, Some("2"), None),
    ];
    mark_restarting_parts(&mut ps, &[part("A", 0), part("B", 1)]);
    assign_anchors(&mut ps);
    assert_eq!(ps[1].anchor, "op2");
}

#[test]
fn verb_clauses_before_a_long_lead_in_are_operative_and_anchored_op0_k() {
    use ParaKind::*;
    let p = |k: ParaKind, n: Option<&str>, t: &str| Paragraph {
        kind: Some(k),
        number: n.map(Into::into),
        text: t.into(),
        ..Paragraph::default()
    };
    let mut ps = vec![
        p(Preamble, None, "Considering that the situation persists,"),
        p(Preamble, None, "Reaffirms its earlier resolutions;"),
        p(Preamble, None, "Resolves to remain seized of the matter;"),
        p(
            Preamble,
            None,
            "Recommends that the Governments of all Member States take without delay the following measures:",
        ),
        p(Operative, Some("1"), "The establishment of a commission;"),
        p(Operative, Some("2"), "The report of the commission."),
    ];
    mark_unnumbered_operative(DocKind::Resolution, &mut ps);
    assign_anchors(&mut ps);
    let anchors: Vec<&str> = ps.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(anchors, ["pp1", "op0-1", "op0-2", "op0-3", "op1", "op2"]);
    // A long lead-in that opens with no verb stays preambular.
    let mut ps = vec![
        p(
            Preamble,
            None,
            "Having considered the report of the Committee on the many questions before it at its session:",
        ),
        p(Operative, Some("1"), "The establishment of a commission."),
    ];
    mark_unnumbered_operative(DocKind::Resolution, &mut ps);
    assert_eq!(ps[0].kind, Some(Preamble));
}

#[test]
fn an_amendments_unnumbered_instruction_is_operative() {
    let mut ps = vec![Paragraph {
        kind: Some(ParaKind::Preamble),
        text: "Delete the eighth preambular paragraph reading: Recalling its resolution 1/1,"
            .into(),
        ..Paragraph::default()
    }];
    mark_unnumbered_operative(DocKind::DraftResolution, &mut ps);
    assert_eq!(ps[0].kind, Some(ParaKind::Operative));
}
