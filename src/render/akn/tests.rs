//! The writer on documents built by hand in every shape real texts bring,
//! each validated against the OASIS schema (skipped without `xmllint`).

use super::akn_document;
use super::xml::{esc, iri_part, uri, xsd_date};
use crate::model::{
    assign_anchors, Citation, DocKind, Document, Heading, Note, ParaKind, Paragraph,
};
use std::path::PathBuf;
use std::process::Command;

fn p(
    kind: ParaKind,
    number: Option<&str>,
    letter: Option<&str>,
    annex: Option<&str>,
    text: &str,
) -> Paragraph {
    Paragraph {
        kind: Some(kind),
        number: number.map(str::to_string),
        letter: letter.map(str::to_string),
        annex: annex.map(str::to_string),
        text: text.into(),
        ..Paragraph::default()
    }
}

fn pre(text: &str) -> Paragraph {
    p(ParaKind::Preamble, None, None, None, text)
}
fn op(n: &str, text: &str) -> Paragraph {
    p(ParaKind::Operative, Some(n), None, None, text)
}
fn sub(n: &str, l: &str, text: &str) -> Paragraph {
    p(ParaKind::Subparagraph, Some(n), Some(l), None, text)
}
fn item(annex: Option<&str>, l: Option<&str>, text: &str) -> Paragraph {
    p(ParaKind::AnnexItem, None, l, annex, text)
}
fn head(level: u8, text: &str, before: usize) -> Heading {
    Heading {
        level,
        text: text.to_string(),
        before,
    }
}
fn note(marker: &str, text: &str) -> Note {
    Note {
        marker: marker.to_string(),
        text: text.to_string(),
        citations: Vec::new(),
    }
}

fn doc(kind: DocKind, slug: &str, paragraphs: Vec<Paragraph>) -> Document {
    let mut d = Document::new(kind);
    d.slug = slug.to_string();
    d.paragraphs = paragraphs;
    assign_anchors(&mut d.paragraphs);
    d
}

fn xml(d: &Document) -> String {
    akn_document(d, &|slug| Some(format!("../{slug}/akn.xml")))
}

/// The schema: the repository's copy, else the shared one beside it.
fn schema() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("tests/fixtures/akn/akomantoso30.xsd"),
        root.join("../shared/akn/akomantoso30.xsd"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// Validate every document with one `xmllint` run; skipped (with a
/// message) when `xmllint` is not installed, except under CI.
fn assert_valid(docs: &[(&str, String)]) {
    let Some(xsd) = schema() else {
        panic!("no Akoma Ntoso schema in tests/fixtures/akn/");
    };
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = docs
        .iter()
        .map(|(name, text)| {
            let f = dir.path().join(format!("{name}.xml"));
            std::fs::write(&f, text).unwrap();
            f
        })
        .collect();
    let out = match Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .args(&files)
        .output()
    {
        Ok(o) => o,
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!("xmllint missing under CI: .ci/run should install libxml2-utils")
        }
        Err(_) => {
            eprintln!("skipped: xmllint is not installed (apt-get install libxml2-utils)");
            return;
        }
    };
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "schema validation failed:\n{report}");
    assert_eq!(report.matches(" validates").count(), docs.len(), "{report}");
}

/// A resolution in parts: headings in the preamble and among operative
/// paragraphs, lettered items in the preamble, notes everywhere.
fn resolution_in_parts() -> Document {
    let mut d = doc(
        DocKind::Resolution,
        "res-parts",
        vec![
            pre("Rappelant sa résolution 55/25[^1],"),
            pre("Notant :"),
            sub("", "a", "les progrès ;"),
            sub("", "b", "les difficultés,"),
            op("1", "*Décide* de procéder ainsi :"),
            sub("1", "a", "premièrement[^2] ;"),
            op("2", "Prie le Secrétariat ;"),
            op("3", "Invite les États ;"),
            op("4", "Décide de rester saisie de la question."),
        ],
    );
    d.title = Some("Une résolution en parties".into());
    d.body = Some("L’Assemblée générale,".into());
    d.body_code = Some("GA".into());
    d.number = Some("77/215".into());
    d.symbol = Some("A/RES/77/215".into());
    d.date = Some("2022-12-15".into());
    d.headings = vec![
        head(4, "Préambule[^1]", 0),
        head(2, "I. Coopération", 4),
        head(3, "A. Extradition", 4),
        head(4, "Dispositions générales", 6),
        head(3, "B. Entraide", 7),
        head(2, "II. Suivi", 8),
    ];
    d.notes = vec![
        note("1", "Voir A/RES/55/25."),
        note("2", "Note *deux*."),
        note("*", "A/77/L.1."),
    ];
    d.paragraphs[0].citations = vec![Citation {
        cited: "GA res 55/25".into(),
        surface: "résolution 55/25".into(),
        target: None,
        href: Some("https://undocs.org/fr/A/RES/55/25".into()),
    }];
    d
}

/// Annexes: numbered paragraphs with sub-items, free text, notes, an
/// unnamed annex, an annex with nothing in it.
fn annexes_of_every_kind() -> Document {
    let mut d = doc(
        DocKind::Decision,
        "dec-annexes",
        vec![
            op("1", "Adopte le texte figurant en annexe."),
            item(Some("I"), None, "Le Groupe a adopté ce qui suit[^3] :"),
            item(Some("I"), Some("a"), "Premier point ;"),
            item(Some("I"), Some("b"), "Second point."),
            item(Some("I"), None, "Texte libre après la liste."),
            p(
                ParaKind::Operative,
                Some("5"),
                None,
                Some("II"),
                "Un paragraphe numéroté d’annexe :",
            ),
            item(Some("II"), Some("a"), "son alinéa[^3]."),
            p(
                ParaKind::Operative,
                Some("6"),
                None,
                Some("II"),
                "Un autre.",
            ),
            item(None, None, "Annexe sans numéro."),
            p(
                ParaKind::Operative,
                Some("7"),
                None,
                None,
                "Numéroté dans l’annexe sans numéro.",
            ),
        ],
    );
    d.body = Some("La Conférence des Parties".into());
    d.headings = vec![
        head(2, "Annexe I", 1),
        head(3, "Recommandations", 1),
        head(4, "Première série", 2),
        head(2, "Annexe II", 5),
        head(2, "I. Une section d’annexe", 5),
        head(2, "Annexe", 8),
        head(2, "Annexe III", 10),
    ];
    d.notes = vec![note("3", "Voir CTOC/COP/WG.3/2021/3.")];
    d
}

/// A report with sections, subsections and a thematic heading; no
/// number, symbol or date.
fn report_with_sections() -> Document {
    let mut d = doc(
        DocKind::Report,
        "report",
        vec![
            p(ParaKind::ReportPara, Some("1"), None, None, "Introduction."),
            p(
                ParaKind::ReportPara,
                Some("2"),
                None,
                None,
                "La Commission était saisie :",
            ),
            p(
                ParaKind::Subparagraph,
                Some("2"),
                Some("a"),
                None,
                "d’un rapport ;",
            ),
            p(ParaKind::ReportPara, Some("3"), None, None, "Examen."),
            p(
                ParaKind::ReportPara,
                Some("4"),
                None,
                None,
                "Recommandation.",
            ),
        ],
    );
    d.headings = vec![
        head(2, "I. Introduction", 0),
        head(2, "II. Examen", 3),
        head(3, "A. Projet de résolution A/C.3/77/L.2", 3),
        head(4, "Mesures prises", 3),
        head(2, "Recommandations sans numéro", 4),
        head(2, "Un intitulé final sans paragraphe", 5),
    ];
    d
}

#[test]
fn every_shape_of_document_is_valid_akoma_ntoso() {
    let parts = resolution_in_parts();
    let annexes = annexes_of_every_kind();
    let report = report_with_sections();
    let mut no_preamble = doc(DocKind::Decision, "no-preamble", vec![op("1", "Décide.")]);
    no_preamble.date = Some("2020-02-29".into());
    let no_operative = doc(
        DocKind::DraftResolution,
        "no-operative",
        vec![
            pre("Consciente de tout,"),
            pre("Ayant examiné :"),
            sub("", "a", "le rapport."),
        ],
    );
    let empty = doc(DocKind::Resolution, "empty", Vec::new());
    let mut page = doc(DocKind::Page, "page", Vec::new());
    page.markdown = Some("# Page".into());
    let docs: Vec<(&str, String)> = vec![
        ("parts", xml(&parts)),
        ("annexes", xml(&annexes)),
        ("report", xml(&report)),
        ("no-preamble", xml(&no_preamble)),
        ("no-operative", xml(&no_operative)),
        ("empty", xml(&empty)),
        ("page", xml(&page)),
        ("hostile", xml(&hostile())),
    ];
    let x = &docs[0].1;
    assert!(
        x.contains("<FRBRthis value=\"/akn/un/statement/resolution/ga/2022-12-15/77-215/!main\"/>")
    );
    assert!(
        x.contains("<lifecycle source=\"#compendium\"><eventRef eId=\"e_1\" date=\"2022-12-15\"")
    );
    assert!(x.contains("<TLCOrganization eId=\"ga\" href=\"/ontology/organization/un/ga\" showAs=\"L’Assemblée générale\"/>"));
    assert!(x.contains(
        "<container eId=\"preamble__container_1\" name=\"crossHeading\"><p>Préambule<authorialNote"
    ));
    assert!(x.contains("<blockList eId=\"preamble__list_1\" class=\"pp2\"><listIntroduction eId=\"preamble__p_2\">Notant :</listIntroduction><item eId=\"preamble__list_1__item_a\" class=\"pp2a\">"));
    assert!(x.contains("<division eId=\"dvs_I\"><num>I.</num><heading>Coopération</heading><subdivision eId=\"dvs_I__subdvs_A\">"));
    assert!(x.contains("<paragraph eId=\"para_1\" class=\"op1\"><num>1.</num><list eId=\"para_1__list_1\"><intro><p>Décide de procéder ainsi :</p></intro>"));
    assert!(x.contains("</subdivision></division><division eId=\"dvs_II\">"));
    assert!(x.contains("<docTitle>Une résolution en parties<authorialNote marker=\"*\""));
    assert!(x.contains("<ref href=\"https://undocs.org/fr/A/RES/55/25\""));

    let x = &docs[1].1;
    assert!(x.contains(
        "<preamble><formula name=\"enactingFormula\"><p>La Conférence des Parties,</p></formula></preamble>"
    ));
    assert!(x.contains("<attachment eId=\"att_1\"><doc name=\"annex\"><meta><identification source=\"#compendium\"><FRBRWork><FRBRthis value=\"/akn/un/statement/decision/un/9999-01-01/dec-annexes/!annex_1\"/>"));
    assert!(x.contains("<longTitle eId=\"att_1__longTitle_1\"><p>Recommandations</p></longTitle>"));
    assert!(x.contains("<list eId=\"att_1__list_1\"><intro><p eId=\"att_1__list_1__intro\" class=\"annex-i\">Le Groupe a adopté ce qui suit<authorialNote marker=\"3\" placement=\"bottom\" eId=\"att_1__list_1__intro__authorialNote_3\">"));
    assert!(x.contains("<crossHeading eId=\"att_1__list_1__crossHeading_1\">Première série</crossHeading><point eId=\"att_1__list_1__point_a\""));
    assert!(x.contains(
        "<hcontainer eId=\"att_1__hcontainer_1\" class=\"annex-i-p2\" name=\"unnumberedParagraph\">"
    ));
    assert!(x.contains("<section eId=\"att_2__sec_I\"><num>I.</num><heading>Une section d’annexe</heading><paragraph eId=\"att_2__para_5\" class=\"op5\"><num>5.</num><list eId=\"att_2__para_5__list_1\">"));
    assert!(x.contains("<docTitle>Annexe</docTitle></p></preface><mainBody><hcontainer eId=\"att_3__hcontainer_1\" class=\"annex\""));
    assert!(x.contains("<paragraph eId=\"att_3__para_7\""));
    assert!(x.contains("<docTitle>Annexe III</docTitle></p></preface><mainBody><p/></mainBody>"));

    let x = &docs[2].1;
    assert!(x.contains("<FRBRdate date=\"9999-01-01\" name=\"unknown\"/>"));
    assert!(!x.contains("<lifecycle"), "no lifecycle without a date");
    assert!(x.contains("<section eId=\"sec_I\"><num>I.</num><heading>Introduction</heading><paragraph eId=\"para_1\""));
    assert!(x.contains("<section eId=\"sec_II\"><num>II.</num><heading>Examen</heading><subsection eId=\"sec_II__subsec_A\"><num>A.</num><heading>Projet de résolution A/C.3/77/L.2</heading><hcontainer eId=\"hcontainer_1\" name=\"crossHeading\"><heading>Mesures prises</heading></hcontainer><paragraph eId=\"para_3\""));
    assert!(x.contains("<section eId=\"sec_3\"><heading>Recommandations sans numéro</heading><paragraph eId=\"para_4\""));
    assert!(x.contains("<section eId=\"sec_4\"><heading>Un intitulé final sans paragraphe</heading></section></mainBody>"));

    let x = &docs[3].1;
    assert!(x.contains("<FRBRdate date=\"2020-02-29\" name=\"adoption\"/>"));
    assert!(!x.contains("<preamble>"), "no preamble, no formula");
    let x = &docs[4].1;
    assert!(x.contains("<mainBody><hcontainer eId=\"hcontainer_1\" class=\"pp1\" name=\"unnumberedParagraph\"><content><p>Consciente de tout,</p></content></hcontainer><list eId=\"list_1\"><intro><p eId=\"list_1__intro\" class=\"pp2\">Ayant examiné :</p></intro>"));
    assert!(docs[5].1.contains("<mainBody><p/></mainBody>"));
    assert_valid(&docs);
}

/// Text and metadata no schema would take as they are.
fn hostile() -> Document {
    let mut d = doc(
        DocKind::Resolution,
        "a \"b\" <c> & d/e",
        vec![
            pre("Bell\u{7}e & <b>\u{0}«x»\u{fffe}\u{ffff}\u{fffd}\u{1b}[^\"<&]"),
            op("12 bis", "Texte\u{c}\r\n\tsuite[^1]"),
            sub("12 bis", "a\"", "Point\u{1f}."),
        ],
    );
    d.title = Some("Titre\u{8} <i>\"q\"</i>".into());
    d.body = Some("L’Organe \u{1}\"<x>\",".into());
    d.body_code = Some("A B\"".into());
    d.number = Some("1/2 \"x\" <y>".into());
    d.symbol = Some("A/RES/\u{2}1".into());
    d.date = Some("2023-02-30".into()); // the shape of a date, not a date
    d.paragraphs[0].anchor = "pp\"1<".into();
    d.notes = vec![
        note("\"<&", "Note \u{3}<&>\""),
        note("1", "Une."),
        note("**", "Double étoile\u{5}."),
    ];
    d.headings = vec![
        head(2, "I. Part\u{4}ie \"<&>\"", 1),
        head(2, "X\u{b}Y\u{7f}", 1),
    ];
    d.paragraphs[1].citations = vec![
        Citation {
            cited: "X \"y\"".into(),
            surface: "Texte".into(),
            target: Some("autre doc\"<>#op1 \"x\"".into()),
            href: None,
        },
        Citation {
            cited: "Z".into(),
            surface: "suite".into(),
            target: None,
            href: Some("::a b[c]{d}|^`%zz%41".into()),
        },
    ];
    d
}

#[test]
fn content_cannot_break_the_xml() {
    let x = xml(&hostile());
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    assert!(!x.chars().any(bad), "a character XML forbids");
    assert!(x.contains("\u{fffd}") && x.contains("Belle &amp; &lt;b&gt;«x»"));
    assert!(
        x.contains("<FRBRdate date=\"9999-01-01\" name=\"unknown\"/>"),
        "an impossible date is no date"
    );
    assert!(x.contains("<FRBRuri value=\"/akn/un/statement/resolution/a-b-/9999-01-01/1-2_x_y\"/>"));
    assert!(x.contains("<FRBRnumber value=\"1/2 &quot;x&quot; &lt;y&gt;\"/>"));
    assert!(x.contains("<paragraph eId=\"para_12-bis\""));
    assert!(x.contains("<point eId=\"para_12-bis__list_1__point_a-\""));
    assert!(x.contains(
        "marker=\"&quot;&lt;&amp;\" placement=\"bottom\" eId=\"preamble__p_1__authorialNote_---\""
    ));
    assert!(x.contains("eId=\"preface__authorialNote_starstar\""));
    assert!(x.contains("href=\"../autre%20doc%22%3C%3E/akn.xml#op1%20%22x%22\""));
    assert!(x.contains("href=\"%3A%3Aa%20b%5Bc%5D%7Bd%7D%7C%5E%60%25zz%41\""));
    assert_valid(&[("hostile", x)]);
}

#[test]
fn escaping_is_that_of_each_character_replaced_in_turn() {
    let reference = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    for s in [
        "",
        "plain text, l’État « oui »",
        "a & b < c > d \"e\"",
        "&amp; &lt;",
        "<<>>&&\"\"",
        "é&é<é",
        "fin&",
        "\"début",
        "\u{f000}\u{fffd}\u{fefe}ﬁ",
    ] {
        assert_eq!(esc(s), reference(s), "{s:?}");
    }
    assert_eq!(
        esc("a\u{0}b\u{1f}c\td\ne\rf\u{fffe}g\u{ffff}"),
        "abc\td\ne\rfg"
    );
}

#[test]
fn dates_iris_and_uris() {
    for ok in ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"] {
        assert_eq!(xsd_date(ok), Some(ok));
    }
    for bad in [
        "2023-02-29",
        "1900-02-29",
        "0000-01-01",
        "2023-13-01",
        "2023-04-31",
        "2023-1-01",
        "２０２３-01-01",
        "",
    ] {
        assert_eq!(xsd_date(bad), None, "{bad}");
    }
    assert_eq!(iri_part("77/215"), "77-215");
    assert_eq!(iri_part("1373 (2001)"), "1373_2001");
    assert_eq!(iri_part("A/C.3/77/L.11/Rev.1"), "A-C.3-77-L.11-Rev.1");
    assert_eq!(iri_part("\"<>\""), "0");
    assert_eq!(
        uri("https://undocs.org/fr/A/RES/55/25"),
        "https://undocs.org/fr/A/RES/55/25"
    );
    assert_eq!(uri("../a b/akn.xml#op1"), "../a%20b/akn.xml#op1");
    assert_eq!(uri("x:y"), "x:y");
    assert_eq!(uri("1:y/z:w"), "1%3Ay/z:w");
    assert_eq!(uri("é%4"), "%C3%A9%254");
}
