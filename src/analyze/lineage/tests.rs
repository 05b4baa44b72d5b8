use super::*;

fn seeds() -> Vec<Document> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = crate::config::Config::load(&root.join("site.yaml")).unwrap();
    let mut docs = crate::content::repository_documents();
    crate::analyze::analyze(&mut docs, &config).unwrap();
    docs
}

/// The entry of `slug#anchor` for `other#other_anchor`.
fn entry<'a>(docs: &'a [Document], at: &str, other: &str) -> Option<&'a Similar> {
    let (slug, anchor) = at.split_once('#').unwrap();
    let (os, oa) = other.split_once('#').unwrap();
    let d = docs.iter().find(|d| d.slug == slug).unwrap();
    let p = d.paragraphs.iter().find(|p| p.anchor == anchor).unwrap();
    p.similar.iter().find(|s| s.slug == os && s.anchor == oa)
}

#[test]
fn the_seeds_shared_paragraphs_are_found_both_ways() {
    let docs = seeds();
    // Read in content/: each pair is one clause, reworded.
    for (a, b, min, max) in [
        // The same request to the Commission, « Se félicite de la
        // Déclaration de Kyoto, et » prepended.
        ("a-c-3-77-l-2#op4", "a-c-3-77-l-12-rev-1#op83", 90, 99),
        // « Rappelant les conclusions » / « Se félicitant des résultats »
        // of the fourteenth Congress.
        ("a-c-3-77-l-3#pp1", "a-c-3-77-l-12-rev-1#pp3", 60, 75),
        // CCPCJ resolution 26/3 recalled, then welcomed.
        ("a-c-3-77-l-4#pp12", "a-c-3-77-l-12-rev-1#pp42", 50, 60),
        // The two COP resolutions' call for extrabudgetary resources.
        (
            "resolution-6-1#op21",
            "celebration-du-vingtieme-anniversaire-de-l-adoption-de#op13",
            40,
            55,
        ),
        // COP resolution 10/4's paragraph 2, quoted by the later draft.
        (
            "celebration-du-vingtieme-anniversaire-de-l-adoption-de#op2",
            "application-des-dispositions-de-la-convention-des#pp7",
            50,
            60,
        ),
        // The report of the Secretary-General requested, another session.
        ("a-c-3-77-l-2#op9", "a-c-3-77-l-11-rev-1#op27", 35, 50),
    ] {
        for (x, y) in [(a, b), (b, a)] {
            let s = entry(&docs, x, y).unwrap_or_else(|| panic!("{x} -> {y}"));
            assert!(!s.identical, "{x} -> {y}");
            assert!((min..=max).contains(&s.score), "{x} -> {y}: {}", s.score);
        }
    }
    // Sharing only the Convention's name, or « Rappelant sa résolution »,
    // is not agreed language.
    assert!(entry(
        &docs,
        "resolution-6-1#pp2",
        "celebration-du-vingtieme-anniversaire-de-l-adoption-de#pp1"
    )
    .is_none());
    // Never the paragraph's own document; best first.
    for d in &docs {
        for p in &d.paragraphs {
            assert!(p.similar.iter().all(|s| s.slug != d.slug));
            assert!(p.similar.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
    // The comparison pages: the drafts sharing most.
    let compare = |s: &str| &docs.iter().find(|d| d.slug == s).unwrap().compare;
    assert_eq!(
        compare("a-c-3-77-l-2"),
        &vec!["a-c-3-77-l-12-rev-1".to_string()]
    );
    assert!(docs.iter().all(|d| d.compare.len() <= MAX_COMPARE));
}

#[test]
fn word_hashes_are_those_of_the_lower_cased_words() {
    for text in [
        "Rappelant sa résolution 5/1, L’ÉTAT « partie » et l'Œuvre — ΣΟΦΊΑ 2030",
        "  ,;  ",
        "Prie le Secrétaire général ; ÉTATS Membres (A/77/464)",
        &(0xA0u32..0x250)
            .filter_map(char::from_u32)
            .map(|c| format!("x{c}{c}y "))
            .collect::<String>(),
    ] {
        let by_word: Vec<u64> = words(text).iter().map(|w| word_hash(w)).collect();
        assert_eq!(word_hashes(text), by_word, "{text}");
    }
}

fn doc(slug: &str, texts: &[&str]) -> Document {
    let mut d = Document::new(DocKind::Resolution);
    d.slug = slug.into();
    for (i, t) in texts.iter().enumerate() {
        d.paragraphs.push(crate::model::Paragraph {
            anchor: format!("op{}", i + 1),
            plain: (*t).into(),
            ..Default::default()
        });
    }
    d
}

#[test]
fn identical_modified_short_and_same_document() {
    let clause = "Prie le Secrétaire général de lui présenter à sa prochaine session un rapport sur l’application de la présente résolution";
    let changed = "Prie le Secrétaire général de lui présenter à sa prochaine session un rapport détaillé sur l’application de la présente résolution";
    let docs = vec![
        doc("a", &[clause, "Décide de rester saisi de la question."]),
        doc("b", &[&clause.to_uppercase().replace(' ', " , "), clause]),
        doc("c", &[changed, "Décide de rester saisi de la question."]),
    ];
    let s = lineage(&docs);
    // Case and punctuation aside, identical; the same document's
    // copy is not listed.
    let a = &s[0][0];
    assert_eq!(a.len(), 3, "{a:?}");
    assert!(a[0].identical && a[0].score == 100 && a[0].slug == "b" && a[0].anchor == "op1");
    assert!(a[1].identical && a[1].anchor == "op2");
    assert!(!a[2].identical && a[2].slug == "c" && a[2].score >= 50 && a[2].score < 100);
    // Too short to count.
    assert!(s[0][1].is_empty() && s[2][1].is_empty());
    // The same again: deterministic.
    assert_eq!(lineage(&docs), s);
}
