//! Paragraphs and headings of one part of a document (the preamble, the
//! main body or one annex) as AKN structure.
//!
//! A numbered paragraph (operative, of a report, or of an annex) is a
//! `paragraph`, its lettered sub-paragraphs the `point`s of its `list`
//! (an item nested in a lettered one, `op3aii`, is named inside it:
//! `point_a__list_1__point_ii`). Lettered items without a numbered paragraph form
//! a `list` of their own, whose `intro` is the unnumbered paragraph just
//! before them. Headings of level 2 and 3 open containers (`section` /
//! `subsection` in reports, `division` / `subdivision` in resolutions) that
//! run to the next heading of the same or a higher level (annexes, texts
//! of their own, have sections whatever the document); a level-4
//! heading is a `crossHeading` between the points of a list, or else an
//! `hcontainer name="crossHeading"`. An unnumbered paragraph on its own is
//! an `hcontainer name="unnumberedParagraph"`: sections hold no bare `p`.
//!
//! Paragraph numbers are unique in a document, so a paragraph's `eId` is
//! not prefixed by its section's (`para_3`, as in acts, where articles are
//! not prefixed by their chapters); in an annex everything is prefixed by
//! the attachment's (`att_1__`).

use super::xml::{esc, id_part};
use super::Writer;
use crate::model::{Heading, ParaKind, Paragraph};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::LazyLock;

/// `I. Introduction`, `A. Projet …`, `3. …`: a heading's own number.
static HEADING_NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLCDM]+|[A-Z]|\d{1,3})\.\s+(\S.*)$").unwrap());

/// One piece of a part, in document order.
#[derive(Clone, Copy)]
pub enum Tok<'a> {
    Head(&'a Heading),
    /// An operative or report paragraph (numbered, or meant to be).
    Num(&'a Paragraph),
    /// A lettered sub-paragraph or annex item, or a dash item.
    Let(&'a Paragraph),
    /// Any other paragraph: preambular, annex text, an annex's intro.
    Un(&'a Paragraph),
}

impl<'a> Tok<'a> {
    pub fn of(p: &'a Paragraph) -> Tok<'a> {
        if p.letter.is_some() || p.dash {
            Tok::Let(p)
        } else if matches!(p.kind, Some(ParaKind::Operative | ParaKind::ReportPara))
            || (p.kind == Some(ParaKind::AnnexItem) && p.number.is_some())
        {
            Tok::Num(p)
        } else {
            Tok::Un(p)
        }
    }
}

/// The name of an item in `eId`s and its `num`: `a` and `a)`; for a
/// dash item, its order under its paragraph and `–`.
pub fn item_label(q: &Paragraph) -> (String, String) {
    match crate::model::dash_ordinal(q) {
        Some(n) => (n.to_string(), "–".to_string()),
        None => {
            let l = q.letter.as_deref().unwrap_or("");
            (l.to_string(), format!("{l})"))
        }
    }
}

/// End of the run of lettered items starting at `from`: level-4 headings
/// are taken only when a lettered item follows them.
pub fn run_end(toks: &[Tok], from: usize) -> usize {
    let mut end = from;
    for (i, t) in toks.iter().enumerate().skip(from) {
        match t {
            Tok::Let(_) => end = i + 1,
            Tok::Head(h) if h.level >= 4 => {}
            _ => break,
        }
    }
    end
}

/// Writes one part; `scope` prefixes every `eId` (`""`, `att_1__`).
pub struct Part<'w, 'a> {
    pub w: &'w Writer<'a>,
    pub scope: String,
    /// Report (`section`) or resolution (`division`) containers.
    pub report: bool,
    lists: usize,
    hcontainers: usize,
    /// Containers so far, per parent and element.
    ordinals: HashMap<String, usize>,
    paras: usize,
    containers: HashSet<String>,
}

impl<'w, 'a> Part<'w, 'a> {
    pub fn new(w: &'w Writer<'a>, scope: String, report: bool) -> Self {
        Part {
            w,
            scope,
            report,
            lists: 0,
            hcontainers: 0,
            ordinals: HashMap::new(),
            paras: 0,
            containers: HashSet::new(),
        }
    }

    fn next_list(&mut self) -> String {
        self.lists += 1;
        format!("{}list_{}", self.scope, self.lists)
    }

    fn next_hcontainer(&mut self) -> String {
        self.hcontainers += 1;
        format!("{}hcontainer_{}", self.scope, self.hcontainers)
    }

    /// The pieces as hierarchy: what `mainBody` and containers hold.
    pub fn write(&mut self, x: &mut String, toks: &[Tok]) {
        // Open containers: (heading level, eId, element).
        let mut open: Vec<(u8, String, &'static str)> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match toks[i] {
                Tok::Head(h) if h.level <= 3 => {
                    while open.last().is_some_and(|o| o.0 >= h.level) {
                        let _ = write!(x, "</{}>", open.pop().unwrap().2);
                    }
                    let parent = open.last().map(|o| format!("{}__", o.1));
                    let (eid, element) = self.container(x, h, parent);
                    open.push((h.level, eid, element));
                    i += 1;
                }
                Tok::Head(h) => {
                    let end = run_end(toks, i);
                    if end > i {
                        let list = self.next_list();
                        self.list(x, &list, None, &toks[i..end]);
                        i = end;
                    } else {
                        let e = self.next_hcontainer();
                        let _ = write!(
                            x,
                            "<hcontainer eId=\"{e}\" name=\"crossHeading\"><heading>{}</heading></hcontainer>",
                            self.w.inline(&h.text, &[], &e)
                        );
                        i += 1;
                    }
                }
                Tok::Num(p) => {
                    let end = run_end(toks, i + 1);
                    self.paragraph(x, p, &toks[i + 1..end]);
                    i = end;
                }
                Tok::Un(p) => {
                    let end = run_end(toks, i + 1);
                    if end > i + 1 {
                        let list = self.next_list();
                        self.list(x, &list, Some((p, None)), &toks[i + 1..end]);
                        i = end;
                    } else {
                        let e = self.next_hcontainer();
                        let _ = write!(
                            x,
                            "<hcontainer eId=\"{e}\" class=\"{}\" name=\"unnumberedParagraph\"><content><p>{}</p></content></hcontainer>",
                            esc(&p.anchor),
                            self.w.para_inline(p, &e)
                        );
                        i += 1;
                    }
                }
                Tok::Let(_) => {
                    let end = run_end(toks, i);
                    let list = self.next_list();
                    self.list(x, &list, None, &toks[i..end]);
                    i = end;
                }
            }
        }
        while let Some(o) = open.pop() {
            let _ = write!(x, "</{}>", o.2);
        }
    }

    /// Opens the container of heading `h`; its `eId` and element.
    fn container(
        &mut self,
        x: &mut String,
        h: &Heading,
        parent: Option<String>,
    ) -> (String, &'static str) {
        let (element, abbr) = match (self.report, h.level <= 2) {
            (true, true) => ("section", "sec"),
            (true, false) => ("subsection", "subsec"),
            (false, true) => ("division", "dvs"),
            (false, false) => ("subdivision", "subdvs"),
        };
        let (num, text) = match HEADING_NUM.captures(&h.text) {
            Some(c) => (Some(c[1].to_string()), c.get(2).unwrap().as_str()),
            None => (None, h.text.as_str()),
        };
        let prefix = format!("{}{abbr}_", parent.as_deref().unwrap_or(&self.scope));
        // Unnumbered: its position among its parent's containers of its kind.
        let k = self.ordinals.entry(prefix.clone()).or_insert(0);
        *k += 1;
        let base = match &num {
            Some(n) => format!("{prefix}{}", id_part(n)),
            None => format!("{prefix}{k}"),
        };
        // Two headings numbered alike: the second gets a suffix.
        let mut eid = base.clone();
        let mut n = 1;
        while !self.containers.insert(eid.clone()) {
            n += 1;
            eid = format!("{base}-{n}");
        }
        let _ = write!(x, "<{element} eId=\"{eid}\">");
        if let Some(n) = &num {
            let _ = write!(x, "<num>{}.</num>", esc(n));
        }
        let _ = write!(x, "<heading>{}</heading>", self.w.inline(text, &[], &eid));
        (eid, element)
    }

    /// A numbered paragraph and its lettered sub-paragraphs (`subs`).
    fn paragraph(&mut self, x: &mut String, p: &Paragraph, subs: &[Tok]) {
        self.paras += 1;
        // An unnumbered one (« Resolves that: », old resolutions' clauses)
        // is named by its anchor's ordinal (`op0` before paragraph 1,
        // `op0-2` for the second of several).
        let num = p.number.clone().unwrap_or_else(|| {
            p.anchor
                .strip_prefix("op")
                .filter(|n| {
                    n.starts_with(|c: char| c.is_ascii_digit())
                        && n.chars().all(|c| c.is_ascii_digit() || c == '-')
                })
                .map_or_else(|| self.paras.to_string(), str::to_string)
        });
        // Parts that number from 1 again name their paragraphs apart.
        let part = p
            .part
            .as_deref()
            .map(|l| format!("part_{}__", id_part(&l.to_lowercase())))
            .unwrap_or_default();
        let e = format!("{}{part}para_{}", self.scope, id_part(&num));
        let _ = write!(x, "<paragraph eId=\"{e}\" class=\"{}\">", esc(&p.anchor),);
        if let Some(n) = &p.number {
            let _ = write!(x, "<num>{}.</num>", esc(n));
        }
        if subs.is_empty() {
            let _ = write!(x, "<content><p>{}</p></content>", self.w.para_inline(p, &e));
        } else {
            self.list(x, &format!("{e}__list_1"), Some((p, Some(&e))), subs);
        }
        x.push_str("</paragraph>");
    }

    /// A `list`: `intro` (a paragraph of its own, with its `eId` and class;
    /// or the text of the numbered paragraph whose `eId` is given), then
    /// points and cross headings.
    fn list(
        &mut self,
        x: &mut String,
        list: &str,
        intro: Option<(&Paragraph, Option<&str>)>,
        items: &[Tok],
    ) {
        let _ = write!(x, "<list eId=\"{list}\">");
        match intro {
            Some((p, None)) => {
                let e = format!("{list}__intro");
                let _ = write!(
                    x,
                    "<intro><p eId=\"{e}\" class=\"{}\">{}</p></intro>",
                    esc(&p.anchor),
                    self.w.para_inline(p, &e)
                );
            }
            Some((p, Some(paragraph))) => {
                let _ = write!(
                    x,
                    "<intro><p>{}</p></intro>",
                    self.w.para_inline(p, paragraph)
                );
            }
            None => {}
        }
        let mut headings = 0;
        // The anchor the items' anchors extend (`op3` of `op3a`, `op3aii`).
        let parent = intro.map(|(p, _)| p.anchor.as_str());
        let mut used = std::collections::HashSet::new();
        for t in items {
            match *t {
                Tok::Head(h) => {
                    headings += 1;
                    let e = format!("{list}__crossHeading_{headings}");
                    let _ = write!(
                        x,
                        "<crossHeading eId=\"{e}\">{}</crossHeading>",
                        self.w.inline(&h.text, &[], &e)
                    );
                }
                Tok::Let(q) | Tok::Num(q) | Tok::Un(q) => {
                    let (l, num) = item_label(q);
                    let l = l.as_str();
                    // An item nested in a lettered one (`op3aii`: ii of a)
                    // is named inside it, as AKN names nested lists; a dash
                    // item inside the lettered item it belongs to.
                    let within = if q.dash {
                        q.letter.as_deref()
                    } else {
                        parent
                            .and_then(|a| q.anchor.strip_prefix(a))
                            .and_then(|rest| rest.strip_suffix(l))
                            .map(|outer| outer.trim_matches('-'))
                            .filter(|outer| !outer.is_empty())
                    };
                    let mut e = match within {
                        Some(outer) => format!(
                            "{list}__point_{}__list_1__point_{}",
                            id_part(outer),
                            id_part(l)
                        ),
                        None => format!("{list}__point_{}", id_part(l)),
                    };
                    // Labels read twice (an extraction's slip) stay unique.
                    let base = e.clone();
                    let mut n = 1;
                    while !used.insert(e.clone()) {
                        n += 1;
                        e = format!("{base}-{n}");
                    }
                    let _ = write!(
                        x,
                        "<point eId=\"{e}\" class=\"{}\"><num>{}</num><content><p>{}</p></content></point>",
                        esc(&q.anchor),
                        esc(&num),
                        self.w.para_inline(q, &e)
                    );
                }
            }
        }
        x.push_str("</list>");
    }
}
