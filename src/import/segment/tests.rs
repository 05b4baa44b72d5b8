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

#[test]
fn a_cover_date_wrapped_onto_the_next_line_is_read_whole() {
    let text = "General Assembly Distr.: General 3 May 2030\nResolution adopted by the General Assembly on 1 April\n2030\n[without reference to a Main Committee]\n90/1. A title\nThe General Assembly,\nRecalling its resolutions,\n1. Decides to act.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    let cover = &docs[0].cover;
    assert!(
        cover.contains(&"Resolution adopted by the General Assembly on 1 April 2030".to_string()),
        "{cover:?}"
    );
    assert_eq!(cover::adoption_date(cover).as_deref(), Some("2030-04-01"));
}
