//! `compendium build` on the seed compendium: files, links, JSON, base URL.

use crate::common::*;
use serde_json::Value;

fn build_site(base_url: Option<&str>) -> tempfile::TempDir {
    let t = site_copy();
    let mut args = vec!["build"];
    if let Some(b) = base_url {
        args.push("--base-url");
        args.push(b);
    }
    let o = run_in(t.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    t
}

#[test]
fn builds_every_page_of_the_seed_compendium() {
    let t = build_site(None);
    let p = t.path().join("public");
    for f in [
        "index.html",
        "404.html",
        "sitemap.xml",
        ".nojekyll",
        "compendium.json",
        "assets/style.css",
        "assets/print.css",
    ] {
        assert!(p.join(f).exists(), "{f}");
    }
    for slug in [
        "resolution-6-1",
        "a-77-464",
        "a-c-3-77-l-2",
        "ctoc-cop-2014-2",
    ] {
        assert!(
            p.join(format!("documents/{slug}/index.html")).exists(),
            "{slug}"
        );
    }
    for topic in [
        "trafficking",
        "firearms",
        "corruption",
        "cybercrime",
        "environment",
    ] {
        assert!(p.join(format!("topics/{topic}/index.html")).exists());
        assert!(p.join(format!("topics/{topic}/print/index.html")).exists());
    }
}

#[test]
fn check_passes_on_the_seed_site_built_at_a_subpath() {
    let t = build_site(Some("https://user.github.io/compendium/"));
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("all resolve"));
    let sitemap = std::fs::read_to_string(t.path().join("public/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://user.github.io/compendium/documents/resolution-6-1/</loc>")
    );
    // Page links are relative, so the site also works from file:// and at a domain root.
    let page = std::fs::read_to_string(t.path().join("public/documents/resolution-6-1/index.html"))
        .unwrap();
    assert!(!page.contains("href=\"/"), "absolute link in a page");
    // 404 is served at any depth by GitHub Pages: its links carry the base path.
    let nf = std::fs::read_to_string(t.path().join("public/404.html")).unwrap();
    assert!(nf.contains("href=\"/compendium/assets/style.css\""), "{nf}");
}

#[test]
fn check_reports_broken_links() {
    let t = build_site(None);
    let page = t.path().join("public/documents/resolution-6-1/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        html.replace(
            "</main>",
            "<a href=\"#op99\">x</a><a href=\"../nowhere/index.html\">y</a></main>",
        ),
    )
    .unwrap();
    let o = run_in(t.path(), &["check"]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("#op99") && e.contains("nowhere"), "{e}");
}

#[test]
fn json_export_has_the_shape_of_the_spec() {
    let t = build_site(None);
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(t.path().join("public/compendium.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["generator"], "compendium 0.1.0");
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 12);
    let keys: Vec<&str> = docs[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for k in [
        "slug",
        "url",
        "kind",
        "title",
        "body",
        "number",
        "symbol",
        "date",
        "contained_in",
        "source",
        "notes",
        "paragraphs",
        "cited_by",
    ] {
        assert!(keys.contains(&k), "document key {k}");
    }
    let six_one = docs.iter().find(|d| d["slug"] == "resolution-6-1").unwrap();
    assert_eq!(six_one["url"], "documents/resolution-6-1/");
    assert_eq!(six_one["kind"], "resolution");
    assert_eq!(six_one["number"], "6/1");
    assert_eq!(six_one["source"], "sources/001_6b5a0467434bf84c.txt");
    let op3 = six_one["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["anchor"] == "op3")
        .unwrap();
    assert_eq!(op3["kind"], "operative");
    assert_eq!(op3["number"], "3");
    assert!(op3["letter"].is_null());
    let pp1 = &six_one["paragraphs"][0];
    assert_eq!(pp1["kind"], "preamble");
    assert!(pp1["number"].is_null());
    // Plain text: footnote calls and Markdown emphasis removed.
    let op1 = six_one["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["anchor"] == "op1")
        .unwrap();
    assert!(op1["text"].as_str().unwrap().starts_with("Note avec satisfaction que le nombre de Parties à la Convention des Nations Unies contre la criminalité transnationale organisée a atteint 172"));
    assert_eq!(op1["footnotes"][0], "3");
    let note = &six_one["notes"][0];
    assert_eq!(note["anchor"], "fn1");
    let report = docs.iter().find(|d| d["slug"] == "a-77-464").unwrap();
    let p3a = report["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["anchor"] == "p3a")
        .unwrap();
    assert_eq!(p3a["kind"], "subparagraph");
    assert_eq!(p3a["number"], "3");
    assert_eq!(p3a["letter"], "a");
    assert_eq!(p3a["section"], "I");
    let d004 = docs
        .iter()
        .find(|d| d["slug"] == "application-des-dispositions-de-la-convention-des")
        .unwrap();
    let intro = d004["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["anchor"] == "annex-i")
        .unwrap();
    assert_eq!(intro["kind"], "annex_item");
    assert!(intro["letter"].is_null());
    assert_eq!(intro["annex"], "I");
    let topics = json["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 5);
    assert!(topics.iter().all(|t| t["count"].as_u64().unwrap() > 0));
    // Each count is the number of paragraphs labelled with the topic.
    for t in topics {
        let labelled = docs
            .iter()
            .flat_map(|d| d["paragraphs"].as_array().unwrap())
            .filter(|p| p["topics"].as_array().unwrap().contains(&t["id"]))
            .count();
        assert_eq!(
            t["count"].as_u64().unwrap() as usize,
            labelled,
            "{}",
            t["id"]
        );
    }
    for (i, d) in docs.iter().enumerate() {
        if d["kind"] == "draft_resolution" && d["slug"].as_str().unwrap().starts_with("a-c-3") {
            assert_eq!(d["contained_in"], "a-77-464", "doc {i}");
        }
    }
}

#[test]
fn document_page_has_anchors_permalinks_and_landmarks() {
    let t = build_site(None);
    let html = std::fs::read_to_string(t.path().join("public/documents/resolution-6-1/index.html"))
        .unwrap();
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("id=\"op3\""));
    assert!(html.contains("href=\"#op3\""));
    // References and links as written: no `/` escaped.
    assert!(html.contains("data-ref=\"Rés. 6/1, OP 3\""), "reference");
    assert!(!html.contains("&#x2F;"), "an escaped slash");
    assert!(
        html.contains("<main")
            && html.contains("role=\"banner\"")
            && html.contains("role=\"contentinfo\"")
    );
    assert!(html.contains("id=\"fn1\""));
    assert!(html.contains("rel=\"prev\"") && html.contains("rel=\"next\""));
    // Headings in order: one h1, no h3 before an h2.
    assert_eq!(html.matches("<h1").count(), 1);
}

#[test]
fn english_ui_when_configured() {
    let t = site_copy();
    let cfg = std::fs::read_to_string(t.path().join("site.yaml"))
        .unwrap()
        .replace("language: fr", "language: en");
    std::fs::write(t.path().join("site.yaml"), cfg).unwrap();
    assert!(run_in(t.path(), &["build"]).status.success());
    let html = std::fs::read_to_string(t.path().join("public/documents/resolution-6-1/index.html"))
        .unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Res. 6/1, OP 3"));
    assert!(html.contains("Notes"));
}

#[test]
fn two_builds_and_thread_counts_give_identical_bytes() {
    let t = site_copy();
    assert!(run_in(t.path(), &["build", "-o", "one", "--jobs", "1"])
        .status
        .success());
    assert!(run_in(t.path(), &["build", "-o", "many", "--jobs", "8"])
        .status
        .success());
    assert!(run_in(t.path(), &["build", "-o", "again"]).status.success());
    let one = snapshot(&t.path().join("one"));
    assert_eq!(one, snapshot(&t.path().join("many")));
    assert_eq!(one, snapshot(&t.path().join("again")));
}

#[test]
fn hostile_content_is_escaped() {
    let t = site_copy();
    std::fs::write(
        t.path().join("content/zz-hostile.md"),
        "---\nkind: resolution\ntitle: \"<script>alert('t')</script>\"\n---\n\nRappelant <script>alert(1)</script> et <img src=x onerror=alert(2)>,\n\n1. Décide [ici](javascript:alert(3)) et [là](JaVaScRiPt:alert(4)).\n",
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html =
        std::fs::read_to_string(t.path().join("public/documents/zz-hostile/index.html")).unwrap();
    assert!(!html.contains("<script>alert"), "script injected");
    assert!(!html.contains("<img src=x"), "img injected");
    assert!(
        !html.to_lowercase().contains("href=\"javascript"),
        "javascript: link kept"
    );
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn markdown_pages_render_with_highlighted_code() {
    let t = site_copy();
    std::fs::write(
        t.path().join("content/about.md"),
        "---\nkind: page\ntitle: À propos\n---\n\n# À propos\n\nUn *compendium*.\n\n```yaml\ntitle: Exemple\n```\n",
    )
    .unwrap();
    assert!(run_in(t.path(), &["build"]).status.success());
    let html = std::fs::read_to_string(t.path().join("public/pages/about/index.html")).unwrap();
    assert!(html.contains("<em>compendium</em>"));
    assert!(html.contains("<pre style="), "syntect highlighting");
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn well_formed(xml: &str) -> Vec<String> {
    // Every element name, in order; panics on malformed XML.
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                names.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                // Attributes must parse too.
                for a in e.attributes() {
                    a.expect("well-formed attribute");
                }
            }
            Ok(_) => {}
            Err(e) => panic!("malformed XML at {}: {e}", reader.buffer_position()),
        }
    }
    names
}

#[test]
fn akoma_ntoso_export_is_well_formed_with_oasis_eids() {
    let t = build_site(None);
    let docs = t.path().join("public/documents");
    // (Beside the documents' directories, the documents index.)
    let dirs = std::fs::read_dir(&docs).unwrap().map(|e| e.unwrap().path());
    for dir in dirs.filter(|p| p.is_dir()) {
        let xml = std::fs::read_to_string(dir.join("akn.xml")).unwrap();
        let names = well_formed(&xml);
        assert_eq!(names[0], "akomaNtoso");
        assert!(names.contains(&"meta".to_string()) && names.contains(&"mainBody".to_string()));
    }
    let d000 = std::fs::read_to_string(
        docs.join("celebration-du-vingtieme-anniversaire-de-l-adoption-de/akn.xml"),
    )
    .unwrap();
    assert!(d000.contains("<statement name=\"resolution\">"));
    assert!(d000.contains("<formula name=\"enactingFormula\">"));
    assert!(d000.contains("eId=\"preamble__p_3\" class=\"pp3\""));
    assert!(d000.contains("<paragraph eId=\"para_12\" class=\"op12\"><num>12.</num><list eId=\"para_12__list_1\"><intro>"));
    assert!(d000.contains("<point eId=\"para_12__list_1__point_a\" class=\"op12a\"><num>a)</num>"));
    assert!(d000.contains("<authorialNote marker=\"1\" placement=\"bottom\""));
    assert!(d000.contains("<ref href=\"https://undocs.org/fr/A/RES/55/25\""));
    let d004 = std::fs::read_to_string(
        docs.join("application-des-dispositions-de-la-convention-des/akn.xml"),
    )
    .unwrap();
    assert!(d004.contains("<attachment eId=\"att_1\"><doc name=\"annex\">"));
    assert!(d004.contains("eId=\"att_2__list_1__point_m\" class=\"annex-ii-m\""));
    assert!(
        d004.contains("<ref href=\"../resolution-6-1/akn.xml\""),
        "internal citation as ref"
    );
    let report = std::fs::read_to_string(docs.join("a-77-464/akn.xml")).unwrap();
    assert!(report.contains("<doc name=\"report\">"));
    assert!(report.contains(
        "<paragraph eId=\"para_3\" class=\"p3\"><num>3.</num><list eId=\"para_3__list_1\">"
    ));
    let page = std::fs::read_to_string(docs.join("resolution-6-1/index.html")).unwrap();
    assert!(
        page.contains("href=\"akn.xml\""),
        "linked from the document page"
    );
}

/// The built-in theme's paragraph loops are rendered natively; the bytes
/// must be those the templates give (on the seeds and on hostile text).
#[test]
fn native_loops_render_the_bytes_of_the_templates() {
    use compendium::render::fragments::Native;
    use compendium::site::{BuildOptions, Site};
    let t = site_copy();
    std::fs::write(
        t.path().join("content/zz-odd.md"),
        "---\nkind: resolution\ntitle: \"A & B <i> 'q' \\\"d\\\" / c\"\nbody: \"L'Assemblée <générale>\"\nsymbol: A/RES/1/2\n---\n\nRappelant <b>x</b> & « y » sa résolution 6/1[^1],\n\n1. *Décide* de traiter la corruption et le trafic d'armes à feu / « z »[^1] ;\n\na) Et la traite des personnes.\n\n[^1]: Voir <la> note & « suite ».\n",
    )
    .unwrap();
    let opts = BuildOptions::new(t.path().join("site.yaml"));
    let mut site = Site::load(&opts).unwrap();
    assert_eq!(
        site.native,
        Native {
            document: true,
            topic: true,
            topic_print: true
        },
        "the built-in theme renders natively"
    );
    let native = site.render().unwrap();
    site.native = Native::NONE;
    let templated = site.render().unwrap();
    assert_eq!(native.files.len(), templated.files.len());
    let mut compared = 0;
    for (path, bytes) in &native.files {
        let other = &templated.files[path];
        if bytes != other {
            let (a, b) = (
                String::from_utf8_lossy(&bytes.contiguous()).into_owned(),
                String::from_utf8_lossy(&other.contiguous()).into_owned(),
            );
            let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            let show = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(80))
                    .take(240)
                    .collect::<String>()
            };
            panic!(
                "{path} differs:\nnative:   {}\ntemplate: {}",
                show(&a),
                show(&b)
            );
        }
        compared += 1;
    }
    assert!(compared > 20);
    let odd =
        String::from_utf8_lossy(&native.get("documents/zz-odd/index.html").unwrap()).into_owned();
    assert!(odd.contains("data-ref=\""), "paragraphs rendered");
    assert!(!odd.contains("<b>x</b>"), "raw HTML escaped");
}

/// `build` streams each file to disk as it is rendered (pages, topic pages
/// written around their groups, JSON and search index piece by piece);
/// watch mode renders into memory. Both must give the same files, byte for
/// byte — also for a topic no paragraph addresses.
#[test]
fn streamed_build_writes_the_bytes_of_the_in_memory_render() {
    use compendium::site::{BuildOptions, Site};
    let t = site_copy();
    let config = std::fs::read_to_string(t.path().join("site.yaml")).unwrap();
    let config = config.replacen(
        "topics:\n",
        "topics:\n  - id: nowhere\n    label: Nulle part\n    patterns: ['zzqqxx']\n",
        1,
    );
    assert!(config.contains("id: nowhere"), "topic added to site.yaml");
    std::fs::write(t.path().join("site.yaml"), config).unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let memory = Site::load(&BuildOptions::new(t.path().join("site.yaml")))
        .unwrap()
        .render()
        .unwrap();
    let public = t.path().join("public");
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    on_disk.sort();
    let in_memory: Vec<String> = memory.files.keys().cloned().collect();
    assert_eq!(on_disk, in_memory, "the same files");
    for path in &in_memory {
        let disk = std::fs::read(public.join(path)).unwrap();
        assert!(
            disk[..] == *memory.get(path).unwrap(),
            "{path}: the streamed file differs from the in-memory one"
        );
    }
    assert!(in_memory.contains(&"topics/nowhere/index.html".to_string()));
    assert!(in_memory.len() > 30);
}

#[cfg(unix)]
#[test]
fn a_rebuild_rewrites_only_the_files_whose_bytes_changed() {
    use std::os::unix::fs::MetadataExt;
    let t = site_copy();
    let public = t.path().join("public");
    let inodes = || -> std::collections::BTreeMap<String, u64> {
        walkdir::WalkDir::new(&public)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let p = e.path().strip_prefix(&public).unwrap();
                (
                    p.to_string_lossy().replace('\\', "/"),
                    e.metadata().unwrap().ino(),
                )
            })
            .collect()
    };
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("unchanged"), "{}", stdout(&o));
    let first = inodes();
    // Nothing changed: every file is the one already there.
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("{} files, {} unchanged", first.len(), first.len())),
        "{}",
        stdout(&o)
    );
    assert_eq!(inodes(), first);
    // One paragraph edited: its document's page and files that show it
    // are new, the other documents' pages are the same files.
    let edited = std::fs::read_dir(t.path().join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|s| s.contains("kind: resolution")))
        .expect("a resolution");
    let text = std::fs::read_to_string(&edited).unwrap();
    let at = text.find("\n1. ").expect("an operative paragraph 1") + 4;
    let mut changed_text = text.clone();
    changed_text.insert_str(at, "Mot ajouté. ");
    std::fs::write(&edited, changed_text).unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let now = inodes();
    // The same files, and a part of the search index for a stem the edit
    // brought (« ajout »: its postings go in a part of their own).
    assert!(first.keys().all(|p| now.contains_key(p)));
    let added: Vec<&String> = now.keys().filter(|p| !first.contains_key(*p)).collect();
    assert!(
        added.iter().all(|p| p.starts_with("assets/search/s-")),
        "{added:?}"
    );
    let rewritten: Vec<&String> = now
        .keys()
        .filter(|p| first.get(*p).is_some_and(|i| *i != now[*p]))
        .collect();
    assert!(
        rewritten.iter().any(|p| p.as_str() == "compendium.json"),
        "{rewritten:?}"
    );
    assert!(
        rewritten.iter().any(|p| p.starts_with("documents/")),
        "{rewritten:?}"
    );
    assert!(rewritten.len() < now.len() / 2, "{rewritten:?}");
    // And the site is the one a build from nothing makes.
    assert!(run_in(t.path(), &["build", "-o", "fresh"]).status.success());
    assert_eq!(snapshot(&public), snapshot(&t.path().join("fresh")));
}

#[test]
fn a_loaded_site_labels_other_documents_as_its_first_ones() {
    // A one-shot build frees the topic rules once its documents are
    // analysed; a site made from it for other content compiles them again.
    use compendium::site::{BuildOptions, Site};
    let t = site_copy();
    let site = Site::load(&BuildOptions::new(t.path().join("site.yaml"))).unwrap();
    let topics = |docs: &[compendium::model::Document]| -> Vec<Vec<String>> {
        docs.iter()
            .flat_map(|d| d.paragraphs.iter().map(|p| p.topics.clone()))
            .collect()
    };
    let labelled = topics(&site.docs);
    assert!(labelled.iter().filter(|t| !t.is_empty()).count() > 50);
    let (fresh, warnings) = compendium::content::load_dir(&t.path().join("content")).unwrap();
    assert!(
        topics(&fresh).iter().all(|t| t.is_empty()),
        "not analysed yet"
    );
    let again = site.with_documents(fresh, warnings).unwrap();
    assert_eq!(topics(&again.docs), labelled);
}

/// Issue #29: the search index says what pasted wording matched (the
/// lineage's words, in the site's language), and a document's page gives
/// `site.js` the label of a paragraph's « find this wording elsewhere ».
#[test]
fn search_index_and_document_pages_carry_the_words_of_pasted_wording() {
    let t = build_site(None);
    let p = t.path().join("public");
    let index = std::fs::read_to_string(p.join("assets/search-index.js")).unwrap();
    let tail = &index[index.rfind("\"wording\":").expect("wording strings")..];
    let wording = tail["\"wording\":".len()..].strip_suffix("};\n").unwrap();
    let v: Value = serde_json::from_str(wording).unwrap();
    assert_eq!(v["identical"], "identique");
    assert_eq!(v["modified"], "modifié");
    assert_eq!(v["many"], "{n} paragraphes reprennent ce libellé");
    let html = std::fs::read_to_string(p.join("documents/a-c-3-77-l-2/index.html")).unwrap();
    assert!(
        html.contains("data-find-wording=\"Chercher ce libellé ailleurs\""),
        "the label on the article"
    );
}
