//! The cover of a document and its closing lines: the metadata a UN text
//! prints around its body, in English and French.
//!
//! A cover holds lines that describe the document rather than belong to it
//! (`Distr.: General`, the date, the session and agenda item, « Resolution
//! adopted by the General Assembly on 1 December 2025 », « [on the report of
//! the Third Committee (A/77/464)] », the sponsors of a draft); the closing
//! lines (`18th plenary meeting`, « Adopted at the 1382nd meeting ») follow
//! the last paragraph. None of them is ever a title or a paragraph. The
//! lexicon is per language; the shapes (a date, a meeting number) are not.

use regex::Regex;
use std::sync::LazyLock;

/// `22 November 1967`, `1er janvier 2001`, `1 de diciembre de 2025`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+)?(\p{L}[\p{L}\]|]*)\s+(?:de\s+)?(\d{4})\b",
    )
    .unwrap()
});

/// A word as its letters were printed: OCR reads a final or inner `l` as
/// `]` or `|` (« 3 Apri] 1991 »), which no word of a date contains.
fn ocr_letters(word: &str) -> String {
    word.replace([']', '|'], "l")
}

/// The first date in `text`, as `YYYY-MM-DD`, if it is a real one.
pub fn find_date(text: &str) -> Option<String> {
    DATE.captures_iter(text).find_map(|c| {
        let day: u32 = c[1].parse().ok()?;
        let m = crate::months::number(&ocr_letters(&c[2]).to_lowercase())?;
        let year: u32 = c[3].parse().ok()?;
        let days = match m {
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (1..=days)
            .contains(&day)
            .then(|| format!("{year:04}-{m:02}-{day:02}"))
    })
}

/// Lines of a cover, each a whole line (case-insensitive).
static COVER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            united\s+nations | nations\s+unies | naciones\s+unidas
          | general\s+assembly | assemblée\s+générale | asamblea\s+general
          | security\s+council | conseil\s+de\s+sécurité | consejo\s+de\s+seguridad
          | economic\s+and\s+social\s+council | conseil\s+économique\s+et\s+social
          | distr\.?\s*:.* | original\s*:.* | english | french | français | anglais
          | [\p{L}-]+(?:\s+[\p{L}-]+)?\s+session | (?:agenda\s+item|point|item\s+\d+\s+of\s+the)\b.{0,60}
          | .*\bdistr\.\s*:.* | .*\bsession\s+(?:agenda\s+item|point)\b.*
          | (?:first|second|third|fourth|fifth|sixth)\s+committee
          | (?:première|deuxième|troisième|quatrième|cinquième|sixième)\s+commission
          | (?:resolution|decision)\s+adopted\s+by\s+the\b.*
          | (?:résolution|décision)\s+adoptée\s+par\b.*
          | adopted\s+by\s+the\s+security\s+council\b.* | adoptée\s+par\s+le\s+conseil\b.*
          | adopted\s+(?:unanimously\s+)?at\s+the\b.*
          | (?:on|le|el)\s+\d{1,2}(?:er)?\s+\p{L}[\p{L}\]|]*\s+\d{4}\s*
          | \d{1,2}(?:er)?\s+\p{L}[\p{L}\]|]*\s+\d{4}
          | (?:of|du|de)\s+\d{1,2}(?:er)?\s+\p{L}[\p{L}\]|]*\s+\d{4}
          | \[.*\] | [\[(]\s*[A-Z]{1,2}/\S+\s*[\])] | \*+\d{5,}\*+ | `{3,}
          | .*:\s*\**\s*(?:revised\s+)?draft\s+(?:resolution|decision)\s*\**
          | .*:\s*\**\s*projet\s+de\s+(?:résolution|décision)(?:\s+révisé)?\s*\**
          | .*:\s*\**\s*proyecto\s+de\s+(?:resolución|decisión)\s*\**
          | (?:draft\s+resolution|projet\s+de\s+résolution|proyecto\s+de\s+resolución)
          | (?:note\s+by\s+the\s+secretary-general|note\s+du\s+secrétaire\s+général)
          | (?:rapporteur|rapporteuse|relator|relatora)\s*:.*
        )\s*$",
    )
    .unwrap()
});

/// A line of the cover, not of the text (see the module doc).
pub fn is_cover_line(line: &str) -> bool {
    // A date alone qualifies only if it is one.
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    (COVER_LINE.is_match(t) || is_submitted_line(t) || is_amendment_line(t))
        && (!t.chars().next().is_some_and(|c| c.is_ascii_digit()) || find_date(t).is_some())
}

/// A line that is only an organ's name (« General Assembly »).
pub fn is_organ_line(line: &str) -> bool {
    static ORGAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:general\s+assembly|assemblée\s+générale|asamblea\s+general|security\s+council|conseil\s+de\s+sécurité|consejo\s+de\s+seguridad|economic\s+and\s+social\s+council|conseil\s+économique\s+et\s+social)\s*$").unwrap()
    });
    ORGAN.is_match(line.trim())
}

/// The line that says what a report is (« Report of the Sixth Committee »,
/// « Rapport de la Troisième Commission »): the agenda item's name printed
/// just above it is the report's title.
pub fn is_report_line(line: &str) -> bool {
    static REPORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:report\s+of\s+the\s+\S+(?:\s+\S+)?\s+committee|rapport\s+de\s+la\s+\S+\s+commission|informe\s+de\s+la\s+\S+\s+comisión)\s*$").unwrap()
    });
    REPORT.is_match(line.trim())
}

/// « Agenda items 136 and 148 »: a cover naming several items, whose
/// names then make no single title.
pub fn is_plural_agenda_line(line: &str) -> bool {
    static PLURAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:agenda\s+items|points\s+\d+\S*\s+et\s+\d+|temas\s+\d+\S*\s+y\s+\d+)\b")
            .unwrap()
    });
    PLURAL.is_match(line.trim())
}

/// The sponsors' line of a draft: « Italy and Turkmenistan:* draft resolution ».
pub fn is_draft_line(line: &str) -> bool {
    static DRAFT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:draft\s+(?:resolution|decision)|projet\s+de\s+(?:résolution|décision)(?:\s+révisé)?|proyecto\s+de\s+(?:resolución|decisión))\s*\**\s*$").unwrap()
    });
    DRAFT.is_match(line.trim()) || is_submitted_line(line) || is_amendment_line(line)
}

/// The sponsors' line of an amendment: « Russian Federation:* amendment to
/// draft resolution A/80/L.18 ». Its text is a list of instructions
/// (« Delete the … paragraph reading: », « 1. In operative paragraph 64,
/// … insert … »), with no enacting formula.
pub fn is_amendment_line(line: &str) -> bool {
    static AMENDMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i):\s*\**\s*(?:amendments?\s+to\s+(?:the\s+)?(?:revised\s+)?draft|amendements?\s+(?:au|aux)\s+projets?|enmiendas?\s+al\s+proyecto)\b").unwrap()
    });
    AMENDMENT.is_match(line)
}

/// « Draft resolution submitted by the Chair on the recommendation of the »:
/// a sponsors' line that may wrap onto the next line.
pub fn is_submitted_line(line: &str) -> bool {
    static SUBMITTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:draft\s+(?:resolution|decision)|projet\s+de\s+(?:résolution|décision)|proyecto\s+de\s+(?:resolución|decisión))\s+(?:submitted|présenté|presentado)\s+(?:by|par|por)\b").unwrap()
    });
    SUBMITTED.is_match(line.trim())
}

/// A draft decision rather than a draft resolution.
pub fn is_decision_line(line: &str) -> bool {
    let l = line.to_lowercase();
    l.contains("draft decision") || l.contains("projet de décision")
}

/// The date of adoption stated in the cover or closing lines, else the
/// first date of the cover.
pub fn adoption_date(lines: &[String]) -> Option<String> {
    static ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\badopted\b|\badoptée\b|\badoptada\b|^resolution\s+\d|^résolution\s+\d|^\d+\s*\(\d{4}\)\.\s*résolution|\bplenary\s+meeting|séance\s+plénière)").unwrap()
    });
    let joined: Vec<String> = lines
        .windows(2)
        .map(|w| format!("{} {}", w[0], w[1]))
        .chain(lines.last().cloned())
        .collect();
    // The date after the words that say adoption, before any date in the
    // line joined to them (a cover's « Distr.: General 3 May » above).
    let after = |l: &String| ADOPTED.find(l).and_then(|m| find_date(&l[m.start()..]));
    joined
        .iter()
        .find_map(after)
        .or_else(|| {
            joined
                .iter()
                .filter(|l| ADOPTED.is_match(l))
                .find_map(|l| find_date(l))
        })
        .or_else(|| lines.iter().find_map(|l| find_date(l)))
}

/// A closing line after the last paragraph: `18th plenary meeting`,
/// « 85e séance plénière », « Adopted at the 1382nd meeting. », a date.
pub fn is_closing_line(line: &str) -> bool {
    static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:
                # « 69th (resumed) plenary meeting », « 69e séance plénière (reprise) »
                \d{1,4}\s*(?:st|nd|rd|th|e|ème|re|ª|a)?\s+(?:\(\p{L}+\)\s+)?(?:plenary\s+)?meeting
              | \d{1,4}\s*(?:e|ème|re)\s+séance(?:\s+plénière)?(?:\s*\(\p{L}+\))?
              | \d{1,4}\s*(?:ª|a)\.?\s+sesión\s+plenaria(?:\s*\(\p{L}+\))?
              | (?:adopted|adoptée|adoptada)\b.{0,80}
              | \d{1,2}(?:er)?\s+\p{L}[\p{L}\]|]*\s+\d{4}
            )\W*\d{0,3}\s*$",
        )
        .unwrap()
    });
    let t = line.trim();
    // A closing sentence opens with a capital (« Adopted at … »); a line
    // opening lower-case (« adopted during the segment of the ») goes on
    // a sentence.
    CLOSING.is_match(t)
        && !t.starts_with(char::is_lowercase)
        && (!t.starts_with(|c: char| c.is_ascii_digit()) || t.len() < 40)
}

/// `80/20. Title` (a General Assembly resolution's number and title), or
/// `101 (1953). Résolution du 24 novembre 1953` (a yearbook heading).
pub fn number_and_title(line: &str) -> Option<(String, String)> {
    static GA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^((?:[A-Z]{1,3}-)?\d{1,4}/\d{1,4}(?:\s+[A-Z])?)\.\s+(\S.*)$").unwrap()
    });
    static SC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:resolution|résolution|resolución)\s+)?(\d{1,4}\s*\(\d{4}\))(?:\.?\s+(?:resolution|résolution|resolución)\b.*|\s+(?:of|du|de|adopted|adoptée)\b.*)?\s*$").unwrap()
    });
    let t = line.trim();
    if let Some(c) = GA.captures(t) {
        return Some((c[1].to_string(), c[2].trim().to_string()));
    }
    if let Some(c) = SC.captures(t) {
        let n = c[1].split_whitespace().collect::<Vec<_>>().join(" ");
        let n = n.replace("(", " (").replace("  ", " ");
        return Some((n, String::new()));
    }
    None
}

/// A line that is a UN document symbol and nothing else (`A/C.3/80/L.4`,
/// `S/RES/1373 (2001)`, `A/80/L.1/Rev.1`).
pub fn symbol_line(line: &str) -> Option<String> {
    static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^((?:A|S|E|CTOC|CAC|UNEP|TD|DP|ST)(?:/[A-Za-z0-9.\-]+){1,6}(?:\s\(\d{4}\))?)\*{0,3}$",
        )
        .unwrap()
    });
    SYMBOL.captures(line.trim()).map(|c| c[1].to_string())
}

/// The language of a text, from its commonest short words.
pub fn detect_language(text: &str) -> &'static str {
    let mut en = 0;
    let mut fr = 0;
    let mut es = 0;
    for w in text.split(|c: char| !c.is_alphabetic()).take(20_000) {
        match w {
            "the" | "of" | "and" | "to" | "its" | "that" | "with" => en += 1,
            "le" | "les" | "des" | "et" | "du" | "aux" | "sur" => fr += 1,
            "el" | "los" | "las" | "del" | "y" | "con" | "por" => es += 1,
            _ => {}
        }
    }
    if es > en && es > fr {
        "es"
    } else if en > fr {
        "en"
    } else {
        "fr"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_three_languages_and_only_real_ones() {
        assert_eq!(
            find_date("on 1 December 2025").as_deref(),
            Some("2025-12-01")
        );
        assert_eq!(
            find_date("du 1er janvier 2001").as_deref(),
            Some("2001-01-01")
        );
        assert_eq!(
            find_date("el 1 de diciembre de 2025").as_deref(),
            Some("2025-12-01")
        );
        assert_eq!(find_date("30 février 2023"), None);
        assert_eq!(find_date("29 February 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(find_date("12 apples 2020"), None);
    }

    #[test]
    fn an_amendments_sponsors_line_is_cover() {
        for l in [
            "Ruritania:* amendment to draft resolution A/80/L.18",
            "Ruritanie : amendements au projet de résolution A/80/L.18",
        ] {
            assert!(
                is_amendment_line(l) && is_draft_line(l) && is_cover_line(l),
                "{l}"
            );
        }
        assert!(!is_amendment_line(
            "Recalling the amendment to the Convention,"
        ));
    }

    #[test]
    fn an_ocr_bracket_for_l_in_a_month_is_read() {
        assert_eq!(find_date("of 3 Apri] 1991").as_deref(), Some("1991-04-03"));
        assert_eq!(find_date("le 14 ju|llet 2002"), None);
        assert!(is_cover_line("of 3 Apri] 1991"));
    }

    #[test]
    fn cover_lines_are_told_from_text() {
        for l in [
            "United Nations",
            "Distr.: General",
            "3 December 2025",
            "Eightieth session",
            "Agenda item 97 (b)",
            "Resolution adopted by the General Assembly",
            "on 1 December 2025",
            "[on the report of the First Committee (A/80/534, para. 7)]",
            "*2519812*",
            "Italy and Turkmenistan:* draft resolution",
            "France and State of Palestine:** draft decision",
            "Item 35 of the provisional agenda*",
            "Tajikistan:* draft decision**",
            "Adopted by the Security Council at its 4385th meeting, on",
            "Soixante-dix-septième session",
        ] {
            assert!(is_cover_line(l), "{l}");
        }
        for l in [
            "Recalling its resolutions 69/32 of 2 December 2014,",
            "The General Assembly,",
            "No first placement of weapons in outer space",
            "1 December 2025 was a good day for the session of the Committee and",
        ] {
            assert!(!is_cover_line(l), "{l}");
        }
    }

    #[test]
    fn closing_lines() {
        for l in [
            "18th plenary meeting",
            "69th (resumed) plenary meeting",
            "69e séance plénière (reprise)",
            "85e séance plénière",
            "Adopted at the 1382nd meeting.",
            "Adopted unanimously at the 1463rd meeting. 29",
            "Adopted unanimously at the",
            "1 December 2025",
        ] {
            assert!(is_closing_line(l), "{l}");
        }
        assert!(!is_closing_line("Decides to remain seized of the matter."));
        // A wrapped line of a paragraph, not a closing sentence.
        assert!(!is_closing_line(
            "adopted during the ministerial segment of the sixty-second"
        ));
    }

    #[test]
    fn numbers_and_titles_from_headings() {
        assert_eq!(
            number_and_title("80/20. No first placement of weapons in outer space"),
            Some((
                "80/20".into(),
                "No first placement of weapons in outer space".into()
            ))
        );
        assert_eq!(
            number_and_title("Resolution 242 (1967)"),
            Some(("242 (1967)".into(), String::new()))
        );
        assert_eq!(
            number_and_title("RESOLUTION 820 (1993)"),
            Some(("820 (1993)".into(), String::new()))
        );
        assert_eq!(
            number_and_title("101 (1953). Résolution du 24 novembre 1953"),
            Some(("101 (1953)".into(), String::new()))
        );
        assert_eq!(number_and_title("1. Decides"), None);
    }

    #[test]
    fn symbol_lines() {
        assert_eq!(symbol_line("A/C.3/80/L.4").as_deref(), Some("A/C.3/80/L.4"));
        assert_eq!(
            symbol_line(" S/RES/1373 (2001) ").as_deref(),
            Some("S/RES/1373 (2001)")
        );
        assert_eq!(
            symbol_line("A/80/L.1/Rev.1*").as_deref(),
            Some("A/80/L.1/Rev.1")
        );
        assert_eq!(symbol_line("A/RES/80/20 is cited"), None);
        assert_eq!(symbol_line("and/or"), None);
    }

    #[test]
    fn languages() {
        assert_eq!(
            detect_language("The General Assembly, Recalling its resolution and the"),
            "en"
        );
        assert_eq!(
            detect_language("L’Assemblée générale, Rappelant les résolutions et le"),
            "fr"
        );
        assert_eq!(
            detect_language("La Asamblea General, Recordando los y las del"),
            "es"
        );
    }
}
