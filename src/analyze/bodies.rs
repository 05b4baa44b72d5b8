//! UN organs: recognise them in text and give their short codes.

use regex::Regex;
use std::sync::LazyLock;

/// (code, pattern matching the organ's name, French and English).
const ORGANS: &[(&str, &str)] = &[
    // The conferences are told apart by the convention they serve.
    (
        "COP",
        r"Conférence des (?:États )?Parties à la Convention des Nations Unies contre la criminalité transnationale organisée|Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
    ),
    (
        "COSP",
        r"Conférence des (?:États )?Parties à la Convention des Nations Unies contre la corruption|Conference of the States Parties to the United Nations Convention against Corruption|Conférence des États parties|Conference of the States Parties",
    ),
    ("COP", r"Conférence des Parties|Conference of the Parties"),
    (
        "CCPCJ",
        r"Commission (?:pour la|de la) prévention du crime et (?:de )?la justice pénale|Commission on Crime Prevention and Criminal Justice",
    ),
    (
        "CND",
        r"Commission des stupéfiants|Commission on Narcotic Drugs",
    ),
    (
        "StatCom",
        r"Commission de (?:la )?statistique|Statistical Commission",
    ),
    (
        "HRC",
        r"Conseil des droits de l[’']homme|Human Rights Council",
    ),
    (
        "ECOSOC",
        r"Conseil économique et social|Economic and Social Council",
    ),
    ("SC", r"Conseil de sécurité|Security Council"),
    (
        "WHA",
        r"Assemblée mondiale de la Santé|World Health Assembly",
    ),
    ("GA", r"Assemblée générale|General Assembly"),
];

static ORGAN_RES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    ORGANS
        .iter()
        .map(|(code, pat)| (*code, Regex::new(&format!("(?i:{pat})")).unwrap()))
        .collect()
});
/// The same, anchored at the start of the text.
static ORGAN_AT_START: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    ORGANS
        .iter()
        .map(|(code, pat)| (*code, Regex::new(&format!("^(?i:{pat})")).unwrap()))
        .collect()
});

/// Every organ named in `text`, with its byte position: by name, or by the
/// series of a document symbol (`CAC/COSP/2013/18` is the COSP's).
pub fn organs_in(text: &str) -> Vec<(usize, &'static str)> {
    // One scan for all organs, earlier (more specific) alternatives
    // winning at the same position.
    static ANY: LazyLock<Regex> = LazyLock::new(|| {
        let alts: Vec<String> = ORGANS.iter().map(|(_, p)| format!("(?:{p})")).collect();
        Regex::new(&format!("(?i:{})", alts.join("|"))).unwrap()
    });
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    // Which organ: the first whose name begins where the match does (the
    // alternative a leftmost-first match took), told by anchored tests
    // instead of capture groups, which need a slower engine. (No quick
    // rejection by substring before it: the regex's own literal prefilter
    // is as fast, and knows « CONFÉRENCE » is « Conférence ».)
    for m in ANY.find_iter(text) {
        let rest = &text[m.start()..];
        if let Some(i) = ORGAN_AT_START.iter().position(|(_, re)| re.is_match(rest)) {
            out.push((m.start(), ORGANS[i].0));
        }
    }
    series_in(text, &mut out);
    out.sort();
    out
}

/// The organs whose document symbols `text` cites, by their series.
fn series_in(text: &str, out: &mut Vec<(usize, &'static str)>) {
    static SYMBOL_SERIES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(?:CAC/COSP|CTOC/COP|E/CN\.15|E/CN\.7)/").unwrap());
    for m in SYMBOL_SERIES.find_iter(text) {
        let code = match m.as_str() {
            s if s.starts_with("CAC/COSP") => "COSP",
            s if s.starts_with("CTOC/COP") => "COP",
            s if s.starts_with("E/CN.15") => "CCPCJ",
            _ => "CND",
        };
        out.push((m.start(), code));
    }
}

/// Could `code` have adopted a resolution numbered `number`? Sessions tell:
/// the GA numbers `N/M` from its 31st session, the conferences have met
/// a dozen times, the Commission about thirty.
pub fn plausible(code: &str, number: &str) -> bool {
    let Some((session, _)) = number.split_once('/') else {
        return true;
    };
    let Ok(session) = session.parse::<u32>() else {
        return true;
    };
    if session >= 1900 {
        return true;
    }
    match code {
        "GA" => session >= 31,
        "COP" | "COSP" => session <= 20,
        "CCPCJ" => session <= 40,
        _ => true,
    }
}

/// The code of the organ named in `text` (the first listed that matches).
pub fn code_of(text: &str) -> Option<&'static str> {
    ORGAN_RES
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(c, _)| *c)
}

/// An organ named at the very end of `text`, as English names it before
/// the word « resolution » (« Human Rights Council resolution 45/30 »):
/// its code and where its name starts.
pub fn organ_before(text: &str) -> Option<(&'static str, usize)> {
    static AT_END: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
        ORGANS
            .iter()
            .map(|(code, pat)| (*code, Regex::new(&format!("(?i:{pat})\\s*$")).unwrap()))
            .collect()
    });
    AT_END
        .iter()
        .find_map(|(code, re)| re.find(text).map(|m| (*code, m.start())))
}

/// An organ named at the very start of `text` (after `de la`, `du`, `le`…).
/// `conference_default` resolves a bare « la Conférence ».
pub fn organ_at_start(
    text: &str,
    conference_default: &dyn Fn() -> Option<&'static str>,
) -> Option<&'static str> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:de la|de l[’']|du|des|le|la|l[’']|of the|by the|the)\s*").unwrap()
    });
    let m = LEAD.find(text)?;
    let rest = &text[m.end()..];
    for (code, re) in ORGAN_AT_START.iter() {
        if re.is_match(rest) {
            return Some(code);
        }
    }
    // « de la Conférence » alone: the conference the citing text belongs to.
    static CONF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:Conférence|Conference)(?-u:\b)").unwrap());
    if CONF.is_match(rest) {
        return conference_default();
    }
    static COMMISSION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:Commission|Conseil|Council)[,.; ]").unwrap());
    if COMMISSION.is_match(rest) {
        return None;
    }
    None
}

/// An organ named at the start of `text` after `du`/`de la`, with the
/// length of that phrase.
pub fn organ_prefix(text: &str) -> Option<(&'static str, usize)> {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:de la|de l[’']|du|of the)\s*").unwrap());
    let m = LEAD.find(text)?;
    let rest = &text[m.end()..];
    for (code, re) in ORGAN_AT_START.iter() {
        if let Some(f) = re.find(rest) {
            return Some((code, m.end() + f.end()));
        }
    }
    None
}

/// Official document URL for a citation, where a reliable form exists.
pub fn official_url(code: &str, kind: &str, number: &str, lang: &str) -> Option<String> {
    let n = number.replace(' ', "");
    match (code, kind) {
        ("GA", "res") => {
            if number.contains('(') {
                // `415 (V)`: old-style numbers.
                Some(format!("https://undocs.org/{lang}/A/RES/{}", n))
            } else {
                Some(format!("https://undocs.org/{lang}/A/RES/{n}"))
            }
        }
        ("ECOSOC", "res") if n.len() >= 6 && n.as_bytes()[4] == b'/' => {
            Some(format!("https://undocs.org/{lang}/E/RES/{n}"))
        }
        ("SC", "res") => {
            // `1373 (2001)` -> S/RES/1373(2001)
            Some(format!("https://undocs.org/{lang}/S/RES/{n}"))
        }
        // `45/30` -> A/HRC/RES/45/30 (the Council numbers by session).
        ("HRC", "res") if n.contains('/') && !n.contains('(') => {
            Some(format!("https://undocs.org/{lang}/A/HRC/RES/{n}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `organs_in` as first written, with a capture group per organ.
    fn organs_by_groups(text: &str) -> Vec<(usize, &'static str)> {
        let alts: Vec<String> = ORGANS.iter().map(|(_, p)| format!("({p})")).collect();
        let any = Regex::new(&format!("(?i:{})", alts.join("|"))).unwrap();
        let mut out: Vec<(usize, &'static str)> = Vec::new();
        for c in any.captures_iter(text) {
            if let Some((i, _)) = c.iter().skip(1).enumerate().find(|(_, g)| g.is_some()) {
                out.push((c.get(0).unwrap().start(), ORGANS[i].0));
            }
        }
        series_in(text, &mut out);
        out.sort();
        out
    }

    #[test]
    fn organs_found_as_capture_groups_would() {
        let mut texts = crate::content::repository_texts();
        texts.extend(
            [
                "la CONFÉRENCE DES PARTIES à la Convention des Nations Unies contre la corruption",
                "Conférence des États parties et Conférence des Parties, puis la conférence des parties à la convention des nations unies contre la criminalité transnationale organisée",
                "Conference of the States Parties to the United Nations Convention against Corruption; Conference of the Parties",
                "le Conseil économique et social, l’Assemblée générale et le Conseil de sécurité",
                "voir CAC/COSP/2013/18 et CTOC/COP/2020/10, E/CN.15/2019/5, E/CN.7/2020/1",
                "la Commission de statistique, la Commission des stupéfiants",
                "Conseil des droits de l'homme",
                "rien",
            ]
            .map(str::to_string),
        );
        let mut found = 0;
        for t in &texts {
            let want = organs_by_groups(t);
            found += want.len();
            assert_eq!(organs_in(t), want, "{t}");
        }
        assert!(found > 20, "{found}");
    }

    #[test]
    fn recognises_organs() {
        assert_eq!(code_of("La Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée"), Some("COP"));
        assert_eq!(code_of("L’Assemblée générale"), Some("GA"));
        assert_eq!(
            organ_at_start(" du Conseil de sécurité", &|| None),
            Some("SC")
        );
        assert_eq!(
            organ_at_start(" de la Conférence, en date", &|| Some("COSP")),
            Some("COSP")
        );
        assert_eq!(
            organ_at_start(
                " de la Commission pour la prévention du crime et la justice pénale",
                &|| None
            ),
            Some("CCPCJ")
        );
    }
}
