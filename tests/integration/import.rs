//! The importer on the five seeds (counts, wording, notes, metadata) and on
//! hand-written extractions it has never seen.

use crate::common::*;
use compendium::model::{DocKind, Document, ParaKind};

fn doc<'a>(docs: &'a [Document], slug: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.slug == slug)
        .unwrap_or_else(|| panic!("no document {slug}"))
}

/// (slug, kind, preambular, operative, sub-paragraphs, report paragraphs, notes)
const SEED_COUNTS: &[(&str, DocKind, usize, usize, usize, usize, usize)] = &[
    (
        "celebration-du-vingtieme-anniversaire-de-l-adoption-de",
        DocKind::Resolution,
        15,
        13,
        4,
        0,
        2,
    ),
    ("resolution-6-1", DocKind::Resolution, 17, 21, 0, 0, 8),
    ("a-77-464", DocKind::Report, 0, 0, 5, 31, 2),
    ("a-c-3-77-l-2", DocKind::DraftResolution, 8, 9, 0, 0, 2),
    ("a-c-3-77-l-3", DocKind::DraftResolution, 7, 12, 0, 0, 6),
    ("a-c-3-77-l-4", DocKind::DraftResolution, 31, 22, 0, 0, 5),
    (
        "a-c-3-77-l-11-rev-1",
        DocKind::DraftResolution,
        22,
        27,
        0,
        0,
        5,
    ),
    (
        "a-c-3-77-l-7-rev-1",
        DocKind::DraftResolution,
        63,
        77,
        0,
        0,
        37,
    ),
    (
        "a-c-3-77-l-8-rev-1",
        DocKind::DraftResolution,
        24,
        22,
        16,
        0,
        11,
    ),
    (
        "a-c-3-77-l-12-rev-1",
        DocKind::DraftResolution,
        77,
        85,
        0,
        0,
        47,
    ),
    ("ctoc-cop-2014-2", DocKind::Report, 0, 0, 5, 62, 10),
    (
        "application-des-dispositions-de-la-convention-des",
        DocKind::DraftResolution,
        8,
        2,
        0,
        0,
        5,
    ),
];

#[test]
fn seeds_give_twelve_documents_with_the_expected_counts() {
    let r = import_seeds();
    assert_eq!(r.documents.len(), 12);
    for &(slug, kind, pp, op, sub, rp, notes) in SEED_COUNTS {
        let d = doc(&r.documents, slug);
        assert_eq!(d.kind, kind, "{slug} kind");
        assert_eq!(d.count(ParaKind::Preamble), pp, "{slug} preambular");
        assert_eq!(d.count(ParaKind::Operative), op, "{slug} operative");
        assert_eq!(
            d.count(ParaKind::Subparagraph),
            sub,
            "{slug} sub-paragraphs"
        );
        assert_eq!(
            d.count(ParaKind::ReportPara),
            rp,
            "{slug} report paragraphs"
        );
        assert_eq!(d.notes.len(), notes, "{slug} notes");
    }
    let annexes = doc(
        &r.documents,
        "application-des-dispositions-de-la-convention-des",
    )
    .annex_counts();
    assert_eq!(
        annexes,
        vec![("I".to_string(), 24, true), ("II".to_string(), 13, true)]
    );
    let total: usize = r.documents.iter().map(|d| d.paragraphs.len()).sum();
    assert_eq!(total, 724);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn seeds_metadata_is_read_not_invented() {
    let r = import_seeds();
    let d = &r.documents;
    let report = doc(d, "a-77-464");
    assert_eq!(report.title, None, "the report states no title");
    assert_eq!(report.symbol.as_deref(), Some("A/77/464"));
    assert_eq!(doc(d, "ctoc-cop-2014-2").title, None);
    assert_eq!(
        doc(d, "ctoc-cop-2014-2").symbol.as_deref(),
        Some("CTOC/COP/2014/2")
    );
    let six_one = doc(d, "resolution-6-1");
    assert_eq!(six_one.number.as_deref(), Some("6/1"));
    assert!(six_one
        .title
        .as_deref()
        .unwrap()
        .starts_with("Assurer la bonne application"));
    assert_eq!(
        six_one.body.as_deref(),
        Some("La Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée")
    );
    let drafts = [
        (
            "a-c-3-77-l-2",
            "A/C.3/77/L.2",
            "Suite à donner au quatorzième Congrès",
        ),
        ("a-c-3-77-l-3", "A/C.3/77/L.3", "Réduction de la récidive"),
        ("a-c-3-77-l-4", "A/C.3/77/L.4", "Renforcer l’action menée"),
        (
            "a-c-3-77-l-11-rev-1",
            "A/C.3/77/L.11/Rev.1",
            "Institut africain",
        ),
        (
            "a-c-3-77-l-7-rev-1",
            "A/C.3/77/L.7/Rev.1",
            "Action préventive et lutte contre la corruption",
        ),
        (
            "a-c-3-77-l-8-rev-1",
            "A/C.3/77/L.8/Rev.1",
            "Adoption de mesures efficaces",
        ),
        (
            "a-c-3-77-l-12-rev-1",
            "A/C.3/77/L.12/Rev.1",
            "Renforcement du programme",
        ),
    ];
    for (slug, symbol, title) in drafts {
        let x = doc(d, slug);
        assert_eq!(x.symbol.as_deref(), Some(symbol));
        assert!(
            x.title.as_deref().unwrap().starts_with(title),
            "{slug}: {:?}",
            x.title
        );
        assert_eq!(x.contained_in.as_deref(), Some("a-77-464"));
        assert_eq!(x.body.as_deref(), Some("L’Assemblée générale"));
    }
    let d004 = doc(d, "application-des-dispositions-de-la-convention-des");
    assert_eq!(
        d004.title.as_deref(),
        Some("Application des dispositions de la Convention des Nations Unies contre la criminalité transnationale organisée relatives à la coopération internationale")
    );
    for x in d {
        assert!(
            x.source.as_deref().unwrap().starts_with("sources/0"),
            "{}",
            x.slug
        );
    }
}

#[test]
fn seeds_first_and_last_words() {
    let r = import_seeds();
    let cases = [
        (
            "celebration-du-vingtieme-anniversaire-de-l-adoption-de",
            "Se félicitant du vingtième",
            "règles et procédures de l’Organisation des Nations Unies.",
        ),
        (
            "resolution-6-1",
            "Rappelant sa résolution 5/1",
            "conformément aux règles et procédures de l'Organisation des Nations Unies.",
        ),
        ("a-77-464", "À sa 3e séance plénière", "suivants :"),
        (
            "a-c-3-77-l-2",
            "Soulignant la responsabilité",
            "un rapport sur l’application de la présente résolution.",
        ),
        (
            "ctoc-cop-2014-2",
            "Dans sa résolution 6/1",
            "particulièrement dans les situations de consolidation de la paix.",
        ),
        (
            "application-des-dispositions-de-la-convention-des",
            "Notant que la coopération internationale",
            "échanger des données d’expérience sur les examens de pays.",
        ),
    ];
    for (slug, first, last) in cases {
        let d = doc(&r.documents, slug);
        let f = &d.paragraphs.first().unwrap().text;
        let l = &d.paragraphs.last().unwrap().text;
        assert!(f.starts_with(first), "{slug} starts with {f}");
        assert!(l.ends_with(last), "{slug} ends with {l}");
    }
}

#[test]
fn seeds_hard_paragraphs_keep_the_original_wording() {
    let r = import_seeds();
    let d = &r.documents;
    let d000 = doc(d, "celebration-du-vingtieme-anniversaire-de-l-adoption-de");
    // `Protocole s s’y` repaired; footnote call `organisée1` removed and recorded.
    assert_eq!(
        para(d000, "pp3"),
        "Rappelant qu’il est indispensable de lutter efficacement contre la criminalité organisée pour que chacun et chacune puisse jouir de ses droits humains et de ses libertés fondamentales, et que l’application de la Convention et des Protocoles s’y rapportant contribue largement à cet objectif,"
    );
    assert!(
        para(d000, "pp1").contains("criminalité transnationale organisée[^1] et de son ouverture")
    );
    // `e t` and `celle -ci`.
    assert!(para(d000, "pp9").contains("à prévenir et combattre la criminalité organisée,"));
    assert!(para(d000, "pp4").ends_with("l’application effective de celle-ci,"));
    // `liber tés`, `criminali té`: text continued across a page with a footnote block.
    assert!(para(d000, "pp10").contains("les libertés fondamentales"));
    assert_eq!(
        para(d000, "pp6"),
        "Mettant en avant l’influence que la Convention et les Protocoles s’y rapportant ont eue ces 20 dernières années dans la lutte contre la criminalité transnationale organisée et ses manifestations, et reconnaissant le rôle central qu’a joué l’Office des Nations Unies contre la drogue et le crime dans la promotion de leur application,"
    );
    assert!(para(d000, "op3")
        .contains("les autres formes de criminalité, en particulier la corruption"));
    assert!(para(d000, "op12d").starts_with("La mise à jour, au besoin, d’instruments types"));

    // Report: compound hyphen at a line end, section numbering, sub-paragraphs.
    let report = doc(d, "a-77-464");
    assert!(para(report, "p1").contains("l’ordre du jour de sa soixante-dix-septième session"));
    assert!(para(report, "p3c")
        .starts_with("Rapport du Secrétaire général intitulé « Prévenir et combattre les crimes"));
    let p8 = report.paragraphs.iter().find(|p| p.anchor == "p8").unwrap();
    assert_eq!(p8.section.as_deref(), Some("II"));

    // Drafts: year + call, slash number + call, free call, call before « ».
    let l7 = doc(d, "a-c-3-77-l-7-rev-1");
    assert!(l7.paragraphs.iter().any(|p| p
        .text
        .contains("23/9 du 13 juin 2013[^1], 29/11 du 2 juillet 2015[^2]")));
    let l12 = doc(d, "a-c-3-77-l-12-rev-1");
    assert_eq!(para(l12, "op1"), "Prend note avec satisfaction du rapport du Secrétaire général établi en application de sa résolution 76/187[^42] ;");
    assert!(l12
        .paragraphs
        .iter()
        .any(|p| p.text.contains("infractions connexes[^30] ainsi que")));
    assert!(l12
        .paragraphs
        .iter()
        .any(|p| p.text.contains("d’armes à feu [^34]»,")));
    assert!(l12
        .paragraphs
        .iter()
        .any(|p| p.text.contains("du 30 juillet 2010")));
    let l2 = doc(d, "a-c-3-77-l-2");
    assert!(para(l2, "op2").contains("à l’horizon 2030[^2], adoptée par le quatorzième Congrès"));
    assert!(para(l2, "op6").ends_with("à sa trente-deuxième session ;"));

    // 003: the `*` note sits in the middle of paragraph 2; paragraph 21 runs across note 3.
    let r003 = doc(d, "ctoc-cop-2014-2");
    assert!(para(r003, "p2").ends_with("pour promouvoir et soutenir l’application de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s’y rapportant[^1]."));
    assert!(para(r003, "p21")
        .contains("fonctionnent efficacement en matière de prévention et de répression"));
    assert!(para(r003, "p62e").starts_with("Engager les États parties"));

    // 001: one line per paragraph, superscript calls, a paragraph split by notes.
    let d001 = doc(d, "resolution-6-1");
    assert!(para(d001, "pp8")
        .contains("problèmes sociaux et économiques et pour promouvoir l'état de droit"));
    assert!(para(d001, "op1").starts_with("*Note avec satisfaction* que le nombre de Parties"));

    // 004: split words and annexes.
    let d004 = doc(d, "application-des-dispositions-de-la-convention-des");
    assert!(para(d004, "pp4").contains(
        "de la Convention des Nations Unies contre la criminalité transnationale organisée »"
    ));
    assert!(
        para(d004, "annex-i").starts_with("À sa douzième réunion, tenue les 25 et 26 mars 2021")
    );
    assert!(para(d004, "annex-ii-m").starts_with("L’ONUDC est encouragé à organiser"));
}

#[test]
fn seeds_every_note_is_called_exactly_once_in_order() {
    let r = import_seeds();
    for d in &r.documents {
        let called: Vec<String> = d
            .paragraphs
            .iter()
            .flat_map(|p| p.footnotes.clone())
            .collect();
        let numbered: Vec<String> = d
            .notes
            .iter()
            .filter(|n| n.marker != "*")
            .map(|n| n.marker.clone())
            .collect();
        assert_eq!(called, numbered, "{}: calls in text order vs notes", d.slug);
        let expected: Vec<String> = (1..=numbered.len()).map(|n| n.to_string()).collect();
        assert_eq!(numbered, expected, "{}: notes numbered 1..n", d.slug);
    }
    // The `*` notes belong to their documents.
    for slug in [
        "celebration-du-vingtieme-anniversaire-de-l-adoption-de",
        "ctoc-cop-2014-2",
        "application-des-dispositions-de-la-convention-des",
    ] {
        assert_eq!(doc(&r.documents, slug).notes[0].marker, "*", "{slug}");
    }
}

#[test]
fn seeds_leave_no_page_furniture_in_the_text() {
    let r = import_seeds();
    for d in &r.documents {
        for p in &d.paragraphs {
            for junk in [
                "22-27149",
                "V.14-04464",
                "http",
                "__",
                "A/77/464 ",
                " 20/80",
            ] {
                assert!(
                    !p.text.contains(junk),
                    "{}#{}: {junk} in {}",
                    d.slug,
                    p.anchor,
                    p.text
                );
            }
            assert!(
                !p.text.contains("  "),
                "{}#{}: double space",
                d.slug,
                p.anchor
            );
        }
    }
}

#[test]
fn unseen_resolution_with_annex_and_notes_across_a_page_break() {
    let r = import_fixture("resolution_annex.txt");
    assert_eq!(r.documents.len(), 1);
    let d = &r.documents[0];
    assert_eq!(d.kind, DocKind::Resolution);
    assert_eq!(d.number.as_deref(), Some("99/123"));
    assert_eq!(d.symbol.as_deref(), Some("A/RES/99/123"));
    assert_eq!(
        d.title.as_deref(),
        Some("Lutte contre le trafic illicite de biens culturels")
    );
    assert_eq!(d.body.as_deref(), Some("L’Assemblée générale"));
    let anchors: Vec<&str> = d.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        [
            "pp1", "pp2", "pp3", "op1", "op2", "op2a", "op2b", "op3", "annex", "annex-a",
            "annex-b", "annex-c"
        ]
    );
    assert_eq!(para(d, "pp1"), "Rappelant sa résolution 98/45 du 12 décembre 2043, intitulée « Protection des biens culturels »[^1],");
    assert_eq!(para(d, "op2b"), "Former les agents des douanes[^3] ;");
    assert_eq!(
        para(d, "op3"),
        "Décide d’examiner la question à sa centième session."
    );
    assert_eq!(d.notes.len(), 3);
    assert_eq!(d.notes[2].text, "Voir le rapport du Secrétaire général.");
    let headings: Vec<&str> = d.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Annexe",
            "Principes directeurs sur le trafic de biens culturels",
            "Prévention",
            "Coopération"
        ]
    );
}

#[test]
fn unseen_report_with_sections_and_other_furniture() {
    let r = import_fixture("report_sections.txt");
    let d = &r.documents[0];
    assert_eq!(d.kind, DocKind::Report);
    assert_eq!(d.title, None);
    assert_eq!(d.symbol.as_deref(), Some("E/CN.15/2044/7"));
    let anchors: Vec<&str> = d.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(anchors, ["p1", "p2", "p3", "p3a", "p3b", "p4", "p5"]);
    assert_eq!(
        para(d, "p2"),
        "Il rend compte des activités menées en 2043 et 2044[^2]."
    );
    assert_eq!(
        para(d, "p3b"),
        "Formation des praticiens de la justice pénale, notamment dans le domaine de la coopération internationale en matière pénale et de l’extradition."
    );
    let sections: Vec<Option<&str>> = d.paragraphs.iter().map(|p| p.section.as_deref()).collect();
    assert_eq!(
        sections,
        [
            Some("I"),
            Some("I"),
            Some("II"),
            Some("II"),
            Some("II"),
            Some("II"),
            Some("III")
        ]
    );
    assert_eq!(d.headings.len(), 4);
}

#[test]
fn unseen_english_resolution_with_superscript_calls() {
    let r = import_fixture("english_superscripts.txt");
    let d = &r.documents[0];
    assert_eq!(d.number.as_deref(), Some("11/2"));
    assert_eq!(
        d.title.as_deref(),
        Some("Countering the smuggling of migrants")
    );
    assert_eq!(d.count(ParaKind::Preamble), 2);
    assert_eq!(d.count(ParaKind::Operative), 2);
    assert_eq!(
        para(d, "pp1"),
        "Recalling its resolution 10/3 of 16 October 2020[^1],"
    );
    assert!(para(d, "op1").ends_with("Land, Sea and Air[^2];"));
    assert_eq!(
        d.notes[1].text,
        "United Nations, Treaty Series, vol. 2241, No. 39574."
    );
}

#[test]
fn cli_import_writes_one_file_per_document_and_reports_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut args = vec!["import".to_string()];
    for s in seed_sources() {
        args.push(repo().join(&s.path).display().to_string());
    }
    args.push("-o".into());
    args.push(tmp.path().join("out").display().to_string());
    let o = bin().args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("imported 12 document(s), 724 paragraphs, 140 notes"),
        "{}",
        stdout(&o)
    );
    let files = std::fs::read_dir(tmp.path().join("out")).unwrap().count();
    assert_eq!(files, 12);
    // A second import refuses to overwrite hand edits.
    let o = bin().args(&args).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    args.push("--force".into());
    assert!(bin().args(&args).output().unwrap().status.success());
}

#[test]
fn imported_markdown_round_trips_through_the_content_parser() {
    let r = import_seeds();
    for d in &r.documents {
        let md = compendium::content::write::write_document(d);
        let path = std::path::PathBuf::from(format!("{}.md", d.slug));
        let (back, warnings) = compendium::content::parse::parse_document(&md, &path).unwrap();
        assert!(warnings.is_empty(), "{}: {warnings:?}", d.slug);
        assert_eq!(back.paragraphs.len(), d.paragraphs.len(), "{}", d.slug);
        for (a, b) in d.paragraphs.iter().zip(&back.paragraphs) {
            assert_eq!(a.anchor, b.anchor, "{}", d.slug);
            assert_eq!(a.text, b.text, "{}#{}", d.slug, a.anchor);
            assert_eq!(a.kind, b.kind);
        }
        assert_eq!(back.notes, d.notes);
        assert_eq!(back.title, d.title);
    }
}

#[test]
fn committed_content_builds_from_the_repository() {
    // The committed content is what `import` produced (or a hand correction of it):
    // same documents, same anchors.
    let r = import_seeds();
    let (docs, _) = compendium::content::load_dir(&repo().join("content")).unwrap();
    assert_eq!(docs.len(), r.documents.len());
    for d in &r.documents {
        let c = docs.iter().find(|x| x.slug == d.slug).unwrap();
        let a: Vec<&str> = d.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
        let b: Vec<&str> = c.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
        assert_eq!(a, b, "{}", d.slug);
    }
}
