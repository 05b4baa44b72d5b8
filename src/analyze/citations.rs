//! Find numbered citations of resolutions and decisions, and label them.
//!
//! « sa résolution 55/25 du 15 novembre 2000 », « ses résolutions 5/1 et
//! 5/8 », « résolution 1373 (2001) du Conseil de sécurité », « décision
//! 74/550 A », « résolution S-32/1 ». Each number of a list is its own
//! citation. The organ is, in order: the one named right after the list
//! (« … de la Commission des stupéfiants »), the subject the sentence gives
//! a possessive (« Dans sa résolution 2022/12, le Conseil économique et
//! social »), what the number's form implies (`S-32/1` GA, `1373 (2001)`
//! SC, `2022/12` ECOSOC), the citing document's own body for « sa/ses »,
//! an organ named earlier in the sentence, and last the number's range.

use super::bodies::{code_of, organ_at_start, organ_before, organ_prefix, organs_in, plausible};
use regex::Regex;
use std::sync::LazyLock;

/// A citation as found in text, before it is resolved to a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Organ code: GA, COP, …
    pub code: String,
    /// `res` or `decision`.
    pub kind: &'static str,
    /// Number as written, normalised spacing (`55/25`, `74/550 A`, `1373 (2001)`).
    pub number: String,
    pub surface: String,
    /// Byte range of the surface in the text.
    pub start: usize,
    pub end: usize,
    /// ISO date stated right after the number.
    pub date: Option<String>,
    /// Title stated after the citation (« intitulée « … » »).
    pub title: Option<String>,
    /// The title as compared with documents' titles (see [`title_key`]).
    pub title_key: Option<String>,
    /// Operative paragraph named before it (« paragraphe 3 de sa résolution »): `op3`.
    pub paragraph: Option<String>,
}

impl Found {
    pub fn label(&self) -> String {
        format!("{} {} {}", self.code, self.kind, self.number)
    }
}

/// The word that opens a citation. It starts with a literal, so the regex
/// engine skips quickly to candidates; the possessive before it is checked
/// separately on a short window.
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(résolutions?|décisions?|resolutions?|decisions?)\s+").unwrap()
});
static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s(’'])(?:sa|ses|leur|leurs|its|their)\s+(?:propres?\s+)?$").unwrap()
});
static NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:S-\d{1,2}/\d{1,3}|WHA\s?\d{2}\.\d{1,3}|\d{4}/\d{1,3}(?:\s[A-Z](?-u:\b))?|\d{1,3}/\d{1,4}(?:\s[A-Z](?:\s\([IVXL]+\))?(?-u:\b))?|\d{1,4}\s\(\d{4}\)|\d{1,4}(?:\s[A-Z])?\s\([IVXL]{1,6}\))")
        .unwrap()
});
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*\[\^[^\]]+\]|\s*,?\s*(?:du|en date du|adoptée? le|of|dated)\s+(?:\d{1,2}(?:er)?\s*)?\p{L}+\s+\d{4}(?:\s*\[\^[^\]]+\])?)+")
        .unwrap()
});
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*,\s*et\s+|\s*,\s*and\s+|\s*,\s*|\s+et\s+|\s+and\s+)").unwrap()
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*,?\s*(?:du|en date du|adoptée? le|of|dated)\s+(\d{1,2})(?:er)?\s+(\p{L}+)\s+(\d{4})",
    )
    .unwrap()
});
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*\[\^[^\]]+\])*\s*,?\s*(?:intitulée?s?|entitled)\s*[«“\x22]\s*([^»”\x22]+?)\s*[»”\x22]").unwrap()
});
static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*,\s*(?:intitulée?\s*[«“][^»”]*[»”]\s*,\s*)?").unwrap());
static CHAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*,\s*(?:et\s+|ainsi que\s+)?|\s+et\s+|\s+ainsi que\s+)(?:la|sa|les|ses|le)?\s*(?:résolutions?|décisions?)\s+").unwrap()
});
static ADOPTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*,?\s*(?:qui (?:a|ont) été |toutes? deux |tous deux )?adopté(?:e|es|s)?\s+par\s*",
    )
    .unwrap()
});
static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:sur|intitulée?s?|relative?s? (?:à|aux)|concernant|portant sur)\s+(?:«[^»]*»|“[^”]*”|[^,;«“]{1,200})").unwrap()
});
static AGENT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)par|(?-u:\b)by)\s+(?:l[’']|la\s|le\s|the\s)\s*((?:Assemblée|Conférence|Conseil|Commission|General|Conference|Economic|Security|Human)[^,;.]{0,120}),?\s*(?:dans|in)\s*$")
        .unwrap()
});
static PARAGRAPH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:paragraphe|par\.|paragraph)\s+(\d{1,3})(?:\s*([a-z])\))?\s+(?:de|of)\s*$")
        .unwrap()
});

/// `16 octobre 2020` -> `2020-10-16`.
pub fn iso_date(day: &str, month: &str, year: &str) -> Option<String> {
    let m = crate::months::number(&month.to_lowercase())?;
    let d: u32 = day.parse().ok()?;
    (1..=31)
        .contains(&d)
        .then(|| format!("{year}-{m:02}-{d:02}"))
}

/// Byte range of a citation's opening words.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

/// At most the last `n` bytes of `text[..at]`, cut on a character boundary.
fn tail(text: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// Where the sentence containing byte `at` starts.
fn sentence_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    before
        .rfind(['.', ';'])
        .filter(|&i| {
            // `par.` / `vol.` are not sentence ends.
            let w = before[..i].rsplit(' ').next().unwrap_or("");
            !matches!(w, "par" | "vol" | "no" | "p" | "sect" | "chap")
        })
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// Find every citation in `text`. `own` is the citing document's body code
/// (for « sa/ses »), `conference` resolves a bare « la Conférence ».
pub fn find_citations(text: &str, own: Option<&'static str>) -> Vec<Found> {
    find_citations_in_context(text, own, None)
}

/// As [`find_citations`], with `context`: the organ the document was last
/// speaking of before this text (used when the number rules out the
/// citing body: « la résolution 9/8 » in a General Assembly text).
pub fn find_citations_in_context(
    text: &str,
    own: Option<&'static str>,
    context: Option<&'static str>,
) -> Vec<Found> {
    let named = std::cell::OnceCell::new();
    find_citations_among(
        text,
        own,
        &Around {
            named: &|| named.get_or_init(|| organs_in(text)).as_slice(),
            context: &|| context,
        },
    )
}

/// What the organ of a citation may be told from beyond the words around
/// it: the organs named in its text (by [`organs_in`]) and the organ the
/// document last spoke of before it. Few citations need either, so they
/// are asked for, not given (analysis finds them on demand).
pub struct Around<'a> {
    pub named: &'a dyn Fn() -> &'a [(usize, &'static str)],
    pub context: &'a dyn Fn() -> Option<&'static str>,
}

/// Could `text` cite a resolution or decision: does it hold « résolution »
/// or « décision » (not the end of a longer word) followed by a number or
/// an organ? When not, [`find_citations_among`] finds nothing, whatever the
/// organs named around, and analysis need not look for them.
pub fn may_cite(text: &str) -> bool {
    KEY.find_iter(text).any(|w| {
        !ends_a_word(text, w.start())
            && (NUM.is_match(&text[w.end()..]) || organ_prefix(&text[w.end()..]).is_some())
    })
}

/// Is the character before byte `at` of `text` a letter (`irrésolution`)?
fn ends_a_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic())
}

/// As [`find_citations_in_context`], with what is `around` the text.
pub fn find_citations_among(text: &str, own: Option<&'static str>, around: &Around) -> Vec<Found> {
    // The conference a bare « la Conférence » is.
    let is_conference = |c: &&str| matches!(*c, "COP" | "COSP");
    let conference = || {
        own.filter(is_conference)
            .or_else(|| (around.context)().filter(is_conference))
    };
    let conference: &dyn Fn() -> Option<&'static str> = &conference;
    let mut out = Vec::new();
    let mut search_from = 0;
    // Organs named in the text, found once: the nearest one before a citation
    // is looked up there rather than by scanning the text again.
    while let Some(w) = KEY.find_at(text, search_from) {
        search_from = w.end();
        // Not the end of a longer word (`irrésolution`).
        if ends_a_word(text, w.start()) {
            continue;
        }
        // Cheap rejection (as in `may_cite`): most « résolution » are not
        // followed by a number.
        if !NUM.is_match(&text[w.end()..]) && organ_prefix(&text[w.end()..]).is_none() {
            continue;
        }
        let before_word = tail(text, w.start(), 24);
        let poss = POSSESSIVE.find(before_word);
        let possessive = poss.is_some();
        let k_start = poss
            .map(|m| {
                w.start() - before_word.len() + m.start() + m.as_str().len()
                    - m.as_str()
                        .trim_start_matches([' ', '(', '’', '\'', '\t', '\n'])
                        .len()
            })
            .unwrap_or(w.start());
        // « Security Council resolution 1373 (2001) »: the organ named
        // right before the word (English), part of the citation's words.
        let before_organ = if possessive {
            None
        } else {
            let window = tail(text, w.start(), 120);
            organ_before(window).map(|(code, at)| (code, w.start() - window.len() + at))
        };
        let k = Span {
            start: before_organ.map_or(k_start, |(_, at)| at),
            end: w.end(),
        };
        let kind = if w.as_str().to_lowercase().starts_with('r') {
            "res"
        } else {
            "decision"
        };
        // Parse the list of numbers.
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut pos = k.end();
        // « les résolutions du Conseil économique et social 2004/27 … »:
        // the organ may stand between the word and the numbers.
        let mut infix = None;
        if let Some((code, len)) = organ_prefix(&text[pos..]) {
            if NUM.is_match(text[pos + len..].trim_start()) {
                infix = Some(code);
                pos += len + (text[pos + len..].len() - text[pos + len..].trim_start().len());
            }
        }
        while let Some(n) = NUM.find(&text[pos..]) {
            // `55/25` must not be the start of `55/25/1` or a symbol.
            let after = &text[pos + n.end()..];
            if after.starts_with('/') || after.starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
            items.push((pos, pos + n.end()));
            pos += n.end();
            if let Some(f) = FILLER.find(&text[pos..]) {
                pos += f.end();
            }
            match SEPARATOR.find(&text[pos..]) {
                Some(s) if NUM.is_match(&text[pos + s.end()..]) => pos += s.end(),
                _ => {
                    // « 72/195 du 19 décembre 2017, sur l’amélioration …, 73/148 »:
                    // a descriptive clause between two numbers of a list.
                    let Some(d) = DESCRIPTION.find(&text[pos..]) else {
                        break;
                    };
                    let mut at = pos + d.end();
                    if let Some(f) = FILLER.find(&text[at..]) {
                        at += f.end();
                    }
                    match SEPARATOR.find(&text[at..]) {
                        Some(s) if NUM.is_match(&text[at + s.end()..]) => pos = at + s.end(),
                        _ => break,
                    }
                }
            }
        }
        if items.is_empty() {
            continue;
        }
        let list_end = items.last().unwrap().1;
        search_from = list_end;
        let mut rest_at = list_end;
        if let Some(f) = FILLER.find(&text[rest_at..]) {
            rest_at += f.end();
        }
        // « la décision 5/1, la résolution 6/1 et la décision 8/1 de la
        // Conférence »: the organ named after the last one names them all.
        let mut chain_at = rest_at;
        while let Some(c) = CHAIN.find(&text[chain_at..]) {
            let after = chain_at + c.end();
            let Some(n) = NUM.find(&text[after..]) else {
                break;
            };
            chain_at = after + n.end();
            if let Some(f) = FILLER.find(&text[chain_at..]) {
                chain_at += f.end();
            }
        }
        let rest = &text[rest_at..];
        let chain_rest = &text[chain_at..];
        let adopted_by = ADOPTED_BY
            .find(chain_rest)
            .and_then(|m| organ_at_start(&chain_rest[m.end()..], conference));
        let named_after = organ_at_start(chain_rest, conference).or(adopted_by);
        let subject = if possessive {
            SUBJECT
                .find(rest)
                .filter(|m| m.end() > 0)
                .and_then(|m| organ_at_start(&rest[m.end()..], conference))
        } else {
            None
        };
        let title = TITLE.captures(rest).map(|c| c[1].to_string());
        let paragraph = PARAGRAPH_BEFORE
            .captures(tail(text, k.start(), 60))
            .map(|c| format!("op{}{}", &c[1], c.get(2).map(|m| m.as_str()).unwrap_or("")));
        let earlier = {
            let s = sentence_start(text, k.start());
            last_organ_in(tail(&text[s..], k.start() - s, 300))
        };
        let nearest_before = || {
            (around.named)()
                .iter()
                .rev()
                .find(|(at, _)| *at < k.start())
                .map(|(_, c)| *c)
        };
        // « l’adoption par l’Assemblée générale, dans sa résolution 55/25 »:
        // the possessive refers to the organ just named as the agent.
        let agent = possessive
            .then(|| AGENT_BEFORE.captures(tail(text, k.start(), 200)))
            .flatten()
            .and_then(|c| code_of(&c[1]));
        for (i, (a, b)) in items.iter().enumerate() {
            let number = normalise_number(&text[*a..*b]);
            let stated = infix
                .or(before_organ.map(|(code, _)| code))
                .or(named_after)
                .or(subject)
                .or(agent)
                .or_else(|| form_implies(&number));
            let code = match stated {
                Some(c) => c,
                None => {
                    let guess = if possessive { own } else { earlier }
                        .or_else(|| range_implies(&number, own));
                    // A number the guessed organ cannot have adopted: the
                    // organ last spoken of (here, then before) adopted it.
                    match guess {
                        Some(g) if plausible(g, &number) => g,
                        g => [&nearest_before as &dyn Fn() -> _, around.context]
                            .into_iter()
                            .filter_map(|organ| organ())
                            .find(|c| plausible(c, &number))
                            .or(g)
                            .unwrap_or("GA"),
                    }
                }
            };
            let start = if i == 0 { k.start() } else { *a };
            let date = DATE
                .captures(&text[*b..])
                .and_then(|c| iso_date(&c[1], &c[2], &c[3]));
            let title = if i + 1 == items.len() {
                title.clone()
            } else {
                None
            };
            out.push(Found {
                code: code.to_string(),
                kind,
                number,
                surface: text[start..*b].to_string(),
                start,
                end: *b,
                date,
                title_key: title.as_deref().map(title_key),
                title,
                paragraph: if i == 0 { paragraph.clone() } else { None },
            });
        }
    }
    out
}

/// Fold quotes, apostrophes and spacing so titles compare as written.
pub fn title_key(t: &str) -> String {
    t.replace(['\'', '`'], "’")
        .chars()
        .filter(|c| !matches!(c, '«' | '»' | '“' | '”' | '"'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn normalise_number(n: &str) -> String {
    let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
    n.strip_prefix("WHA")
        .map(|r| r.trim().to_string())
        .unwrap_or(n)
}

/// Organs implied by the form of a number.
fn form_implies(number: &str) -> Option<&'static str> {
    static SC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,4} \(\d{4}\)$").unwrap());
    static OLD_GA: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,4}(?: [A-Z])? \([IVXL]+\)$").unwrap());
    static ECOSOC: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:19|20)\d\d/\d{1,3}").unwrap());
    static WHA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{2}\.\d{1,3}$").unwrap());
    if number.starts_with("S-") || OLD_GA.is_match(number) {
        Some("GA")
    } else if SC.is_match(number) {
        Some("SC")
    } else if ECOSOC.is_match(number) {
        Some("ECOSOC")
    } else if WHA.is_match(number) {
        Some("WHA")
    } else {
        None
    }
}

/// Last resort: GA sessions number in the dozens; treaty bodies count from 1.
fn range_implies(number: &str, own: Option<&'static str>) -> Option<&'static str> {
    let session: u32 = number.split('/').next()?.parse().ok()?;
    if session >= 30 {
        Some("GA")
    } else {
        own.or(Some("GA"))
    }
}

/// The last organ named in a stretch of text (« les résolutions pertinentes
/// de l’Assemblée générale, en particulier la résolution 74/177 »).
fn last_organ_in(text: &str) -> Option<&'static str> {
    static OF_ORGAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:résolutions?|décisions?|resolutions?|decisions?)(?:\s+pertinentes|\s+relevant)?\s+(?:de la|de l[’']|du|of the)\s+((?:Assemblée|Conférence|Conseil|Commission|General|Conference|Economic|Security|Human)[^,;.]*)").unwrap()
    });
    OF_ORGAN
        .captures_iter(text)
        .filter_map(|c| code_of(&c[1]))
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, own: Option<&'static str>) -> Vec<String> {
        find_citations(text, own)
            .iter()
            .map(|f| f.label())
            .collect()
    }

    #[test]
    fn possessive_means_own_body() {
        assert_eq!(
            labels(
                "dans sa résolution 55/25 du 15 novembre 2000, de la Convention",
                Some("GA")
            ),
            ["GA res 55/25"]
        );
        assert_eq!(
            labels(
                "conformément à ses résolutions 5/1 et 5/8 en date du 22 octobre 2010",
                Some("COP")
            ),
            ["COP res 5/1", "COP res 5/8"]
        );
    }

    #[test]
    fn lists_give_one_citation_per_number() {
        let f = find_citations("Rappelant ses résolutions 54/205 du 22 décembre 1999, 55/61 du 4 décembre 2000, 55/188 du 20 décembre 2000 et 57/244 du 20 décembre 2002,", Some("GA"));
        let l: Vec<String> = f.iter().map(|f| f.label()).collect();
        assert_eq!(
            l,
            [
                "GA res 54/205",
                "GA res 55/61",
                "GA res 55/188",
                "GA res 57/244"
            ]
        );
        assert_eq!(f[0].surface, "ses résolutions 54/205");
        assert_eq!(f[1].surface, "55/61");
        assert_eq!(f[0].date.as_deref(), Some("1999-12-22"));
    }

    #[test]
    fn named_organs_win() {
        assert_eq!(
            labels(
                "la résolution 1373 (2001) du Conseil de sécurité",
                Some("GA")
            ),
            ["SC res 1373 (2001)"]
        );
        assert_eq!(
            labels(
                "la résolution 155 C (VII) du Conseil économique et social",
                Some("GA")
            ),
            ["ECOSOC res 155 C (VII)"]
        );
        assert_eq!(labels("les résolutions 23/2 du 16 mai 2014[^3] et 25/1 du 27 mai 2016[^4] de la Commission pour la prévention du crime et la justice pénale", Some("GA")), ["CCPCJ res 23/2", "CCPCJ res 25/1"]);
        assert_eq!(
            labels(
                "Dans sa résolution 2022/12, le Conseil économique et social a recommandé",
                Some("GA")
            ),
            ["ECOSOC res 2022/12"]
        );
        assert_eq!(labels("la résolution 9/4 de la Conférence des États parties à la Convention des Nations Unies contre la corruption", Some("GA")), ["COSP res 9/4"]);
        assert_eq!(
            labels("la résolution 5/8 de la Conférence", Some("COP")),
            ["COP res 5/8"]
        );
    }

    #[test]
    fn forms_imply_organs() {
        assert_eq!(
            labels("sa décision 74/550 A du 13 avril 2020", Some("GA")),
            ["GA decision 74/550 A"]
        );
        assert_eq!(
            labels("Résolution S-32/1, annexe.", Some("COP")),
            ["GA res S-32/1"]
        );
        assert_eq!(
            labels(
                "sa propre résolution 415 (V) du 1er décembre 1950",
                Some("GA")
            ),
            ["GA res 415 (V)"]
        );
    }

    #[test]
    fn possessive_after_a_named_agent() {
        assert_eq!(
            labels("l’adoption par l’Assemblée générale, dans sa résolution 55/25 du 15 novembre 2000, de la Convention", Some("COP")),
            ["GA res 55/25"]
        );
    }

    #[test]
    fn earlier_organ_in_sentence() {
        assert_eq!(labels("les résolutions pertinentes de l’Assemblée générale, en particulier la résolution 74/177 du 18 décembre 2019", Some("COP")), ["GA res 74/177"]);
    }

    #[test]
    fn paragraph_and_title() {
        let f = find_citations("au paragraphe 3 de sa résolution 6/1", Some("COP"));
        assert_eq!(f[0].paragraph.as_deref(), Some("op3"));
        let f = find_citations("sa résolution 10/4 du 16 octobre 2020, intitulée « Célébration du vingtième anniversaire »", Some("COP"));
        assert_eq!(
            f[0].title.as_deref(),
            Some("Célébration du vingtième anniversaire")
        );
        assert_eq!(f[0].date.as_deref(), Some("2020-10-16"));
    }

    #[test]
    fn conferences_are_told_apart_by_their_convention() {
        assert_eq!(labels("la résolution 10/4 de la Conférence des États parties à la Convention des Nations Unies contre la criminalité transnationale organisée", Some("GA")), ["COP res 10/4"]);
        assert_eq!(labels("la résolution 9/2 de la Conférence des États parties à la Convention, en date du 17 décembre 2021", Some("GA")), ["COSP res 9/2"]);
        assert_eq!(labels("la résolution 9/5 de la Conférence des parties à la Convention des Nations Unies contre la corruption", Some("GA")), ["COSP res 9/5"]);
    }

    #[test]
    fn enumerations_share_the_organ_named_last() {
        assert_eq!(
            labels("la décision 5/1, la résolution 6/1, la résolution 8/2 et la décision 8/1 de la Conférence des États parties, en date du 29 novembre 2013", Some("GA")),
            ["COSP decision 5/1", "COSP res 6/1", "COSP res 8/2", "COSP decision 8/1"]
        );
        assert_eq!(labels("les résolutions 7/8 et 8/4, qui ont été adoptées par la Conférence des États parties", Some("GA")), ["COSP res 7/8", "COSP res 8/4"]);
    }

    #[test]
    fn numbers_rule_out_implausible_organs() {
        // A General Assembly text cannot mean its own resolution 9/8.
        assert_eq!(
            find_citations_in_context(
                "Accueillant avec satisfaction la résolution 9/8 sur l’éducation",
                Some("GA"),
                Some("COSP")
            )[0]
            .label(),
            "COSP res 9/8"
        );
        assert_eq!(labels("la Conférence des États parties à la Convention avait demandé l’élaboration dans ses résolutions 5/3 du 29 novembre 2013", Some("GA")), ["COSP res 5/3"]);
        assert_eq!(
            labels(
                "Voir CAC/COSP/2013/18, sect. I.A, résolution 5/3, par. 6.",
                Some("GA")
            ),
            ["COSP res 5/3"]
        );
        // …but a plausible GA number stays GA even after another organ.
        assert_eq!(labels("de la Commission des stupéfiants au niveau mondial, conformément aux résolutions 70/299, et 72/305 du 23 juillet 2018", Some("GA")), ["GA res 70/299", "GA res 72/305"]);
    }

    #[test]
    fn lists_with_clauses_and_organ_before_the_numbers() {
        assert_eq!(
            labels("ses résolutions 72/195 du 19 décembre 2017, sur l’amélioration de la coordination, 73/148 du 17 décembre 2018, intitulée « Intensification : harcèlement sexuel », et 73/154 du 17 décembre 2018", Some("GA")),
            ["GA res 72/195", "GA res 73/148", "GA res 73/154"]
        );
        assert_eq!(
            labels("les résolutions du Conseil économique et social 2004/27 du 21 juillet 2004, sur les enfants, 2005/20 du 22 juillet 2005", Some("GA")),
            ["ECOSOC res 2004/27", "ECOSOC res 2005/20"]
        );
        assert_eq!(labels("la résolution de la Commission pour la prévention du crime et la justice pénale 30/1 du 21 mai 2021", Some("GA")), ["CCPCJ res 30/1"]);
        assert_eq!(
            labels(
                "ses résolutions 71/167 du 19décembre 2016, 72/195 du 19 décembre 2017",
                Some("GA")
            ),
            ["GA res 71/167", "GA res 72/195"]
        );
    }

    #[test]
    fn no_number_no_citation() {
        assert!(labels(
            "la présente résolution et les résolutions pertinentes",
            Some("GA")
        )
        .is_empty());
    }
}
