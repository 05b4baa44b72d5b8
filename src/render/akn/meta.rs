//! The `<meta>` block: FRBR identification after the Akoma Ntoso naming
//! convention as AKN4UN applies it, the issuing organ, the lifecycle.
//!
//! Work IRI: `/akn/un/{statement|doc}/{subtype}/{organ}/{date}/{number}`.
//! What the text does not state gets a fixed stand-in, never the build's
//! clock (the same content must give the same bytes): no date ->
//! `9999-01-01` with `name="unknown"`; no number -> the symbol, else the
//! slug (unique in the compendium).

use super::xml::{esc, id_part, iri_part, uri, xsd_date};
use crate::model::{DocKind, Document};
use std::fmt::Write;

/// The date written when the text states none: valid `xsd:date`, and far
/// enough from any real one not to be taken for it.
pub const UNKNOWN_DATE: &str = "9999-01-01";

/// Root element and `name` (the IRI's subtype) of a document kind.
pub fn element_and_name(kind: DocKind) -> (&'static str, &'static str) {
    match kind {
        DocKind::Resolution => ("statement", "resolution"),
        DocKind::Decision => ("statement", "decision"),
        DocKind::DraftResolution => ("statement", "draftResolution"),
        DocKind::Report | DocKind::Page => ("doc", "report"),
    }
}

/// What the identification of a document and of its annexes share.
pub struct Ids {
    pub work: String,
    date: Option<String>,
    /// `eId` of the issuing organ's `TLCOrganization`.
    organ: String,
    /// ISO 639-2 code of the text's language (`fra`, `eng`, `spa`).
    lang: &'static str,
}

impl Ids {
    pub fn of(d: &Document) -> Ids {
        let (element, name) = element_and_name(d.kind);
        let date = d.date.as_deref().and_then(xsd_date).map(str::to_string);
        let organ = d
            .body_code
            .as_deref()
            .map(|c| id_part(&c.to_lowercase()))
            .unwrap_or_else(|| "un".to_string());
        let number = d
            .number
            .as_deref()
            .or(d.symbol.as_deref())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&d.slug);
        let work = format!(
            "/akn/un/{element}/{name}/{organ}/{}/{}",
            date.as_deref().unwrap_or(UNKNOWN_DATE),
            iri_part(number)
        );
        // The site's default language is French; a document says its own.
        let lang = match d.language.as_deref() {
            Some("en") => "eng",
            Some("es") => "spa",
            Some("ar") => "ara",
            Some("ru") => "rus",
            Some("zh") => "zho",
            _ => "fra",
        };
        Ids {
            work,
            date,
            organ,
            lang,
        }
    }

    /// `FRBRdate` of one FRBR level: the stated date under `name`, or the
    /// stand-in named `unknown`.
    fn frbr_date(&self, name: &str) -> String {
        match &self.date {
            Some(date) => format!("<FRBRdate date=\"{date}\" name=\"{name}\"/>"),
            None => format!("<FRBRdate date=\"{UNKNOWN_DATE}\" name=\"unknown\"/>"),
        }
    }

    /// `<identification>` of the component `component` (`main`, `annex_1`).
    fn identification(&self, d: &Document, component: &str) -> String {
        let work = esc(&self.work);
        let organ = &self.organ;
        let event = match d.kind {
            DocKind::DraftResolution => "submission",
            DocKind::Report | DocKind::Page => "publication",
            _ => "adoption",
        };
        let mut x = String::with_capacity(1024);
        let _ = write!(
            x,
            "<identification source=\"#compendium\"><FRBRWork><FRBRthis value=\"{work}/!{component}\"/><FRBRuri value=\"{work}\"/>"
        );
        if component == "main" {
            if let Some(s) = &d.symbol {
                let _ = write!(x, "<FRBRalias value=\"{}\" name=\"symbol\"/>", esc(s));
            }
        }
        x.push_str(&self.frbr_date(event));
        let _ = write!(
            x,
            "<FRBRauthor href=\"#{organ}\"/><FRBRcountry value=\"un\"/>"
        );
        if component == "main" {
            if let Some(n) = &d.number {
                let _ = write!(x, "<FRBRnumber value=\"{}\"/>", esc(n));
            }
        }
        let _ = write!(
            x,
            "</FRBRWork><FRBRExpression><FRBRthis value=\"{work}/{lang}@/!{component}\"/><FRBRuri value=\"{work}/{lang}@\"/>{}<FRBRauthor href=\"#{organ}\"/><FRBRlanguage language=\"{lang}\"/></FRBRExpression>",
            self.frbr_date("expression"),
            lang = self.lang
        );
        let _ = write!(
            x,
            "<FRBRManifestation><FRBRthis value=\"{work}/{lang}@/!{component}.xml\"/><FRBRuri value=\"{work}/{lang}@.akn\"/>{}<FRBRauthor href=\"#compendium\"/></FRBRManifestation></identification>",
            self.frbr_date("generation"),
            lang = self.lang
        );
        x
    }

    /// The document's own `<meta>`: identification, lifecycle when dated,
    /// references (the original expression, the compendium, the organ).
    pub fn write_main(&self, x: &mut String, d: &Document) {
        x.push_str("<meta>");
        x.push_str(&self.identification(d, "main"));
        if let Some(date) = &self.date {
            let _ = write!(
                x,
                "<lifecycle source=\"#compendium\"><eventRef eId=\"e_1\" date=\"{date}\" source=\"#original\" type=\"generation\"/></lifecycle>"
            );
        }
        let title = d
            .title
            .as_deref()
            .or(d.symbol.as_deref())
            .unwrap_or(&d.slug);
        let organ_name = d
            .body
            .as_deref()
            .map(|b| b.trim().trim_end_matches(','))
            .filter(|b| !b.is_empty())
            .unwrap_or("United Nations");
        let _ = write!(
            x,
            "<references source=\"#compendium\"><original eId=\"original\" href=\"{}\" showAs=\"{}\"/>\
<TLCOrganization eId=\"compendium\" href=\"/ontology/organization/compendium\" showAs=\"compendium\"/>\
<TLCOrganization eId=\"{organ}\" href=\"/ontology/organization/un/{organ}\" showAs=\"{}\"/></references></meta>",
            esc(&uri(&format!("{}/{}@", self.work, self.lang))),
            esc(title),
            esc(organ_name),
            organ = self.organ,
        );
    }

    /// `<meta>` of an annex (`component` `annex_1`): a component of the
    /// same work, identified alone (the schema wants it in every `doc`).
    pub fn write_component(&self, x: &mut String, d: &Document, component: &str) {
        x.push_str("<meta>");
        x.push_str(&self.identification(d, component));
        x.push_str("</meta>");
    }
}
