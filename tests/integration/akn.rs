//! Every `akn.xml` the build writes is valid against the OASIS Akoma Ntoso
//! 3.0 schema: the seed site's, and those of texts in the shapes the seeds
//! lack (parts, annexes with numbered paragraphs, no preamble, no operative
//! part, no number or date, control characters).
//!
//! Validation runs `xmllint`; skipped with a message when it is missing,
//! except under CI (`CI` set), where `.ci/run` installs it.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The schema: the repository's copy (tests/fixtures/akn), else the shared
/// one beside the repository.
fn schema() -> PathBuf {
    [
        repo().join("tests/fixtures/akn/akomantoso30.xsd"),
        repo().join("../shared/akn/akomantoso30.xsd"),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .expect("the Akoma Ntoso schema (tests/fixtures/akn/akomantoso30.xsd)")
}

pub fn have_xmllint() -> bool {
    if Command::new("xmllint").arg("--version").output().is_ok() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("xmllint missing under CI: .ci/run should install libxml2-utils");
    }
    eprintln!("skipped: xmllint is not installed (apt-get install libxml2-utils)");
    false
}

/// The `akn.xml` of every document of a built site.
pub fn akn_files(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(site.join("public/documents"))
        .unwrap()
        .map(|e| e.unwrap().path().join("akn.xml"))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Validate `files` in one `xmllint` run; panics with its report.
pub fn assert_valid(files: &[PathBuf]) {
    let o = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema())
        .args(files)
        .output()
        .expect("run xmllint");
    let report = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "not valid Akoma Ntoso:\n{report}");
    assert_eq!(
        report.matches(" validates").count(),
        files.len(),
        "{report}"
    );
}

#[test]
fn every_akn_file_of_the_seed_site_is_valid_akoma_ntoso() {
    let t = site_copy();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = akn_files(t.path());
    assert_eq!(files.len(), 12, "one akn.xml per seed document");
    if have_xmllint() {
        assert_valid(&files);
    }
}

/// Texts in shapes the seeds do not have.
const UNUSUAL: &[(&str, &str)] = &[
    (
        "parts.md",
        "---\nkind: resolution\ntitle: Une résolution en parties\nbody: L’Assemblée générale\nnumber: 77/1\nsymbol: A/RES/77/1\ndate: 2022-12-07\n---\n\n\
Rappelant sa résolution 55/25[^1],\n\nNotant :\n\na) les progrès ;\n\nb) les difficultés,\n\n\
## I. Coopération\n\n1. *Décide* :\n\na) premièrement ;\n\n### A. Extradition\n\n2. Prie le Secrétariat ;\n\n\
#### Dispositions générales\n\n3. Invite les États ;\n\n## II. Suivi\n\n4. Décide de rester saisie de la question.\n\n\
[^1]: Nations Unies, *Recueil des Traités*.\n[^*]: A/77/L.1.\n",
    ),
    (
        "draft-annexes.md",
        "---\nkind: draft_resolution\ntitle: Un projet sans numéro, cote ni date\nbody: La Conférence des Parties\n---\n\n\
Consciente de tout,\n\n1. Adopte les lignes directrices figurant en annexe.\n\n## Annexe I\n\n### Lignes directrices\n\n\
Les Parties conviennent de ce qui suit[^1] :\n\n#### Premier thème\n\na) premier point ;\n\nb) second point.\n\n\
## Annexe II\n\n10. Un paragraphe numéroté d’annexe[^2].\n\n11. Un autre :\n\na) son alinéa.\n\nUn texte libre.\n\n\
[^1]: Voir CTOC/COP/WG.3/2021/3.\n[^2]: Une note d’annexe.\n",
    ),
    (
        "report-sections.md",
        "---\nkind: report\ntitle: Un rapport\nsymbol: A/77/999\n---\n\n## I. Introduction\n\n1. Texte[^1].\n\n\
## II. Examen\n\n### A. Projet de résolution A/C.3/77/L.2\n\n2. La Commission était saisie :\n\na) d’un rapport ;\n\n\
b) d’une note.\n\n### B. Projet de décision\n\n3. Adoption.\n\n[^1]: Une note.\n",
    ),
    (
        "no-preamble.md",
        "---\nkind: decision\ntitle: Une décision sans préambule\n---\n\n1. Décide.\n\n2. Prie.\n",
    ),
    (
        "no-operative.md",
        "---\nkind: resolution\ntitle: Une résolution sans dispositif\nbody: L’Assemblée générale\ndate: 2020-02-29\n---\n\n\
Rappelant tout,\n\nAyant examiné :\n\na) le rapport.\n",
    ),
    (
        "controls.md",
        "---\nkind: resolution\ntitle: \"Contrôles \\x01 \\\"q\\\" <i> & \\x0B\"\nbody: \"L’Organe <b> & \\\"c\\\"\"\nnumber: \"1/2 <x>\"\n---\n\n\
Texte \u{1}avec\u{7} des\u{1b} contrôles <b> & « q »[^\"<],\n\n1. Décide\u{c} ;\n\n[^\"<]: Note \u{2}étrange.\n",
    ),
];

#[test]
fn akn_files_of_documents_in_every_shape_are_valid_akoma_ntoso() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("site.yaml"), "title: Essai\n").unwrap();
    std::fs::create_dir(t.path().join("content")).unwrap();
    for (name, text) in UNUSUAL {
        std::fs::write(t.path().join("content").join(name), text).unwrap();
    }
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = akn_files(t.path());
    assert_eq!(files.len(), UNUSUAL.len(), "{files:?}");
    let read = |slug: &str| {
        std::fs::read_to_string(t.path().join(format!("public/documents/{slug}/akn.xml"))).unwrap()
    };

    let parts = read("parts");
    assert!(parts.contains("<FRBRuri value=\"/akn/un/statement/resolution/ga/2022-12-07/77-1\"/>"));
    assert!(parts.contains("<blockList eId=\"preamble__list_1\" class=\"pp2\">"));
    assert!(parts.contains("<division eId=\"dvs_I\"><num>I.</num><heading>Coopération</heading><paragraph eId=\"para_1\" class=\"op1\">"));
    assert!(parts.contains("<subdivision eId=\"dvs_I__subdvs_A\">"));
    assert!(parts.contains("<docTitle>Une résolution en parties<authorialNote marker=\"*\""));

    let draft = read("draft-annexes");
    assert!(draft.contains("<FRBRdate date=\"9999-01-01\" name=\"unknown\"/>"));
    assert!(draft.contains("/akn/un/statement/draftResolution/cop/9999-01-01/draft-annexes/!main"));
    assert!(!draft.contains("<lifecycle"));
    assert!(draft.contains("<attachment eId=\"att_2\"><doc name=\"annex\"><meta>"));
    assert!(draft.contains("<paragraph eId=\"att_2__para_10\" class=\"annex-ii-10\"><num>10.</num><content><p>Un paragraphe numéroté d’annexe<authorialNote marker=\"2\""));
    assert!(
        draft.contains("<point eId=\"att_2__para_11__list_1__point_a\" class=\"annex-ii-11-a\">")
    );
    assert!(draft.contains("name=\"unnumberedParagraph\"><content><p>Un texte libre.</p>"));

    let report = read("report-sections");
    assert!(report.contains("<section eId=\"sec_II\"><num>II.</num><heading>Examen</heading><subsection eId=\"sec_II__subsec_A\">"));
    assert!(report.contains(
        "<paragraph eId=\"para_2\" class=\"p2\"><num>2.</num><list eId=\"para_2__list_1\">"
    ));

    assert!(!read("no-preamble").contains("<preamble>"));
    let no_operative = read("no-operative");
    assert!(no_operative
        .contains("<lifecycle source=\"#compendium\"><eventRef eId=\"e_1\" date=\"2020-02-29\""));
    assert!(no_operative.contains(
        "<mainBody><hcontainer eId=\"hcontainer_1\" class=\"pp1\" name=\"unnumberedParagraph\">"
    ));

    let controls = read("controls");
    let forbidden = |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r');
    assert!(
        !controls.chars().any(forbidden),
        "a control character reached the XML"
    );
    assert!(controls.contains("marker=\"&quot;&lt;\""));

    if have_xmllint() {
        assert_valid(&files);
    }
}
