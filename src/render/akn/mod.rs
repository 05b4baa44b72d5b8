//! Akoma Ntoso (AKN 3.0, AKN4UN naming) export of a document, valid
//! against the OASIS schema (docs/akoma-ntoso.md has the whole mapping).
//!
//! Resolutions and drafts are `statement`s, reports `doc`s. Preambular
//! paragraphs are `p` in the `preamble`, operative paragraphs `paragraph`s
//! with `point`s in a `list`, annexes `attachment`s holding a `doc` with
//! its own `meta`, footnotes `authorialNote`s at their call, citations
//! `ref`s. Element ids follow the OASIS naming convention (`preamble__p_3`,
//! `para_12__list_1__point_a`); our short anchors (`op12a`) ride along in
//! `class`.

mod body;
mod meta;
#[cfg(test)]
mod tests;
pub mod xml;

use crate::content::parse::annex_heading;
use crate::model::{Citation, Document, Heading, ParaKind, Paragraph};
use body::{Part, Tok};
use regex::Regex;
use std::fmt::Write;
use std::sync::LazyLock;
use xml::{esc, id_part, uri};

static REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^([^\]\s]+)\]").unwrap());

/// The document being written and how its links resolve.
pub struct Writer<'a> {
    d: &'a Document,
    docs_iri: &'a dyn Fn(&str) -> Option<String>,
}

impl Writer<'_> {
    /// A paragraph's inline content (its citations and mentions as `ref`).
    fn para_inline(&self, p: &Paragraph, note_prefix: &str) -> String {
        let cites: Vec<&Citation> = p.citations.iter().chain(&p.mentions).collect();
        self.inline(&p.text, &cites, note_prefix)
    }

    /// Inline content: emphasis dropped, citations as `ref`, notes as
    /// `authorialNote` (with `eId`s under `note_prefix`).
    fn inline(&self, text: &str, cites: &[&Citation], note_prefix: &str) -> String {
        let d = self.d;
        let mut out = String::new();
        let mut last = 0;
        let mut pieces: Vec<(&str, Option<&str>)> = Vec::new();
        for m in REF.captures_iter(text) {
            let whole = m.get(0).unwrap();
            pieces.push((&text[last..whole.start()], Some(m.get(1).unwrap().as_str())));
            last = whole.end();
        }
        pieces.push((&text[last..], None));
        let mut cites: Vec<&&Citation> = cites.iter().collect();
        for (segment, note) in pieces {
            let seg = if memchr::memchr2(b'*', b'_', segment.as_bytes()).is_some() {
                std::borrow::Cow::Owned(segment.replace(['*', '_'], ""))
            } else {
                std::borrow::Cow::Borrowed(segment)
            };
            // Citation surfaces that fall in this segment, matched in the
            // text itself (never in an entity or a `ref` already placed).
            let mut refs: Vec<(usize, usize, String)> = Vec::new();
            cites.retain(|c| {
                let s = c.surface.as_str();
                let free = |i: usize| refs.iter().all(|r| i + s.len() <= r.0 || i >= r.1);
                let Some(i) = (!s.is_empty())
                    .then(|| seg.match_indices(s).map(|m| m.0).find(|&i| free(i)))
                    .flatten()
                else {
                    return true;
                };
                if let Some(h) = self.href(c) {
                    let r = format!(
                        "<ref href=\"{}\" refersTo=\"#{}\">{}</ref>",
                        esc(&uri(&h)),
                        esc(&c.cited.replace(|ch: char| !ch.is_ascii_alphanumeric(), "_")),
                        esc(s)
                    );
                    refs.push((i, i + s.len(), r));
                }
                false
            });
            refs.sort_unstable_by_key(|r| r.0);
            let mut from = 0;
            for (start, end, r) in refs {
                out.push_str(&esc(&seg[from..start]));
                out.push_str(&r);
                from = end;
            }
            out.push_str(&esc(&seg[from..]));
            if let Some(marker) = note {
                if let Some(n) = d.notes.iter().find(|n| n.marker == marker) {
                    out.push_str(&note_xml(n, note_prefix));
                }
            }
        }
        out
    }

    /// Where a citation points: the cited document of the compendium,
    /// else the official URL.
    fn href(&self, c: &Citation) -> Option<String> {
        c.target
            .as_deref()
            .and_then(|t| {
                let (slug, anchor) = t.split_once('#').unwrap_or((t, ""));
                (self.docs_iri)(slug).map(|iri| {
                    if anchor.is_empty() {
                        iri
                    } else {
                        format!("{iri}#{anchor}")
                    }
                })
            })
            .or_else(|| c.href.clone())
    }
}

fn note_xml(n: &crate::model::Note, prefix: &str) -> String {
    format!(
        "<authorialNote marker=\"{}\" placement=\"bottom\" eId=\"{prefix}__authorialNote_{}\"><p>{}</p></authorialNote>",
        esc(&n.marker),
        id_part(&n.marker.replace('*', "star")),
        esc(&crate::content::plain_text(&n.text))
    )
}

/// One annex: its numeral (`""` when it has none) and its pieces.
struct Annex<'a> {
    name: String,
    toks: Vec<Tok<'a>>,
}

/// The pieces of the document outside annexes, and those of each annex
/// (in order of appearance). An `Annexe …` heading opens an annex, as in
/// the content; so does a paragraph that names one.
fn split_parts(d: &Document) -> (Vec<Tok<'_>>, Vec<Annex<'_>>) {
    let mut main = Vec::new();
    let mut annexes: Vec<Annex> = Vec::new();
    let mut current: Option<usize> = None;
    let mut heads: Vec<&Heading> = d.headings.iter().collect();
    heads.sort_by_key(|h| h.before);
    let mut heads = heads.into_iter().peekable();
    fn open<'a>(annexes: &mut Vec<Annex<'a>>, name: &str) -> usize {
        annexes
            .iter()
            .position(|a| a.name == name)
            .unwrap_or_else(|| {
                annexes.push(Annex {
                    name: name.to_string(),
                    toks: Vec::new(),
                });
                annexes.len() - 1
            })
    }
    fn push<'a>(main: &mut Vec<Tok<'a>>, annexes: &mut [Annex<'a>], at: Option<usize>, t: Tok<'a>) {
        match at {
            Some(a) => annexes[a].toks.push(t),
            None => main.push(t),
        }
    }
    for i in 0..=d.paragraphs.len() {
        while let Some(h) = heads.next_if(|h| h.before <= i || i == d.paragraphs.len()) {
            match annex_heading(&h.text) {
                Some(a) => current = Some(open(&mut annexes, a)),
                _ => push(&mut main, &mut annexes, current, Tok::Head(h)),
            }
        }
        let Some(p) = d.paragraphs.get(i) else { break };
        if let Some(a) = &p.annex {
            current = Some(open(&mut annexes, a));
        } else if p.kind == Some(ParaKind::AnnexItem) && current.is_none() {
            current = Some(open(&mut annexes, ""));
        }
        push(&mut main, &mut annexes, current, Tok::of(p));
    }
    (main, annexes)
}

/// The AKN XML of one document. `docs_iri(slug)` resolves compendium links.
pub fn akn_document(d: &Document, docs_iri: &dyn Fn(&str) -> Option<String>) -> String {
    let w = Writer { d, docs_iri };
    let (element, name) = meta::element_and_name(d.kind);
    let ids = meta::Ids::of(d);
    let mut x = String::with_capacity(4096 + d.paragraphs.len() * 512);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n");
    let _ = writeln!(x, "<{element} name=\"{name}\">");
    ids.write_main(&mut x, d);
    x.push('\n');
    write_preface(&mut x, &w);

    let (main, annexes) = split_parts(d);
    // The preamble runs to the first numbered paragraph (and the headings
    // just before it); a text with none has no operative part, so all it
    // says is its body.
    let mut split = main
        .iter()
        .position(|t| matches!(t, Tok::Num(_)))
        .unwrap_or(0);
    while split > 0 && matches!(main[split - 1], Tok::Head(_)) {
        split -= 1;
    }
    let (preamble, body) = main.split_at(split);
    let formula = d.body.as_deref().filter(|_| d.kind.is_resolution_like());
    if formula.is_some() || !preamble.is_empty() {
        x.push_str("<preamble>");
        if let Some(b) = formula {
            let _ = write!(
                x,
                "<formula name=\"enactingFormula\"><p>{},</p></formula>",
                esc(b.trim_end_matches(','))
            );
        }
        write_preamble(&mut x, &w, preamble);
        x.push_str("</preamble>\n");
    }
    let report = !d.kind.is_resolution_like();
    x.push_str("<mainBody>");
    write_body(&mut x, Part::new(&w, String::new(), report), body);
    x.push_str("</mainBody>\n");

    if !annexes.is_empty() {
        x.push_str("<attachments>");
        for (ai, a) in annexes.iter().enumerate() {
            let att = format!("att_{}", ai + 1);
            let _ = write!(x, "<attachment eId=\"{att}\"><doc name=\"annex\">");
            ids.write_component(&mut x, d, &format!("annex_{}", ai + 1));
            let label = if a.name.is_empty() {
                "Annexe".to_string()
            } else {
                format!("Annexe {}", a.name)
            };
            let _ = write!(
                x,
                "<preface><p class=\"title\"><docTitle>{}</docTitle></p>",
                esc(&label)
            );
            // Level-3 headings opening the annex are its title.
            let titles = a
                .toks
                .iter()
                .take_while(|t| matches!(t, Tok::Head(h) if h.level == 3))
                .count();
            for (k, t) in a.toks[..titles].iter().enumerate() {
                if let Tok::Head(h) = t {
                    let e = format!("{att}__longTitle_{}", k + 1);
                    let _ = write!(
                        x,
                        "<longTitle eId=\"{e}\"><p>{}</p></longTitle>",
                        w.inline(&h.text, &[], &e)
                    );
                }
            }
            x.push_str("</preface><mainBody>");
            write_body(
                &mut x,
                Part::new(&w, format!("{att}__"), true),
                &a.toks[titles..],
            );
            x.push_str("</mainBody></doc></attachment>");
        }
        x.push_str("</attachments>\n");
    }
    let _ = writeln!(x, "</{element}>\n</akomaNtoso>");
    x
}

/// A `mainBody`'s content; the schema wants at least one element in it.
fn write_body(x: &mut String, mut part: Part, toks: &[Tok]) {
    if toks.is_empty() {
        x.push_str("<p/>");
    } else {
        part.write(x, toks);
    }
}

/// Number, symbol and title; notes on the document itself (`[^*]` called
/// from no paragraph) ride on the title.
fn write_preface(x: &mut String, w: &Writer) {
    let d = w.d;
    x.push_str("<preface>");
    if let Some(n) = &d.number {
        let _ = write!(
            x,
            "<p class=\"number\"><docNumber>{}</docNumber></p>",
            esc(n)
        );
    }
    if let Some(s) = &d.symbol {
        let _ = write!(
            x,
            "<p class=\"symbol\"><docNumber>{}</docNumber></p>",
            esc(s)
        );
    }
    let title = d
        .title
        .as_deref()
        .or(d.symbol.as_deref())
        .unwrap_or(&d.slug);
    let mut notes = String::new();
    for n in d
        .notes
        .iter()
        .filter(|n| n.marker.chars().all(|c| c == '*'))
    {
        let call = format!("[^{}]", n.marker);
        let called = d.paragraphs.iter().any(|p| p.text.contains(&call))
            || d.headings.iter().any(|h| h.text.contains(&call));
        if !called {
            notes.push_str(&note_xml(n, "preface"));
        }
    }
    let _ = writeln!(
        x,
        "<longTitle><p><docTitle>{}{notes}</docTitle></p></longTitle></preface>",
        esc(title)
    );
}

/// Preambular paragraphs (`p`; with lettered items, a `blockList`) and
/// headings (a `container`: a preamble holds no hierarchy).
fn write_preamble(x: &mut String, w: &Writer, toks: &[Tok]) {
    let (mut pp, mut lists, mut heads) = (0, 0, 0);
    let mut i = 0;
    while i < toks.len() {
        let intro = match toks[i] {
            Tok::Head(h) => {
                heads += 1;
                let e = format!("preamble__container_{heads}");
                let _ = write!(
                    x,
                    "<container eId=\"{e}\" name=\"crossHeading\"><p>{}</p></container>",
                    w.inline(&h.text, &[], &e)
                );
                i += 1;
                continue;
            }
            Tok::Let(_) => None,
            Tok::Num(p) | Tok::Un(p) => {
                pp += 1;
                i += 1;
                Some(p)
            }
        };
        let mut end = i;
        while matches!(toks.get(end), Some(Tok::Let(_))) {
            end += 1;
        }
        if end == i {
            if let Some(p) = intro {
                let e = format!("preamble__p_{pp}");
                let _ = write!(
                    x,
                    "<p eId=\"{e}\" class=\"{}\">{}</p>",
                    esc(&p.anchor),
                    w.para_inline(p, &e)
                );
            }
            continue;
        }
        lists += 1;
        let list = format!("preamble__list_{lists}");
        let _ = write!(x, "<blockList eId=\"{list}\"");
        if let Some(p) = intro {
            let e = format!("preamble__p_{pp}");
            let _ = write!(
                x,
                " class=\"{}\"><listIntroduction eId=\"{e}\">{}</listIntroduction>",
                esc(&p.anchor),
                w.para_inline(p, &e)
            );
        } else {
            x.push('>');
        }
        for t in &toks[i..end] {
            if let Tok::Let(q) = t {
                let (l, num) = body::item_label(q);
                let e = match q.letter.as_deref().filter(|_| q.dash) {
                    Some(outer) => format!("{list}__item_{}__item_{}", id_part(outer), id_part(&l)),
                    None => format!("{list}__item_{}", id_part(&l)),
                };
                let _ = write!(
                    x,
                    "<item eId=\"{e}\" class=\"{}\"><num>{}</num><p>{}</p></item>",
                    esc(&q.anchor),
                    esc(&num),
                    w.para_inline(q, &e)
                );
            }
        }
        x.push_str("</blockList>");
        i = end;
    }
}
