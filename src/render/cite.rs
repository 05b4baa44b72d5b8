//! How readers cite: dates as written in the text, the reference copied
//! or printed in the conventions of the site's language (« résolution 6/1
//! de la Conférence des Parties, par. 5 », "resolution 6/1, third
//! preambular paragraph"), the permalink's accessible name and the
//! official document's address on undocs.org.

use crate::model::{DocKind, Document, ParaKind, Paragraph};

/// A `YYYY-MM-DD` date as written in a text of language `lang`: « 19
/// octobre 2012 », « 1er juin 2020 », "19 October 2012", « 19 de octubre
/// de 2012 ». Anything else is given back as it is.
pub fn format_date(iso: &str, lang: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>())
    else {
        return iso.to_string();
    };
    if y.len() != 4 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return iso.to_string();
    }
    match lang {
        "en" => {
            // English capitalises its months.
            let name = crate::months::EN[month - 1];
            let mut cs = name.chars();
            let first = cs.next().map(|c| c.to_ascii_uppercase()).unwrap_or(' ');
            format!("{day} {first}{} {year}", cs.as_str())
        }
        "es" => format!("{day} de {} de {year}", crate::months::ES[month - 1]),
        _ => {
            let day = if day == 1 {
                "1er".to_string()
            } else {
                day.to_string()
            };
            format!("{day} {} {year}", crate::months::FR[month - 1])
        }
    }
}

/// The language a document's own words are in: its `language` when it is
/// one we write dates in, else the interface's.
pub fn doc_lang<'a>(d: &'a Document, ui: &'a str) -> &'a str {
    match d.language.as_deref() {
        Some(l @ ("en" | "fr" | "es")) => l,
        _ => ui,
    }
}

/// The official document on undocs.org, when the symbol is known:
/// `https://undocs.org/{lang}/{symbol}`, in the document's language (one
/// of the six official ones) or else the interface's.
pub fn undocs_url(d: &Document, ui: &str) -> Option<String> {
    let symbol = d.symbol.as_deref()?.trim();
    if symbol.is_empty() || !symbol.contains('/') {
        return None;
    }
    let lang = match d.language.as_deref() {
        Some(l @ ("ar" | "zh" | "en" | "fr" | "ru" | "es")) => l,
        _ => ui,
    };
    let path: String = symbol
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            c => c.to_string(),
        })
        .collect();
    Some(format!("https://undocs.org/{lang}/{path}"))
}

/// An organ's name after « résolution 6/1 » (« de la Conférence des
/// Parties »), or before "resolution 6/1" in English.
pub fn organ_name(code: &str, english: bool) -> Option<&'static str> {
    Some(match (code, english) {
        ("GA", false) => "de l’Assemblée générale",
        ("GA", true) => "General Assembly",
        ("SC", false) => "du Conseil de sécurité",
        ("SC", true) => "Security Council",
        ("ECOSOC", false) => "du Conseil économique et social",
        ("ECOSOC", true) => "Economic and Social Council",
        ("HRC", false) => "du Conseil des droits de l’homme",
        ("HRC", true) => "Human Rights Council",
        ("COP", false) => "de la Conférence des Parties",
        ("COP", true) => "Conference of the Parties",
        ("COSP", false) => "de la Conférence des États parties",
        ("COSP", true) => "Conference of the States Parties",
        ("CCPCJ", false) => "de la Commission pour la prévention du crime et la justice pénale",
        ("CCPCJ", true) => "Commission on Crime Prevention and Criminal Justice",
        ("CND", false) => "de la Commission des stupéfiants",
        ("CND", true) => "Commission on Narcotic Drugs",
        ("WHA", false) => "de l’Assemblée mondiale de la Santé",
        ("WHA", true) => "World Health Assembly",
        ("StatCom", false) => "de la Commission de statistique",
        ("StatCom", true) => "Statistical Commission",
        _ => return None,
    })
}

/// An organ's name on its own, for lists: « Conférence des Parties ».
pub fn organ_short(code: &str, english: bool) -> Option<&'static str> {
    let name = organ_name(code, english)?;
    Some(if english {
        name
    } else {
        name.trim_start_matches("de la ")
            .trim_start_matches("de l’")
            .trim_start_matches("du ")
    })
}

/// A document as it is cited in a sentence: « résolution 6/1 de la
/// Conférence des Parties », « projet de résolution A/C.3/77/L.2 »,
/// "General Assembly resolution 77/1" (the organ named only when
/// `name_organ`).
pub fn doc_cite(d: &Document, english: bool, name_organ: bool) -> String {
    let organ = if name_organ {
        d.body_code.as_deref().and_then(|c| organ_name(c, english))
    } else {
        None
    };
    let numbered = |word: &str, n: &str| match (organ, english) {
        (Some(o), false) => format!("{word} {n} {o}"),
        (Some(o), true) => format!("{o} {word} {n}"),
        (None, _) => format!("{word} {n}"),
    };
    let id = d.number.as_deref().or(d.symbol.as_deref());
    match (d.kind, id) {
        (DocKind::Resolution, Some(n)) => {
            numbered(if english { "resolution" } else { "résolution" }, n)
        }
        (DocKind::Decision, Some(n)) => numbered(if english { "decision" } else { "décision" }, n),
        (DocKind::DraftResolution, Some(n)) => {
            format!(
                "{} {n}",
                if english {
                    "draft resolution"
                } else {
                    "projet de résolution"
                }
            )
        }
        (_, Some(n)) => n.to_string(),
        (_, None) => d.title.clone().unwrap_or_else(|| d.slug.clone()),
    }
}

/// The letters of a paragraph as cited: « a) ii) » (French), "(a) (ii)".
fn letters(p: &Paragraph, english: bool) -> String {
    let Some(letter) = p.letter.as_deref() else {
        return String::new();
    };
    // An item nested in a lettered sub-paragraph: `op3aii` is ii) of a).
    let mut parts = Vec::new();
    if p.kind == Some(ParaKind::Subparagraph) {
        // The letters after the number (`aii` of `op3aii`, or of `b-op3aii`
        // in a part that numbers again).
        let anchor = p.anchor.as_str();
        let own = &anchor[anchor
            .rfind(|c: char| c.is_ascii_digit())
            .map_or(0, |i| i + 1)..];
        if let Some(parent) = own.strip_suffix(letter).filter(|s| !s.is_empty()) {
            parts.push(parent.to_string());
        }
    }
    parts.push(letter.to_string());
    let shown: Vec<String> = parts
        .iter()
        .map(|l| {
            if english {
                format!("({l})")
            } else {
                format!("{l})")
            }
        })
        .collect();
    shown.join(" ")
}

/// An ordinal in words, as English references write them ("third").
pub fn english_ordinal(n: usize) -> String {
    const UNITS: [&str; 20] = [
        "",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [(&str, &str); 10] = [
        ("", ""),
        ("", ""),
        ("twenty", "twentieth"),
        ("thirty", "thirtieth"),
        ("forty", "fortieth"),
        ("fifty", "fiftieth"),
        ("sixty", "sixtieth"),
        ("seventy", "seventieth"),
        ("eighty", "eightieth"),
        ("ninety", "ninetieth"),
    ];
    match n {
        1..=19 => UNITS[n].to_string(),
        20..=99 if n.is_multiple_of(10) => TENS[n / 10].1.to_string(),
        20..=99 => format!("{}-{}", TENS[n / 10].0, UNITS[n % 10]),
        _ => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// The paragraph part of a reference: « par. 5 », « 3e alinéa du
/// préambule », « par. 12 a) », « annexe I, al. b) »; "para. 5", "third
/// preambular paragraph", "para. 12 (a)", "annex I, subpara. (b)".
pub fn para_cite(p: &Paragraph, english: bool) -> String {
    // A dash item: « par. 8, 1er tiret », "para. 8, first indent".
    if let Some((parent, n)) = crate::model::dash_parent(p) {
        let indent = if english {
            format!("{} indent", english_ordinal(n))
        } else if n == 1 {
            "1er tiret".to_string()
        } else {
            format!("{n}e tiret")
        };
        return format!("{}, {indent}", para_cite(&parent, english));
    }
    let cite = para_cite_in_part(p, english);
    match p.part.as_deref() {
        // Parts that number from 1 again: « partie B, par. 1 ».
        Some(part) if p.kind != Some(ParaKind::Preamble) => {
            format!("{} {part}, {cite}", if english { "part" } else { "partie" })
        }
        _ => cite,
    }
}

fn para_cite_in_part(p: &Paragraph, english: bool) -> String {
    // An unnumbered operative paragraph is cited by its order (`op2`).
    let ordinal = p.anchor.rsplit("op").next().unwrap_or("");
    let number = p.number.as_deref().unwrap_or(match p.kind {
        Some(ParaKind::Operative) => ordinal,
        _ => "",
    });
    let par = if english { "para." } else { "par." };
    let preamble = |anchor: &str| {
        let n: usize = anchor
            .trim_start_matches("pp")
            .trim_end_matches(|c: char| c.is_ascii_lowercase())
            .parse()
            .unwrap_or(0);
        if english {
            format!("{} preambular paragraph", english_ordinal(n))
        } else if n == 1 {
            "1er alinéa du préambule".to_string()
        } else {
            format!("{n}e alinéa du préambule")
        }
    };
    match p.kind {
        Some(ParaKind::Preamble) => preamble(&p.anchor),
        Some(ParaKind::Subparagraph) if p.anchor.starts_with("pp") => preamble(&p.anchor),
        Some(ParaKind::Operative | ParaKind::ReportPara) => format!("{par} {number}"),
        Some(ParaKind::Subparagraph) => format!("{par} {number} {}", letters(p, english)),
        Some(ParaKind::AnnexItem) => {
            let annex = if english { "annex" } else { "annexe" };
            let mut out = match p.annex.as_deref() {
                Some(a) if !a.is_empty() => format!("{annex} {a}"),
                _ => annex.to_string(),
            };
            if !number.is_empty() {
                out.push_str(&format!(", {par} {number}"));
                if p.letter.is_some() {
                    out.push(' ');
                    out.push_str(&letters(p, english));
                }
            } else if p.letter.is_some() {
                let al = if english { "subpara." } else { "al." };
                out.push_str(&format!(", {al} {}", letters(p, english)));
            }
            out
        }
        None => p.anchor.clone(),
    }
}

/// The ¶ permalink's accessible name: « Lien vers le par. 5 », « Lien
/// vers l’annexe I, al. a) », "Link to para. 5", "Link to the third
/// preambular paragraph".
pub fn permalink_label(p: &Paragraph, english: bool) -> String {
    let what = para_cite(p, english);
    if english {
        if what.contains("preambular") {
            format!("Link to the {what}")
        } else {
            format!("Link to {what}")
        }
    } else if what.starts_with("annexe") {
        format!("Lien vers l’{what}")
    } else {
        format!("Lien vers le {what}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(kind: ParaKind, anchor: &str, number: Option<&str>, letter: Option<&str>) -> Paragraph {
        Paragraph {
            kind: Some(kind),
            anchor: anchor.to_string(),
            number: number.map(str::to_string),
            letter: letter.map(str::to_string),
            ..Paragraph::default()
        }
    }

    #[test]
    fn dates_are_written_as_in_the_text() {
        assert_eq!(format_date("2012-10-19", "fr"), "19 octobre 2012");
        assert_eq!(format_date("2020-06-01", "fr"), "1er juin 2020");
        assert_eq!(format_date("2012-10-19", "en"), "19 October 2012");
        assert_eq!(format_date("2012-10-09", "es"), "9 de octubre de 2012");
        assert_eq!(format_date("2012-13-09", "fr"), "2012-13-09");
        assert_eq!(format_date("octobre", "fr"), "octobre");
    }

    #[test]
    fn paragraphs_are_cited_in_the_conventions_of_the_language() {
        use ParaKind::*;
        let pp3 = para(Preamble, "pp3", None, None);
        assert_eq!(para_cite(&pp3, false), "3e alinéa du préambule");
        assert_eq!(para_cite(&pp3, true), "third preambular paragraph");
        let pp1 = para(Preamble, "pp1", None, None);
        assert_eq!(para_cite(&pp1, false), "1er alinéa du préambule");
        assert_eq!(
            para_cite(&para(Preamble, "pp21", None, None), true),
            "twenty-first preambular paragraph"
        );
        let op5 = para(Operative, "op5", Some("5"), None);
        assert_eq!(para_cite(&op5, false), "par. 5");
        assert_eq!(para_cite(&op5, true), "para. 5");
        let op12a = para(Subparagraph, "op12a", Some("12"), Some("a"));
        assert_eq!(para_cite(&op12a, false), "par. 12 a)");
        assert_eq!(para_cite(&op12a, true), "para. 12 (a)");
        let op3aii = para(Subparagraph, "op3aii", Some("3"), Some("ii"));
        assert_eq!(para_cite(&op3aii, false), "par. 3 a) ii)");
        assert_eq!(para_cite(&op3aii, true), "para. 3 (a) (ii)");
        let in_part = para(Subparagraph, "b-op3aii", Some("3"), Some("ii"));
        assert_eq!(para_cite(&in_part, false), "par. 3 a) ii)");
        let mut item = para(AnnexItem, "annex-i-b", None, Some("b"));
        item.annex = Some("I".into());
        assert_eq!(para_cite(&item, false), "annexe I, al. b)");
        assert_eq!(
            permalink_label(&item, false),
            "Lien vers l’annexe I, al. b)"
        );
        assert_eq!(permalink_label(&op5, false), "Lien vers le par. 5");
        assert_eq!(permalink_label(&op5, true), "Link to para. 5");
        assert_eq!(
            permalink_label(&pp3, true),
            "Link to the third preambular paragraph"
        );
    }

    #[test]
    fn parts_and_unnumbered_operative_paragraphs_are_cited() {
        let mut p = para(ParaKind::Operative, "b-op1", Some("1"), None);
        p.part = Some("B".into());
        assert_eq!(para_cite(&p, false), "partie B, par. 1");
        assert_eq!(para_cite(&p, true), "part B, para. 1");
        let q = para(ParaKind::Operative, "op2", None, None);
        assert_eq!(para_cite(&q, true), "para. 2");
    }

    #[test]
    fn documents_are_cited_with_their_organ_when_asked() {
        let mut d = Document::new(DocKind::Resolution);
        d.number = Some("6/1".into());
        d.body_code = Some("COP".into());
        assert_eq!(
            doc_cite(&d, false, true),
            "résolution 6/1 de la Conférence des Parties"
        );
        assert_eq!(
            doc_cite(&d, true, true),
            "Conference of the Parties resolution 6/1"
        );
        assert_eq!(doc_cite(&d, true, false), "resolution 6/1");
        let mut draft = Document::new(DocKind::DraftResolution);
        draft.symbol = Some("A/C.3/77/L.2".into());
        assert_eq!(
            doc_cite(&draft, false, true),
            "projet de résolution A/C.3/77/L.2"
        );
        draft.language = Some("en".into());
        assert_eq!(
            undocs_url(&draft, "fr").unwrap(),
            "https://undocs.org/en/A/C.3/77/L.2"
        );
        draft.language = Some("de".into());
        assert_eq!(
            undocs_url(&draft, "fr").unwrap(),
            "https://undocs.org/fr/A/C.3/77/L.2"
        );
        assert_eq!(undocs_url(&d, "fr"), None);
        assert_eq!(organ_short("COP", false), Some("Conférence des Parties"));
        assert_eq!(organ_short("GA", false), Some("Assemblée générale"));
    }
}
