//! Watch mode's lineage, updated edit after edit, against a fresh build.

use super::*;
use crate::model::Paragraph;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Texts to draw paragraphs from: the seeds' (some reworded), short
/// ones, and two families of one formula: one above [`POSTING_CAP`],
/// one around it (its shingles cross it as texts come and go).
fn pool(rng: &mut Rng) -> Vec<String> {
    let mut pool: Vec<String> = crate::content::repository_texts()
        .into_iter()
        .filter(|t| t.len() > 40)
        .step_by(5)
        .take(90)
        .collect();
    for i in 0..30 {
        let t = pool[i].clone();
        pool.push(reworded(rng, &t));
    }
    pool.push("Décide de rester saisi de la question.".into());
    for i in 0..80 {
        pool.push(format!(
            "Prie le Secrétaire général de lui présenter à sa prochaine session un rapport sur la question {i} et ses incidences"
        ));
    }
    for i in 0..66 {
        pool.push(format!(
            "Invite les États Membres à verser des contributions volontaires au fonds numéro {i} pour l’exercice biennal"
        ));
    }
    pool
}

/// `t` with a word left out or one put in.
fn reworded(rng: &mut Rng, t: &str) -> String {
    let mut w: Vec<&str> = t.split(' ').collect();
    let at = rng.below(w.len());
    if rng.below(2) == 0 && w.len() > 1 {
        w.remove(at);
    } else {
        w.insert(at, "notamment");
    }
    w.join(" ")
}

fn paragraph(text: &str) -> Paragraph {
    Paragraph {
        plain: text.into(),
        ..Default::default()
    }
}

/// Anchors in order, after paragraphs came or went.
fn renumber(d: &mut Document) {
    for (i, p) in d.paragraphs.iter_mut().enumerate() {
        p.anchor = format!("op{}", i + 1);
    }
}

fn new_doc(rng: &mut Rng, pool: &[String], n: usize) -> Document {
    let mut d = Document::new(DocKind::Resolution);
    d.slug = format!("doc-{n}");
    // A few titles shared: comparison pages by title.
    d.title = Some(format!("Titre {}", rng.below(40)));
    for _ in 0..3 + rng.below(14) {
        d.paragraphs.push(paragraph(&pool[rng.below(pool.len())]));
    }
    renumber(&mut d);
    d
}

/// `d` as watch mode parses it again: nothing of the last analysis.
fn parsed(d: &Document) -> Document {
    let mut d = d.clone();
    d.lineage_key = 0;
    d.compare.clear();
    for p in &mut d.paragraphs {
        p.similar.clear();
    }
    d
}

/// One edit of `docs`, whose `words` follow: a changed document gets new
/// words (new ones are not at the address of the last build's).
fn edit(
    rng: &mut Rng,
    pool: &[String],
    docs: &mut Vec<Document>,
    words: &mut Vec<Arc<Vec<Option<Words>>>>,
    made: &mut usize,
) {
    let i = rng.below(docs.len());
    let p = rng.below(docs[i].paragraphs.len());
    match rng.below(9) {
        // A paragraph reworded, replaced, added or taken out.
        0 => {
            let t = reworded(rng, &docs[i].paragraphs[p].plain);
            docs[i].paragraphs[p] = paragraph(&t);
        }
        1 => docs[i].paragraphs[p] = paragraph(&pool[rng.below(pool.len())]),
        2 => {
            let text = &pool[rng.below(pool.len())];
            docs[i].paragraphs.insert(p, paragraph(text));
        }
        3 if docs[i].paragraphs.len() > 1 => {
            docs[i].paragraphs.remove(p);
        }
        // A document gone, or new.
        4 if docs.len() > 20 => {
            docs.remove(i);
            words.remove(i);
            return;
        }
        5 => {
            *made += 1;
            let d = new_doc(rng, pool, *made);
            words.insert(i, Arc::new(paragraph_words(&d)));
            docs.insert(i, d);
            return;
        }
        // Its title changed.
        6 => docs[i].title = Some(format!("Titre {}", rng.below(40))),
        // Unchanged, but not the last build's document (as after a failed
        // build): it holds no lists.
        7 => {
            docs[i] = parsed(&docs[i]);
            return;
        }
        // Moved: the others keep their order.
        _ => {
            let d = docs.remove(i);
            let w = words.remove(i);
            let at = rng.below(docs.len() + 1);
            docs.insert(at, d);
            words.insert(at, w);
            return;
        }
    }
    renumber(&mut docs[i]);
    if rng.below(2) == 0 {
        docs[i] = parsed(&docs[i]);
    }
    words[i] = Arc::new(paragraph_words(&docs[i]));
}

#[test]
fn updated_lineage_equals_a_fresh_build_edit_after_edit() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let pool = pool(&mut rng);
    let mut made = 0;
    let mut docs: Vec<Document> = (0..80)
        .map(|_| {
            made += 1;
            new_doc(&mut rng, &pool, made)
        })
        .collect();
    let mut words: Vec<Arc<Vec<Option<Words>>>> =
        docs.iter().map(|d| Arc::new(paragraph_words(d))).collect();
    let kept = Mutex::new(None);
    set_lineage(&mut docs, &words, Some(&kept));
    let (mut updated, mut related) = (0, 0);
    for step in 0..400 {
        // Mostly one edit, sometimes several; now and then many (the
        // update starts again from nothing).
        let edits = match step % 50 {
            49 => 30,
            n if n % 7 == 0 => 3,
            _ => 1,
        };
        for _ in 0..edits {
            edit(&mut rng, &pool, &mut docs, &mut words, &mut made);
        }
        let slots = kept.lock().unwrap().as_ref().map_or(0, |ix| ix.docs.len());
        set_lineage(&mut docs, &words, Some(&kept));
        let ix = kept.lock().unwrap();
        let ix = ix.as_ref().unwrap();
        updated += usize::from(ix.docs.len() > docs.len() && ix.docs.len() >= slots);
        // A fresh build of the same documents.
        let mut fresh: Vec<Document> = docs.iter().map(parsed).collect();
        let fresh_words: Vec<Arc<Vec<Option<Words>>>> =
            fresh.iter().map(|d| Arc::new(paragraph_words(d))).collect();
        set_lineage(&mut fresh, &fresh_words, None);
        for (d, f) in docs.iter().zip(&fresh) {
            assert_eq!(d.compare, f.compare, "step {step}: {}", d.slug);
            for (p, q) in d.paragraphs.iter().zip(&f.paragraphs) {
                assert_eq!(p.similar, q.similar, "step {step}: {}#{}", d.slug, p.anchor);
            }
        }
        // The index itself, lists not written included.
        let slices: Vec<&[Option<Words>]> = words.iter().map(|w| w.as_slice()).collect();
        let found = found(&slices);
        for (place, paras) in found.iter().enumerate() {
            for (p, list) in paras.iter().enumerate() {
                assert_eq!(&ix.found(place, p).collect::<Vec<_>>(), list, "step {step}");
                related += usize::from(list.iter().any(|f| !f.identical));
            }
        }
    }
    // The updates were updates, and the lists not only of identical texts.
    assert!(updated > 300, "{updated} updates");
    assert!(related > 1000);
}
