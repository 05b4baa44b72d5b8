//! Akoma Ntoso (AKN 3.0, AKN4UN naming) export of a document.
//!
//! Resolutions and drafts are `statement`s, reports `doc`s. Preambular
//! paragraphs are `p` in the `preamble`, operative paragraphs `paragraph`s
//! with `point`s in a `list`, annexes `attachment`s, footnotes
//! `authorialNote`s at their call, citations `ref`s. Element ids follow the
//! OASIS naming convention (`preamble__p_3`, `para_12__list_1__point_a`);
//! our short anchors (`op12a`) ride along in `class`.

use crate::model::{Citation, DocKind, Document, ParaKind, Paragraph};
use regex::Regex;
use std::fmt::Write;
use std::sync::LazyLock;

static REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^([^\]\s]+)\]").unwrap());

fn esc(s: &str) -> String {
    let b = s.as_bytes();
    if memchr::memchr3(b'&', b'<', b'>', b).is_none() && memchr::memchr(b'"', b).is_none() {
        return s.to_string(); // most text: one copy
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut from = 0;
    for (i, &c) in b.iter().enumerate() {
        let entity = match c {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

/// `slug` -> the FRBR work IRI of a document of the compendium.
fn work_iri(d: &Document) -> String {
    let (kind, sub) = match d.kind {
        DocKind::Resolution => ("statement", "resolution"),
        DocKind::Decision => ("statement", "decision"),
        DocKind::DraftResolution => ("statement", "draftResolution"),
        DocKind::Report | DocKind::Page => ("doc", "report"),
    };
    format!("/akn/un/{kind}/{sub}/{}", d.slug)
}

/// Inline content: emphasis dropped, citations as `ref`, notes as `authorialNote`.
fn inline(
    text: &str,
    cites: &[&Citation],
    d: &Document,
    note_prefix: &str,
    docs_iri: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::new();
    let mut last = 0;
    let mut pieces: Vec<(String, Option<String>)> = Vec::new();
    for m in REF.captures_iter(text) {
        let whole = m.get(0).unwrap();
        pieces.push((
            text[last..whole.start()].to_string(),
            Some(m[1].to_string()),
        ));
        last = whole.end();
    }
    pieces.push((text[last..].to_string(), None));
    let mut cites: Vec<&&Citation> = cites.iter().collect();
    for (segment, note) in pieces {
        let mut seg = if memchr::memchr2(b'*', b'_', segment.as_bytes()).is_some() {
            esc(&segment.replace(['*', '_'], ""))
        } else {
            esc(&segment)
        };
        // Wrap citation surfaces that fall in this segment.
        cites.retain(|c| {
            let surface = esc(&c.surface);
            let href = c
                .target
                .as_deref()
                .and_then(|t| {
                    let (slug, anchor) = t.split_once('#').unwrap_or((t, ""));
                    docs_iri(slug).map(|iri| {
                        if anchor.is_empty() {
                            iri
                        } else {
                            format!("{iri}#{anchor}")
                        }
                    })
                })
                .or_else(|| c.href.clone());
            match (seg.find(&surface), href) {
                (Some(i), Some(h)) => {
                    let r = format!(
                        "<ref href=\"{}\" refersTo=\"#{}\">{surface}</ref>",
                        esc(&h),
                        esc(&c.cited.replace(|ch: char| !ch.is_ascii_alphanumeric(), "_"))
                    );
                    seg.replace_range(i..i + surface.len(), &r);
                    false
                }
                (Some(_), None) => false,
                _ => true,
            }
        });
        out.push_str(&seg);
        if let Some(marker) = note {
            if let Some(n) = d.notes.iter().find(|n| n.marker == marker) {
                let body = esc(&crate::content::plain_text(&n.text));
                let _ = write!(
                    out,
                    "<authorialNote marker=\"{}\" placement=\"bottom\" eId=\"{note_prefix}__authorialNote_{}\"><p>{body}</p></authorialNote>",
                    esc(&marker),
                    esc(&marker.replace('*', "star"))
                );
            }
        }
    }
    out
}

/// The AKN XML of one document. `docs_iri(slug)` resolves compendium links.
pub fn akn_document(d: &Document, docs_iri: &dyn Fn(&str) -> Option<String>) -> String {
    let (element, name) = match d.kind {
        DocKind::Resolution => ("statement", "resolution"),
        DocKind::Decision => ("statement", "decision"),
        DocKind::DraftResolution => ("statement", "draftResolution"),
        DocKind::Report | DocKind::Page => ("doc", "report"),
    };
    let iri = work_iri(d);
    let date = d.date.clone().unwrap_or_else(|| "9999-01-01".to_string());
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n");
    let _ = writeln!(x, "<{element} name=\"{name}\">");
    let _ = writeln!(
        x,
        "<meta><identification source=\"#compendium\">\
<FRBRWork><FRBRthis value=\"{iri}/!main\"/><FRBRuri value=\"{iri}\"/><FRBRdate date=\"{date}\" name=\"adoption\"/><FRBRauthor href=\"#author\"/><FRBRcountry value=\"un\"/>{}</FRBRWork>\
<FRBRExpression><FRBRthis value=\"{iri}/fra@/!main\"/><FRBRuri value=\"{iri}/fra@\"/><FRBRdate date=\"{date}\" name=\"expression\"/><FRBRauthor href=\"#author\"/><FRBRlanguage language=\"fra\"/></FRBRExpression>\
<FRBRManifestation><FRBRthis value=\"{iri}/fra@/!main.xml\"/><FRBRuri value=\"{iri}/fra@.akn\"/><FRBRdate date=\"{date}\" name=\"generation\"/><FRBRauthor href=\"#compendium\"/></FRBRManifestation>\
</identification><references source=\"#compendium\"><TLCOrganization eId=\"compendium\" href=\"/ontology/organization/compendium\" showAs=\"compendium\"/><TLCOrganization eId=\"author\" href=\"/ontology/organization/un/{}\" showAs=\"{}\"/></references></meta>",
        d.number.as_ref().map(|n| format!("<FRBRnumber value=\"{}\"/>", esc(n))).unwrap_or_default(),
        esc(&slug::slugify(d.body_code.as_deref().unwrap_or("un"))),
        esc(d.body.as_deref().unwrap_or("United Nations"))
    );
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
    let _ = writeln!(
        x,
        "<longTitle><p><docTitle>{}</docTitle></p></longTitle></preface>",
        esc(d
            .title
            .as_deref()
            .unwrap_or(d.symbol.as_deref().unwrap_or(&d.slug)))
    );
    // Document-level notes (`*`) sit in the preface's notes.
    let cites = cites_of;

    let body: Vec<&Paragraph> = d
        .paragraphs
        .iter()
        .filter(|p| p.annex.is_none() && p.kind != Some(ParaKind::AnnexItem))
        .collect();
    let preamble: Vec<&Paragraph> = body
        .iter()
        .copied()
        .filter(|p| p.kind == Some(ParaKind::Preamble))
        .collect();
    if d.kind.is_resolution_like() {
        x.push_str("<preamble>");
        if let Some(b) = &d.body {
            let _ = write!(
                x,
                "<formula name=\"enactingFormula\"><p>{},</p></formula>",
                esc(b.trim_end_matches(','))
            );
        }
        for (i, p) in preamble.iter().enumerate() {
            let e = format!("preamble__p_{}", i + 1);
            let _ = write!(
                x,
                "<p eId=\"{e}\" class=\"{}\">{}</p>",
                p.anchor,
                inline(&p.text, &cites(p), d, &e, docs_iri)
            );
        }
        x.push_str("</preamble>\n");
    }
    x.push_str("<mainBody>");
    write_numbered(
        &mut x,
        d,
        &body
            .iter()
            .copied()
            .filter(|p| p.kind != Some(ParaKind::Preamble))
            .collect::<Vec<_>>(),
        "",
        docs_iri,
        cites,
    );
    x.push_str("</mainBody>\n");

    // Annexes.
    let mut annexes: Vec<String> = Vec::new();
    for p in &d.paragraphs {
        if let Some(a) = &p.annex {
            if !annexes.contains(a) {
                annexes.push(a.clone());
            }
        }
    }
    if !annexes.is_empty() {
        x.push_str("<attachments>");
        for (ai, a) in annexes.iter().enumerate() {
            let att = format!("att_{}", ai + 1);
            let _ = write!(x, "<attachment eId=\"{att}\"><doc name=\"annex\"><preface><p class=\"title\"><docTitle>Annexe {}</docTitle></p></preface><mainBody>", esc(a));
            let items: Vec<&Paragraph> = d
                .paragraphs
                .iter()
                .filter(|p| p.annex.as_ref() == Some(a))
                .collect();
            let intro: Vec<&&Paragraph> = items.iter().filter(|p| p.letter.is_none()).collect();
            let points: Vec<&&Paragraph> = items.iter().filter(|p| p.letter.is_some()).collect();
            let list = format!("{att}__list_1");
            let _ = write!(x, "<list eId=\"{list}\">");
            if let Some(p) = intro.first() {
                let e = format!("{list}__intro");
                let _ = write!(
                    x,
                    "<intro><p eId=\"{e}\" class=\"{}\">{}</p></intro>",
                    p.anchor,
                    inline(&p.text, &cites(p), d, &e, docs_iri)
                );
            }
            for p in points {
                let l = p.letter.as_deref().unwrap_or("");
                let e = format!("{list}__point_{l}");
                let _ = write!(x, "<point eId=\"{e}\" class=\"{}\"><num>{l})</num><content><p>{}</p></content></point>", p.anchor, inline(&p.text, &cites(p), d, &e, docs_iri));
            }
            x.push_str("</list></mainBody></doc></attachment>");
        }
        x.push_str("</attachments>\n");
    }
    let _ = writeln!(x, "</{element}>\n</akomaNtoso>");
    x
}

fn cites_of(p: &Paragraph) -> Vec<&Citation> {
    p.citations.iter().chain(&p.mentions).collect()
}

fn write_numbered(
    x: &mut String,
    d: &Document,
    paras: &[&Paragraph],
    _prefix: &str,
    docs_iri: &dyn Fn(&str) -> Option<String>,
    cites: fn(&Paragraph) -> Vec<&Citation>,
) {
    let mut i = 0;
    while i < paras.len() {
        let p = paras[i];
        let num = p.number.clone().unwrap_or_else(|| (i + 1).to_string());
        let e = format!("para_{num}");
        let subs: Vec<&Paragraph> = paras[i + 1..]
            .iter()
            .copied()
            .take_while(|q| q.kind == Some(ParaKind::Subparagraph))
            .collect();
        let _ = write!(
            x,
            "<paragraph eId=\"{e}\" class=\"{}\"><num>{num}.</num>",
            p.anchor
        );
        if subs.is_empty() {
            let _ = write!(
                x,
                "<content><p>{}</p></content>",
                inline(&p.text, &cites(p), d, &e, docs_iri)
            );
        } else {
            let list = format!("{e}__list_1");
            let _ = write!(
                x,
                "<list eId=\"{list}\"><intro><p>{}</p></intro>",
                inline(&p.text, &cites(p), d, &e, docs_iri)
            );
            for q in &subs {
                let l = q.letter.as_deref().unwrap_or("");
                let pe = format!("{list}__point_{l}");
                let _ = write!(x, "<point eId=\"{pe}\" class=\"{}\"><num>{l})</num><content><p>{}</p></content></point>", q.anchor, inline(&q.text, &cites(q), d, &pe, docs_iri));
            }
            x.push_str("</list>");
        }
        x.push_str("</paragraph>");
        i += 1 + subs.len();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_is_that_of_each_character_replaced_in_turn() {
        let reference = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        for s in [
            "",
            "plain text, l’État « oui »",
            "a & b < c > d \"e\"",
            "&amp; &lt;",
            "<<>>&&\"\"",
            "é&é<é",
            "fin&",
            "\"début",
        ] {
            assert_eq!(super::esc(s), reference(s), "{s:?}");
        }
    }
}
