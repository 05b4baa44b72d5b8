//! Topic labels and citations measured against hand-made labels
//! (tests/fixtures/labels/), and the cross-links they produce.

use crate::common::*;
use compendium::analyze::analyze;
use compendium::config::Config;
use compendium::model::Document;
use std::collections::{BTreeMap, BTreeSet};

fn analysed() -> Vec<Document> {
    let config = Config::load(&repo().join("site.yaml")).unwrap();
    let (mut docs, _) = compendium::content::load_dir(&repo().join("content")).unwrap();
    analyze(&mut docs, &config).unwrap();
    docs
}

fn labels(file: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(repo().join("tests/fixtures/labels").join(file))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn doc<'a>(docs: &'a [Document], slug: &str) -> &'a Document {
    docs.iter().find(|d| d.slug == slug).unwrap()
}

#[test]
fn topic_labels_match_the_hand_labelled_set() {
    let docs = analysed();
    let gold = labels("topics.tsv");
    assert!(gold.len() >= 80, "at least 80 labelled paragraphs");
    let topics = [
        "trafficking",
        "firearms",
        "corruption",
        "cybercrime",
        "environment",
    ];
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new(); // tp, fp, fn
    for row in &gold {
        let (slug, anchor) = row[0].split_once('#').unwrap();
        let expected: BTreeSet<&str> = row[1].split(',').filter(|t| *t != "-").collect();
        let p = doc(&docs, slug)
            .paragraphs
            .iter()
            .find(|p| p.anchor == anchor)
            .unwrap_or_else(|| panic!("{}", row[0]));
        let got: BTreeSet<&str> = p.topics.iter().map(|s| s.as_str()).collect();
        for t in topics {
            let c = counts.entry(t).or_default();
            match (expected.contains(t), got.contains(t)) {
                (true, true) => c.0 += 1,
                (false, true) => {
                    c.1 += 1;
                    eprintln!("false {t}: {}", row[0]);
                }
                (true, false) => {
                    c.2 += 1;
                    eprintln!("missed {t}: {}", row[0]);
                }
                _ => {}
            }
        }
    }
    let f1 = |(tp, fp, fn_): (usize, usize, usize)| {
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fn_).max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    let mut total = (0, 0, 0);
    for (t, c) in &counts {
        let (p, r, f) = f1(*c);
        eprintln!(
            "{t:<12} precision {p:.3} recall {r:.3} F1 {f:.3} (tp {}, fp {}, fn {})",
            c.0, c.1, c.2
        );
        assert!(f >= 0.93, "{t}: F1 {f:.3}");
        total = (total.0 + c.0, total.1 + c.1, total.2 + c.2);
    }
    let (p, r, f) = f1(total);
    eprintln!(
        "overall      precision {p:.3} recall {r:.3} F1 {f:.3} on {} paragraphs",
        gold.len()
    );
    assert!(f >= 0.97, "overall F1 {f:.3}");
}

#[test]
fn distinctions_the_rules_must_make() {
    let docs = analysed();
    let topics = |slug: &str, anchor: &str| -> Vec<String> {
        doc(&docs, slug)
            .paragraphs
            .iter()
            .find(|p| p.anchor == anchor)
            .unwrap()
            .topics
            .clone()
    };
    // A generic « la Convention et les Protocoles s’y rapportant » is neither trafficking nor firearms.
    assert!(topics("resolution-6-1", "pp3").is_empty());
    // A named Protocol is.
    assert!(topics("a-c-3-77-l-12-rev-1", "op48").contains(&"trafficking".to_string()));
    assert!(topics("a-c-3-77-l-12-rev-1", "op10").contains(&"firearms".to_string()));
    // Money laundering alone is not corruption.
    assert!(!topics("a-c-3-77-l-12-rev-1", "op54").contains(&"corruption".to_string()));
    // In the draft on corruption, « la Convention » is the UNCAC.
    assert!(topics("a-c-3-77-l-7-rev-1", "op20").contains(&"corruption".to_string()));
    // The authorities' own use of ICT is not cybercrime; electronic evidence is.
    assert!(!topics(
        "application-des-dispositions-de-la-convention-des",
        "annex-i-u"
    )
    .contains(&"cybercrime".to_string()));
    assert!(topics(
        "application-des-dispositions-de-la-convention-des",
        "annex-i-l"
    )
    .contains(&"cybercrime".to_string()));
    assert!(!topics("a-c-3-77-l-7-rev-1", "op20").contains(&"cybercrime".to_string()));
    // « environnement propice » is not the environment; wildlife trafficking is.
    assert!(topics("a-c-3-77-l-3", "op2").is_empty());
    assert!(topics("a-c-3-77-l-12-rev-1", "op61").contains(&"environment".to_string()));
}

#[test]
fn overrides_in_content_win_over_rules() {
    let config = Config::load(&repo().join("site.yaml")).unwrap();
    let text = "---\nkind: resolution\ntopics: [+environment]\n---\n\nRappelant la traite des personnes, {-trafficking +firearms}\n\nConsciente,\n";
    let (d, _) =
        compendium::content::parse::parse_document(text, std::path::Path::new("x.md")).unwrap();
    let mut docs = vec![d];
    analyze(&mut docs, &config).unwrap();
    assert_eq!(docs[0].paragraphs[0].topics, ["firearms", "environment"]);
    assert_eq!(docs[0].paragraphs[1].topics, ["environment"]);
}

#[test]
fn citations_of_three_documents_match_the_hand_labelled_set() {
    let docs = analysed();
    let gold = labels("citations.tsv");
    let slugs: BTreeSet<&str> = gold
        .iter()
        .map(|r| r[0].split_once('#').unwrap().0)
        .collect();
    let mut expected: BTreeSet<(String, String, String)> = BTreeSet::new();
    for r in &gold {
        expected.insert((r[0].clone(), r[1].clone(), r[2].clone()));
    }
    let mut got: BTreeSet<(String, String, String)> = BTreeSet::new();
    for slug in &slugs {
        let d = doc(&docs, slug);
        let anchored = d
            .paragraphs
            .iter()
            .map(|p| (p.anchor.clone(), &p.citations))
            .chain(
                d.notes
                    .iter()
                    .map(|n| (compendium::model::note_anchor(&n.marker), &n.citations)),
            );
        for (anchor, cites) in anchored {
            for c in cites {
                let target = c
                    .target
                    .as_deref()
                    .map(|t| t.split('#').next().unwrap().to_string())
                    .unwrap_or("-".into());
                got.insert((format!("{slug}#{anchor}"), c.cited.clone(), target));
            }
        }
    }
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    let tp = expected.intersection(&got).count() as f64;
    let (p, r) = (tp / got.len() as f64, tp / expected.len() as f64);
    eprintln!(
        "citations: precision {p:.3} recall {r:.3} on {} labelled",
        expected.len()
    );
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}\nextra {extra:?}"
    );
}

#[test]
fn citation_labels_across_organs_and_look_alikes() {
    let docs = analysed();
    let cites = |slug: &str, anchor: &str| -> Vec<(String, Option<String>)> {
        let d = doc(&docs, slug);
        d.paragraphs
            .iter()
            .find(|p| p.anchor == anchor)
            .map(|p| {
                p.citations
                    .iter()
                    .map(|c| (c.cited.clone(), c.target.clone()))
                    .collect()
            })
            .unwrap()
    };
    let l7 = "a-c-3-77-l-7-rev-1";
    assert_eq!(cites(l7, "pp12"), [("COSP res 9/2".to_string(), None)]);
    assert_eq!(cites(l7, "pp16"), [("COSP res 9/8".to_string(), None)]);
    // COSP resolution 6/1 is not COP resolution 6/1.
    assert!(cites(l7, "pp34").contains(&("COSP res 6/1".to_string(), None)));
    let l12 = "a-c-3-77-l-12-rev-1";
    assert!(cites(l12, "op53")
        .iter()
        .any(|c| c.0 == "SC res 1373 (2001)"));
    assert!(cites(l12, "op53").iter().any(|c| c.0 == "GA res 71/291"));
    assert_eq!(
        cites(l12, "op35")
            .iter()
            .map(|c| c.0.as_str())
            .collect::<Vec<_>>(),
        ["GA res 70/299", "GA res 72/305"]
    );
    // COP resolution 10/4, cited by the GA, links to the compendium's document.
    assert_eq!(
        cites(l12, "op6"),
        [(
            "COP res 10/4".to_string(),
            Some("celebration-du-vingtieme-anniversaire-de-l-adoption-de".to_string())
        )]
    );
    assert_eq!(cites("a-77-464", "p6")[0].0, "ECOSOC res 2022/12");
    let l2 = "a-c-3-77-l-2";
    assert_eq!(
        cites(l2, "pp1")
            .iter()
            .map(|c| c.0.as_str())
            .collect::<Vec<_>>(),
        ["ECOSOC res 155 C (VII)", "GA res 415 (V)"]
    );
    assert_eq!(
        cites(l2, "pp5")
            .iter()
            .map(|c| c.0.as_str())
            .collect::<Vec<_>>(),
        ["GA decision 74/550 A", "GA decision 74/550 B"]
    );
    let total: usize = docs
        .iter()
        .map(|d| {
            d.paragraphs
                .iter()
                .map(|p| p.citations.len())
                .sum::<usize>()
                + d.notes.iter().map(|n| n.citations.len()).sum::<usize>()
        })
        .sum();
    assert!(total >= 255, "found {total} citations");
}

#[test]
fn inferred_numbers_dates_and_cited_by() {
    let docs = analysed();
    let d000 = doc(
        &docs,
        "celebration-du-vingtieme-anniversaire-de-l-adoption-de",
    );
    assert_eq!(d000.number.as_deref(), Some("10/4"));
    assert!(d000.number_inferred);
    assert_eq!(d000.date.as_deref(), Some("2020-10-16"));
    let d001 = doc(&docs, "resolution-6-1");
    assert_eq!(d001.date.as_deref(), Some("2012-10-19"));
    assert!(!d001.number_inferred);
    let by: Vec<(&str, &str)> = d001
        .cited_by
        .iter()
        .map(|c| (c.slug.as_str(), c.anchor.as_str()))
        .collect();
    assert!(
        by.contains(&("application-des-dispositions-de-la-convention-des", "pp4")),
        "{by:?}"
    );
    assert!(by.contains(&("ctoc-cop-2014-2", "p1")), "{by:?}");
    // The report's « projet de résolution A/C.3/77/L.2 » links to the draft.
    let report = doc(&docs, "a-77-464");
    let p8 = report.paragraphs.iter().find(|p| p.anchor == "p8").unwrap();
    assert!(p8
        .mentions
        .iter()
        .any(|m| m.target.as_deref() == Some("a-c-3-77-l-2")));
    let l2 = doc(&docs, "a-c-3-77-l-2");
    assert!(l2
        .cited_by
        .iter()
        .any(|c| c.slug == "a-77-464" && c.anchor == "p8"));
}

/// Watch mode re-analyses the documents of the last build after undoing
/// their analysis: undone, each must be the document as parsed (an
/// inferred number or date included) but for what analysis sets again in
/// full (plain text, topics, citations, cited-by, similar paragraphs), and analysing it again must give what
/// analysing the parsed document gives, or a rebuild would differ from a
/// fresh build.
#[test]
fn clearing_the_analysis_gives_back_the_parsed_documents() {
    // A cleared document without what analysis sets again in full.
    fn bare(d: &compendium::model::Document) -> compendium::model::Document {
        let mut d = d.clone();
        d.cited_by = Vec::new();
        d.compare = Vec::new();
        for p in &mut d.paragraphs {
            p.similar = Vec::new();
            p.plain = Default::default();
            p.topics = Vec::new();
            p.citations = Vec::new();
            p.mentions = Vec::new();
        }
        for n in &mut d.notes {
            n.citations = Vec::new();
        }
        d
    }
    let (parsed, _) = compendium::content::load_dir(&repo().join("content")).unwrap();
    let config = Config::load(&repo().join("site.yaml")).unwrap();
    let mut docs = compendium::content::assemble(parsed.clone()).unwrap();
    analyze(&mut docs, &config).unwrap();
    assert!(
        docs.iter().any(|d| d.number_inferred) && docs.iter().any(|d| !d.cited_by.is_empty()),
        "the seeds exercise inference and cited-by"
    );
    let analysed = docs.clone();
    let mut by_path: BTreeMap<_, _> = parsed.into_iter().map(|d| (d.path.clone(), d)).collect();
    for d in &mut docs {
        d.clear_analysis();
        let bare = bare(d);
        let original = by_path.remove(&d.path).expect("same documents");
        assert!(
            bare == original,
            "{:?} differs once its analysis is cleared",
            d.path
        );
    }
    // The seeds have paragraphs on a topic, and without one.
    let topics = |ds: &[compendium::model::Document]| -> Vec<usize> {
        ds.iter()
            .map(|d| d.paragraphs.iter().filter(|p| !p.topics.is_empty()).count())
            .collect()
    };
    assert!(topics(&docs).iter().sum::<usize>() > 0);
    // Analysed again, with other topics in the configuration too: labels
    // that no longer apply are taken off.
    analyze(&mut docs, &config).unwrap();
    assert!(docs == analysed, "analysing a cleared document again");
    let mut fewer = config.clone();
    fewer.topics.truncate(1);
    let mut fresh: Vec<_> = analysed
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.clear_analysis();
            bare(&d)
        })
        .collect();
    analyze(&mut fresh, &fewer).unwrap();
    for d in &mut docs {
        d.clear_analysis();
    }
    analyze(&mut docs, &fewer).unwrap();
    assert!(docs == fresh, "labels of a removed topic are taken off");
    assert!(topics(&docs).iter().sum::<usize>() < topics(&analysed).iter().sum::<usize>());
}

/// Issue #25: citations and topics in English as in French, official links
/// in the citing document's language, no false friends.
#[test]
fn english_citations_and_topics() {
    let t = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("site.yaml"), t.path().join("site.yaml")).unwrap();
    std::fs::create_dir(t.path().join("content")).unwrap();
    std::fs::write(
        t.path().join("content/a-res-80-99.md"),
        "---\ntitle: Test\nkind: resolution\nbody: The General Assembly\nnumber: 80/99\nlanguage: en\n---\n\n\
Recalling its resolution 55/25 of 15 November 2000 and Security Council resolution 1373 (2001),\n\n\
Recalling also General Assembly resolution 64/293, Human Rights Council resolution 45/30 and Economic and Social Council resolution 2022/12, and its decision 74/550 A,\n\n\
Noting General Assembly resolutions 54/205 and 55/61,\n\n\
1. Decides to strengthen controls on small arms and light weapons, ammunition and conventional arms;\n\n\
2. Calls for action against online child sexual exploitation;\n\n\
3. Welcomes the online course on human rights and the training platform available online;\n",
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.path().join("public/compendium.json")).unwrap())
            .unwrap();
    let doc = &json["documents"][0];
    assert_eq!(doc["language"], "en");
    let para = |anchor: &str| {
        doc["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["anchor"] == anchor)
            .unwrap()
            .clone()
    };
    let cited = |anchor: &str| -> Vec<(String, String, Option<String>)> {
        para(anchor)["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["cited"].as_str().unwrap().to_string(),
                    c["surface"].as_str().unwrap().to_string(),
                    c["href"].as_str().map(str::to_string),
                )
            })
            .collect()
    };
    let pp1 = cited("pp1");
    assert_eq!(pp1[0].0, "GA res 55/25");
    assert_eq!(
        pp1[0].2.as_deref(),
        Some("https://undocs.org/en/A/RES/55/25")
    );
    assert_eq!(pp1[1].0, "SC res 1373 (2001)");
    assert_eq!(pp1[1].1, "Security Council resolution 1373 (2001)");
    let labels: Vec<String> = cited("pp2").into_iter().map(|c| c.0).collect();
    assert_eq!(
        labels,
        [
            "GA res 64/293",
            "HRC res 45/30",
            "ECOSOC res 2022/12",
            "GA decision 74/550 A"
        ]
    );
    assert_eq!(
        cited("pp2")[1].2.as_deref(),
        Some("https://undocs.org/en/A/HRC/RES/45/30")
    );
    let labels: Vec<String> = cited("pp3").into_iter().map(|c| c.0).collect();
    assert_eq!(labels, ["GA res 54/205", "GA res 55/61"]);
    let topics = |anchor: &str| para(anchor)["topics"].clone();
    assert_eq!(topics("op1"), serde_json::json!(["firearms"]));
    assert_eq!(topics("op2"), serde_json::json!(["cybercrime"]));
    assert_eq!(
        topics("op3"),
        serde_json::json!([]),
        "an online course is no cybercrime"
    );
}
