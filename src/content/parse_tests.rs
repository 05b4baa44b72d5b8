//! Content parsing: structure, anchors, errors, round trip.

use super::*;

#[test]
fn annexes_are_numbered_or_lettered() {
    assert_eq!(annex_heading("Annexe II"), Some("II"));
    assert_eq!(annex_heading("ANNEX"), Some(""));
    assert_eq!(annex_heading("Annex B"), Some("B"));
    assert_eq!(annex_heading("Annex to the report"), None);
}

#[test]
fn dates_must_be_days_of_the_calendar() {
    for ok in ["2012-10-19", "2024-02-29", "2000-02-29"] {
        assert!(is_iso_date(ok), "{ok}");
    }
    for bad in [
        "2023-02-30",
        "2023-02-29",
        "1900-02-29",
        "2023-13-01",
        "2023-04-31",
        "2023-00-10",
        "2023-1-01",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
}

#[test]
fn fast_paragraph_labels_read_as_the_regexes_do() {
    let regex = |re: &Regex, t: &str| {
        re.captures(t).map(|c| {
            let text = c.get(2).map_or("", |m| m.as_str());
            (c[1].to_string(), text.to_string())
        })
    };
    let owned = |o: Option<(&str, &str)>| o.map(|(a, b)| (a.to_string(), b.to_string()));
    for t in [
        "12. Décide",
        "1.\tPrie",
        "1234.  x",
        "12345. x",
        "1. ",
        "1.",
        "1.x",
        "12 Décide",
        "٣. Décide",
        "1٣. x",
        "a) La",
        "ab)  b",
        "abc) c",
        "iv) d",
        "xii) e",
        "iiiiiii) f",
        "a)",
        "a) ",
        "A) x",
        "é) x",
        "",
        "Rappelant",
        "1.\u{a0}Note",
        "3.\n\nsuite",
    ] {
        assert_eq!(owned(numbered(t)), regex(&NUMBERED, t), "numbered {t:?}");
        assert_eq!(owned(lettered(t)), regex(&LETTERED, t), "lettered {t:?}");
    }
}
use crate::content::write::write_document;

const SAMPLE: &str = "---\nkind: resolution\ntitle: Essai\nbody: L’Assemblée générale\n---\n\nRappelant sa résolution 55/25[^1],\n\nConsciente du problème, {+firearms -corruption}\n\n1. Décide de continuer ;\n\na) premier point ;\n\nb) second point.\n\n2. Prie le Secrétaire général.\n\n## Annexe I\n\n### Recommandations\n\nLe Groupe a adopté ce qui suit :\n\na) Les États sont encouragés.\n\n[^1]: Voir A/RES/55/25.\n";

#[test]
fn parses_structure_and_anchors() {
    let (d, w) = parse_document(SAMPLE, Path::new("essai.md")).unwrap();
    assert!(w.is_empty(), "{w:?}");
    let anchors: Vec<&str> = d.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        [
            "pp1",
            "pp2",
            "op1",
            "op1a",
            "op1b",
            "op2",
            "annex-i",
            "annex-i-a"
        ]
    );
    assert_eq!(d.paragraphs[0].footnotes, ["1"]);
    assert_eq!(d.paragraphs[1].topics_add, ["firearms"]);
    assert_eq!(d.paragraphs[1].topics_remove, ["corruption"]);
    assert_eq!(&*d.paragraphs[1].text, "Consciente du problème,");
    assert_eq!(d.slug, "essai");
}

#[test]
fn round_trips_through_the_writer() {
    let (d, _) = parse_document(SAMPLE, Path::new("essai.md")).unwrap();
    let again = write_document(&d);
    let (mut d2, _) = parse_document(&again, Path::new("essai.md")).unwrap();
    // Only line numbers may move (the writer spells out every field).
    for (a, b) in d.paragraphs.iter().zip(d2.paragraphs.iter_mut()) {
        b.line = a.line;
    }
    assert_eq!(d.paragraphs, d2.paragraphs);
    assert_eq!(d.notes, d2.notes);
    assert_eq!(d.headings, d2.headings);
}

#[test]
fn reports_malformed_front_matter_with_line() {
    let e = parse_document(
        "---\nkind: resolution\ntitle: [oops\n---\n\nTexte,\n",
        Path::new("x.md"),
    )
    .unwrap_err();
    assert!(e.0[0].line >= 3, "{e}");
    assert!(e.to_string().contains("malformed front matter"), "{e}");
}

#[test]
fn rejects_non_mapping_and_unknown_kind() {
    let e = parse_document("---\n- a\n- b\n---\nTexte\n", Path::new("x.md")).unwrap_err();
    assert!(e.to_string().contains("not a mapping"), "{e}");
    let e = parse_document("---\nkind: motion\n---\nTexte\n", Path::new("x.md")).unwrap_err();
    assert!(
        e.to_string().contains("x.md:2: unknown kind `motion`"),
        "{e}"
    );
}

#[test]
fn footnote_called_but_not_defined_is_an_error() {
    let e = parse_document(
        "---\nkind: resolution\n---\n\nRappelant[^3],\n",
        Path::new("x.md"),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("x.md:5: footnote [^3] is called here but never defined"),
        "{e}"
    );
}

#[test]
fn footnote_defined_but_not_called_is_a_warning() {
    let (_, w) = parse_document(
        "---\nkind: resolution\n---\n\nRappelant,\n\n[^2]: Note.\n",
        Path::new("x.md"),
    )
    .unwrap();
    assert_eq!(w.len(), 1);
    assert!(w[0]
        .to_string()
        .contains("x.md:7: footnote [^2] is defined but never called"));
}

#[test]
fn duplicate_anchor_is_an_error() {
    let e = parse_document(
        "---\nkind: resolution\n---\n\n1. Un ;\n\n1. Deux.\n",
        Path::new("x.md"),
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("x.md:7: duplicate anchor `#op1`"),
        "{e}"
    );
}

const ITEMS: &str = "---\nkind: resolution\n---\n\nRappelant les principes suivants :\n\n- premier principe ;\n- second principe,\nécrit sur deux lignes ;\n\n\\- un tiret gardé comme texte,\n\n1. Demande ce qui suit :\n\n- un point ;\n\n- un autre point {+firearms}\n\na) premier alinéa :\n\n- sous-point.\n\n## Annexe I\n\nIntroduction :\n\n- point de l’introduction ;\n\n1. Premier paragraphe :\n\n- son point.\n";

#[test]
fn dash_items_belong_to_the_paragraph_before_them() {
    let (d, w) = parse_document(ITEMS, Path::new("items.md")).unwrap();
    assert!(w.is_empty(), "{w:?}");
    let anchors: Vec<&str> = d.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        [
            "pp1",
            "pp1-1",
            "pp1-2",
            "pp2",
            "op1",
            "op1-1",
            "op1-2",
            "op1a",
            "op1a-1",
            "annex-i",
            "annex-i-p1-1",
            "annex-i-1",
            "annex-i-1-1"
        ]
    );
    let p = &d.paragraphs;
    assert_eq!(&*p[2].text, "second principe, écrit sur deux lignes ;");
    assert_eq!(p[2].kind, Some(ParaKind::Subparagraph));
    assert!(p[2].dash);
    // `\- ` keeps a dash as the text of a paragraph.
    assert_eq!(
        (&*p[3].text, p[3].dash),
        ("- un tiret gardé comme texte,", false)
    );
    assert_eq!(
        (p[5].number.as_deref(), p[5].letter.as_deref()),
        (Some("1"), None)
    );
    assert_eq!(p[6].topics_add, ["firearms"]);
    assert_eq!(p[8].letter.as_deref(), Some("a"));
    assert_eq!(p[10].kind, Some(ParaKind::AnnexItem));
    assert_eq!(p[12].number.as_deref(), Some("1"));
}

#[test]
fn dash_items_round_trip_through_the_writer() {
    let (d, _) = parse_document(ITEMS, Path::new("items.md")).unwrap();
    let again = write_document(&d);
    assert!(again.contains("\n- premier principe ;\n"), "{again}");
    let (mut d2, _) = parse_document(&again, Path::new("items.md")).unwrap();
    for (a, b) in d.paragraphs.iter().zip(d2.paragraphs.iter_mut()) {
        b.line = a.line;
    }
    assert_eq!(d.paragraphs, d2.paragraphs);
}

#[test]
fn a_dash_item_needs_a_paragraph_before_it() {
    let e = parse_document(
        "---\nkind: resolution\n---\n\n- orphelin ;\n",
        Path::new("x.md"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("x.md:5: a `- ` item belongs"), "{e}");
}

#[test]
fn a_number_alone_holds_the_items_under_it() {
    let text = "---\nkind: resolution\n---\n\n1. Décide ;\n\n2.\n\na) premier point ;\n\nb) second point.\n";
    let (d, _) = parse_document(text, Path::new("essai.md")).unwrap();
    assert_eq!(d.paragraphs[1].number.as_deref(), Some("2"));
    assert_eq!(&*d.paragraphs[1].text, "");
    assert_eq!(d.paragraphs[2].anchor, "op2a");
    // The writer prints it back as `2.`, with no trailing space.
    let again = write_document(&d);
    assert!(again.contains("\n2.\n"), "{again}");
    let (d2, _) = parse_document(&again, Path::new("essai.md")).unwrap();
    assert_eq!(d2.paragraphs.len(), d.paragraphs.len());
}
