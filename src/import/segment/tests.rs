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

#[test]
fn a_sponsors_line_wrapped_before_its_kind_is_the_covers() {
    let text = "Agenda item 97\nPrevention of an arms race\n\nAlgeria, Belarus, China, Cuba and Zimbabwe: draft\nresolution\n\nNo first placement of weapons\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to include the item.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    assert_eq!(docs[0].kind, DocKind::DraftResolution);
    assert!(docs[0]
        .cover
        .iter()
        .any(|l| l.ends_with("Zimbabwe: draft resolution")));
    assert_eq!(docs[0].head_blocks, ["No first placement of weapons"]);
    // A title that only ends with one of its words is no sponsors' line.
    let title = "Agenda item 97\n\nMeasures on the draft\narticles\n\nThe General Assembly,\n\n1. Decides to include the item.\n";
    let stream = crate::import::lines::split_stream(title);
    assert_eq!(segment(&stream.lines)[0].kind, DocKind::Resolution);
}
