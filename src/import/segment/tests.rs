//! The segmenter's line shapes and openings.

use super::*;

#[test]
fn line_regexes_skip_only_lines_they_cannot_match() {
    use crate::import::lines::tests::{assert_lead_keeps_matches, sample_lines};
    let lines = sample_lines();
    for (name, r) in [
        ("DRAFT_MARKER", &DRAFT_MARKER),
        ("NUMBER_LINE", &NUMBER_LINE),
        ("FORMULA", &FORMULA),
        ("NUMBERED", &NUMBERED),
        ("LETTERED", &LETTERED),
        ("SECTION", &SECTION),
        ("SUBSECTION", &SUBSECTION),
        ("ANNEX", &ANNEX),
    ] {
        assert_lead_keeps_matches(name, r, &lines);
    }
}

#[test]
fn recognises_operative_openings() {
    for t in [
        "Decides to include",
        "Also calls upon",
        "Strongly condemns",
        "Décide de",
        "Prie le",
        "Insta a",
    ] {
        assert!(opens_operative(t), "{t}");
    }
    for t in [
        "Speeches made in",
        "States shall",
        "Recalling its",
        "The Council",
    ] {
        assert!(!opens_operative(t), "{t}");
    }
}

#[test]
fn recognises_preamble_openings() {
    for t in [
        "Rappelant sa résolution",
        "Gravement préoccupée par",
        "Consciente du fait",
        "Convaincue que",
        "Se félicitant du",
        "Recalling its resolution",
        "Deeply concerned about",
    ] {
        assert!(opens_preamble(t), "{t}");
    }
    for t in [
        "États Membres",
        "Assemblée générale",
        "Unies contre",
        "la suite",
    ] {
        assert!(!opens_preamble(t), "{t}");
    }
}
