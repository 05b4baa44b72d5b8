//! `compendium.json`: everything, in the shape of SPEC §8.

use crate::content::plain_text;
#[cfg(test)]
use crate::model::CitedBy;
use crate::model::{Citation, Document, ParaKind, Paragraph};
use crate::render::views::TopicLink;
use serde::Serialize;

#[cfg(test)]
#[derive(Serialize)]
struct DocJson<'a> {
    slug: &'a str,
    url: String,
    kind: &'a str,
    title: Option<&'a str>,
    body: Option<&'a str>,
    number: Option<&'a str>,
    symbol: Option<&'a str>,
    date: Option<&'a str>,
    language: Option<&'a str>,
    contained_in: Option<&'a str>,
    source: Option<&'a str>,
    notes: Vec<NoteJson<'a>>,
    paragraphs: Vec<ParaJson<'a>>,
    cited_by: &'a [CitedBy],
}

#[derive(Serialize)]
struct NoteJson<'a> {
    marker: &'a str,
    anchor: String,
    text: String,
    citations: &'a [Citation],
}

#[cfg(test)]
#[derive(Serialize)]
struct ParaJson<'a> {
    anchor: &'a str,
    kind: ParaKind,
    number: Option<&'a str>,
    letter: Option<&'a str>,
    annex: Option<&'a str>,
    section: Option<&'a str>,
    text: &'a str,
    footnotes: &'a [String],
    topics: &'a [String],
    citations: &'a [Citation],
    similar: Vec<SimilarJson<'a>>,
}

/// A paragraph's `similar` entry: the score in [0, 1], two decimals.
#[derive(Serialize)]
struct SimilarJson<'a> {
    slug: &'a str,
    anchor: &'a str,
    score: f64,
    identical: bool,
}

fn similar(p: &Paragraph) -> Vec<SimilarJson<'_>> {
    p.similar
        .iter()
        .map(|s| SimilarJson {
            slug: &s.slug,
            anchor: &s.anchor,
            score: f64::from(s.score) / 100.0,
            identical: s.identical,
        })
        .collect()
}

#[derive(Serialize)]
struct TopicJson<'a> {
    id: &'a str,
    label: &'a str,
    count: usize,
}

/// One document as it appears in `compendium.json`'s `documents` array.
///
/// The bytes serde_json gives for [`DocJson`], but paragraphs — nearly all
/// of the export — are written here, their text escaped by [`json_string`]
/// (a third of the time serde_json takes, which looks at every byte).
pub fn document_json(d: &Document) -> String {
    let text: usize = d.paragraphs.iter().map(|p| p.plain.len() + 160).sum();
    let mut out = String::with_capacity(text + 1024);
    let string = json_string;
    let option = |out: &mut String, v: Option<&str>| match v {
        Some(v) => string(out, v),
        None => out.push_str("null"),
    };
    let strings = |out: &mut String, v: &[String]| {
        out.push('[');
        for (i, s) in v.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            string(out, s);
        }
        out.push(']');
    };
    out.push_str("{\"slug\":");
    string(&mut out, &d.slug);
    out.push_str(",\"url\":");
    string(&mut out, &format!("documents/{}/", d.slug));
    out.push_str(",\"kind\":");
    string(&mut out, d.kind.as_str());
    for (key, value) in [
        ("title", &d.title),
        ("body", &d.body),
        ("number", &d.number),
        ("symbol", &d.symbol),
        ("date", &d.date),
        ("language", &d.language),
        ("contained_in", &d.contained_in),
        ("source", &d.source),
    ] {
        out.push_str(",\"");
        out.push_str(key);
        out.push_str("\":");
        option(&mut out, value.as_deref());
    }
    out.push_str(",\"notes\":");
    push_serde(&mut out, &notes(d));
    out.push_str(",\"paragraphs\":[");
    for (i, p) in d.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let kind = p.kind.unwrap_or(ParaKind::Preamble);
        out.push_str("{\"anchor\":");
        string(&mut out, &p.anchor);
        out.push_str(",\"kind\":");
        push_serde(&mut out, &kind);
        out.push_str(",\"number\":");
        option(
            &mut out,
            p.number
                .as_deref()
                .filter(|_| p.kind != Some(ParaKind::Preamble)),
        );
        out.push_str(",\"letter\":");
        option(&mut out, p.letter.as_deref());
        out.push_str(",\"annex\":");
        option(&mut out, p.annex.as_deref());
        out.push_str(",\"section\":");
        option(&mut out, p.section.as_deref());
        out.push_str(",\"text\":");
        string(&mut out, &p.plain);
        out.push_str(",\"footnotes\":");
        strings(&mut out, &p.footnotes);
        out.push_str(",\"topics\":");
        strings(&mut out, &p.topics);
        out.push_str(",\"citations\":");
        if p.citations.is_empty() {
            out.push_str("[]");
        } else {
            push_serde(&mut out, &p.citations);
        }
        out.push_str(",\"similar\":");
        if p.similar.is_empty() {
            out.push_str("[]");
        } else {
            push_serde(&mut out, &similar(p));
        }
        out.push('}');
    }
    out.push_str("],\"cited_by\":");
    push_serde(&mut out, &d.cited_by);
    out.push('}');
    out
}

/// `v` as serde_json writes it.
fn push_serde<T: Serialize + ?Sized>(out: &mut String, v: &T) {
    out.push_str(&serde_json::to_string(v).expect("serializes"));
}

fn notes(d: &Document) -> Vec<NoteJson<'_>> {
    d.notes
        .iter()
        .map(|n| NoteJson {
            marker: &n.marker,
            anchor: crate::model::note_anchor(&n.marker),
            text: plain_text(&n.text),
            citations: &n.citations,
        })
        .collect()
}

/// The export's definition: [`document_json`] gives these bytes.
#[cfg(test)]
fn document_json_by_serde(d: &Document) -> String {
    let doc = DocJson {
        slug: &d.slug,
        url: format!("documents/{}/", d.slug),
        kind: d.kind.as_str(),
        title: d.title.as_deref(),
        body: d.body.as_deref(),
        number: d.number.as_deref(),
        symbol: d.symbol.as_deref(),
        date: d.date.as_deref(),
        language: d.language.as_deref(),
        contained_in: d.contained_in.as_deref(),
        source: d.source.as_deref(),
        notes: notes(d),
        paragraphs: d
            .paragraphs
            .iter()
            .map(|p| ParaJson {
                anchor: &p.anchor,
                kind: p.kind.unwrap_or(ParaKind::Preamble),
                number: p
                    .number
                    .as_deref()
                    .filter(|_| p.kind != Some(ParaKind::Preamble)),
                letter: p.letter.as_deref(),
                annex: p.annex.as_deref(),
                section: p.section.as_deref(),
                text: &p.plain,
                footnotes: &p.footnotes,
                topics: &p.topics,
                citations: &p.citations,
                similar: similar(p),
            })
            .collect(),
        cited_by: &d.cited_by,
    };
    serde_json::to_string(&doc).expect("document serializes")
}

/// `compendium.json` is [`head`], the documents each serialized by
/// [`document_json`] and joined by commas, then [`tail`] (compact, stable
/// order: tens of megabytes on a large compendium, so no indentation, and
/// written piece by piece). The bytes are those of serializing the whole
/// export at once.
pub fn head() -> String {
    let generator = format!("compendium {}", env!("CARGO_PKG_VERSION"));
    format!(
        "{{\"generator\":{},\"documents\":[",
        serde_json::to_string(&generator).expect("string serializes")
    )
}

/// What follows the documents: the topics and their counts.
pub fn tail(topics: &[TopicLink]) -> String {
    let topics: Vec<TopicJson> = topics
        .iter()
        .map(|t| TopicJson {
            id: &t.id,
            label: &t.label,
            count: t.count,
        })
        .collect();
    format!(
        "],\"topics\":{}}}\n",
        serde_json::to_string(&topics).expect("topics serialize")
    )
}

/// `s` as a JSON string, the bytes serde_json writes: `"` and `\\`
/// escaped, control characters as `\\n`-style or `\\u00XX` escapes,
/// everything else as it is.
pub fn json_string(out: &mut String, s: &str) {
    out.push('"');
    let b = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time while none needs escaping (paragraph text
        // rarely holds one): the whole text is copied at once.
        if let Some(chunk) = b.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        let short = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0x00..=0x1F => "",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[from..i]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(c >> 4) as usize] as char);
            out.push(HEX[(c & 0xF) as usize] as char);
        } else {
            out.push_str(short);
        }
        i += 1;
        from = i;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// Does any of the eight bytes of `word` need escaping in JSON (`"`, `\\`,
/// or a control character below 0x20)? The usual bit tricks: a byte's
/// high bit is set in `(x - 0x01…) & !x` where `x` has a zero byte; they
/// may also flag the bytes above a true one, never a word without one.
#[inline]
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    control | zero_in(word ^ (ONES * b'"' as u64)) | zero_in(word ^ (ONES * b'\\' as u64)) != 0
}

/// `n` in decimal.
pub fn push_u32(out: &mut String, n: u32) {
    // Paragraph numbers are mostly one or two digits.
    if n < 10 {
        out.push((b'0' + n as u8) as char);
        return;
    }
    if n < 100 {
        out.push((b'0' + (n / 10) as u8) as char);
        out.push((b'0' + (n % 10) as u8) as char);
        return;
    }
    push_u32(out, n / 10);
    out.push((b'0' + (n % 10) as u8) as char);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_and_numbers_are_serde_json_s() {
        let mut all_controls = String::new();
        for c in 0u8..0x80 {
            all_controls.push(c as char);
        }
        for s in [
            "",
            "plain",
            "« l’État » \"cité\" \\ fin",
            "\u{7F}\u{80}\u{2028}全",
            &all_controls,
        ] {
            let mut out = String::new();
            json_string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
        // Every character to escape, at every place in and across the
        // eight-byte words read at once, beside multi-byte characters.
        for special in ['"', '\\', '\n', '\u{1}', '\u{1F}', ' ', '\u{7F}', 'é'] {
            for len in 0..24 {
                for at in 0..=len {
                    let mut s: String = "aé«".chars().cycle().take(len).collect();
                    let at = s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
                    s.insert(at, special);
                    let mut out = String::new();
                    json_string(&mut out, &s);
                    assert_eq!(out, serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
        for n in [0, 7, 10, 99, 100, 65_535, 1_000_000, u32::MAX] {
            let mut out = String::new();
            push_u32(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn documents_are_the_bytes_serde_gives() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut docs = crate::content::repository_documents();
        let config = crate::config::Config::load(&root.join("site.yaml")).unwrap();
        crate::analyze::analyze(&mut docs, &config).unwrap();
        // And a hand-made document with everything the seeds may lack.
        let mut d = Document::new(crate::model::DocKind::DraftResolution);
        d.slug = "x-1".into();
        d.title = Some("« Titre » \"cité\"\n\t\\".into());
        d.date = Some("2020".into());
        d.cited_by = vec![CitedBy {
            slug: "a".into(),
            anchor: "op1".into(),
        }];
        d.notes = vec![crate::model::Note {
            marker: "*".into(),
            text: "Voir *A/RES/1*.".into(),
            citations: vec![],
        }];
        for (kind, number, letter) in [
            (ParaKind::Preamble, Some("1"), None),
            (ParaKind::Operative, Some("2"), None),
            (ParaKind::Subparagraph, Some("2"), Some("a")),
            (ParaKind::AnnexItem, None, Some("b")),
            (ParaKind::ReportPara, Some("10"), None),
        ] {
            d.paragraphs.push(crate::model::Paragraph {
                anchor: format!("p-{kind:?}"),
                kind: Some(kind),
                number: number.map(str::to_string),
                letter: letter.map(str::to_string),
                annex: Some("I".into()),
                section: Some("Sec. \u{1}".into()),
                plain: "texte \"entre\" \\ guillemets\r".into(),
                footnotes: vec!["1".into(), "*".into()],
                topics: vec!["firearms".into()],
                citations: vec![Citation {
                    cited: "résolution 1/1".into(),
                    surface: "1/1".into(),
                    target: None,
                    href: Some("../x/#op1".into()),
                }],
                similar: vec![
                    crate::model::Similar {
                        slug: "a".into(),
                        anchor: "pp\"1".into(),
                        score: 100,
                        identical: true,
                    },
                    crate::model::Similar {
                        slug: "b".into(),
                        anchor: "op2".into(),
                        score: 7,
                        identical: false,
                    },
                ],
                ..Default::default()
            });
        }
        d.paragraphs.push(crate::model::Paragraph::default());
        docs.push(d);
        let paragraphs: usize = docs.iter().map(|d| d.paragraphs.len()).sum();
        assert!(paragraphs > 100, "{paragraphs}");
        for d in &docs {
            assert_eq!(document_json(d), document_json_by_serde(d), "{}", d.slug);
        }
    }
}
