//! Dash items end to end: a made-up extraction with dashes under a
//! paragraph is imported to `- ` lines, built, and its items are on the
//! page (anchors, dash marks), in `compendium.json` and in a valid
//! `akn.xml`.

use crate::akn::{akn_files, assert_valid, have_xmllint};
use crate::common::*;

/// A made-up resolution: dashes under an operative paragraph (one item
/// wrapped over a page break), a preambular one and a lettered one, and
/// under an annex's numbered paragraph.
const EXTRACTION: &str = "Resolution 9999 (2031)\n\n\
Adopted by the Security Council at its 9999th meeting, on 2 March 2031\n\n\
The Security Council,\n\n\
Recalling the following principles:\n\
– the first principle;\n\
– the second principle,\n\n\
Noting the report of the panel,\n\n\
1. Welcomes the report;\n\
2. Calls upon the parties to respect the following points:\n\
– full respect for the agreed line by both parties;\n\
– arrangements for a zone free of any\n\
\u{c}\n\
weapons other than those agreed, as set out in the report;\n\
– the return of the displaced to their homes;\n\
3. Decides the following:\n\
(a) To establish a panel with these tasks:\n\
• to observe;\n\
• to report;\n\
(b) To review its work in a year;\n\
4. Decides to remain seized of the matter.\n";

#[test]
fn dash_items_are_imported_built_and_exported() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("site.yaml"), "title: Essai\nlanguage: en\n").unwrap();
    std::fs::write(t.path().join("dashes.txt"), EXTRACTION).unwrap();
    let o = run_in(t.path(), &["import", "dashes.txt", "-o", "content"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md: Vec<_> = std::fs::read_dir(t.path().join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(md.len(), 1, "{md:?}");
    let content = std::fs::read_to_string(&md[0]).unwrap();
    for line in [
        "- the first principle;",
        "- full respect for the agreed line by both parties;",
        "- arrangements for a zone free of any weapons other than those agreed, as set out in the report;",
        "- to observe;",
    ] {
        assert!(content.contains(&format!("\n{line}\n")), "{line}\n{content}");
    }

    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let slug = md[0].file_stem().unwrap().to_str().unwrap().to_string();
    let doc = t.path().join("public/documents").join(&slug);
    let html = std::fs::read_to_string(doc.join("index.html")).unwrap();
    for id in [
        "pp1-1", "pp1-2", "op2-1", "op2-2", "op2-3", "op3a-1", "op3a-2",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(html.contains("<span class=\"num\">–</span>"));
    assert!(html.contains("class=\"para subparagraph dash\" id=\"op2-1\""));
    assert!(!html.contains("id=\"op2-4\""));

    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(t.path().join("public/compendium.json")).unwrap(),
    )
    .unwrap();
    let paras = json["documents"][0]["paragraphs"].as_array().unwrap();
    let item = paras.iter().find(|p| p["anchor"] == "op2-2").unwrap();
    assert_eq!(item["kind"], "subparagraph");
    assert_eq!(item["number"], "2");
    assert!(item["letter"].is_null());
    assert!(item["text"]
        .as_str()
        .unwrap()
        .starts_with("arrangements for a zone free of any weapons"));
    let under_letter = paras.iter().find(|p| p["anchor"] == "op3a-1").unwrap();
    assert_eq!(under_letter["letter"], "a");

    let akn = std::fs::read_to_string(doc.join("akn.xml")).unwrap();
    assert!(
        akn.contains("<point eId=\"para_2__list_1__point_1\" class=\"op2-1\"><num>–</num>"),
        "{akn}"
    );
    assert!(akn.contains("class=\"op3a-2\"><num>–</num>"), "{akn}");
    assert!(akn.contains("class=\"pp1-1\"><num>–</num>"), "{akn}");
    if have_xmllint() {
        assert_valid(&akn_files(t.path()));
    }
}

#[test]
fn dash_items_under_an_annex_paragraph_are_annex_items() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("site.yaml"), "title: Essai\n").unwrap();
    std::fs::create_dir(t.path().join("content")).unwrap();
    std::fs::write(
        t.path().join("content/annexe.md"),
        "---\nkind: resolution\ntitle: Annexe à tirets\n---\n\nRappelant tout,\n\n1. Adopte l’annexe.\n\n## Annexe I\n\nLes Parties conviennent :\n\n- d’un premier point ;\n\n1. Premier paragraphe :\n\n- son tiret ;\n\n- son autre tiret.\n",
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html =
        std::fs::read_to_string(t.path().join("public/documents/annexe/index.html")).unwrap();
    for id in [
        "annex-i",
        "annex-i-p1-1",
        "annex-i-1",
        "annex-i-1-1",
        "annex-i-1-2",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    let json = std::fs::read_to_string(t.path().join("public/compendium.json")).unwrap();
    assert!(json.contains("{\"anchor\":\"annex-i-1-2\",\"kind\":\"annex_item\",\"number\":\"1\",\"letter\":null,\"annex\":\"I\""), "{json}");
    if have_xmllint() {
        assert_valid(&akn_files(t.path()));
    }
}
