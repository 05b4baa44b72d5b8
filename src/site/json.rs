//! `compendium.json`: everything, in the shape of SPEC §8.

use crate::content::plain_text;
use crate::model::{Citation, CitedBy, Document, ParaKind};
use crate::render::views::TopicLink;
use serde::Serialize;

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
}

#[derive(Serialize)]
struct TopicJson<'a> {
    id: &'a str,
    label: &'a str,
    count: usize,
}

/// One document as it appears in `compendium.json`'s `documents` array.
pub fn document_json(d: &Document) -> String {
    let doc = DocJson {
        slug: &d.slug,
        url: format!("documents/{}/", d.slug),
        kind: d.kind.as_str(),
        title: d.title.as_deref(),
        body: d.body.as_deref(),
        number: d.number.as_deref(),
        symbol: d.symbol.as_deref(),
        date: d.date.as_deref(),
        contained_in: d.contained_in.as_deref(),
        source: d.source.as_deref(),
        notes: d
            .notes
            .iter()
            .map(|n| NoteJson {
                marker: &n.marker,
                anchor: crate::model::note_anchor(&n.marker),
                text: plain_text(&n.text),
                citations: &n.citations,
            })
            .collect(),
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
