//! UN organs: recognise them in text and give their short codes.

use regex::Regex;
use std::sync::LazyLock;

/// (code, pattern matching the organ's name, French and English).
const ORGANS: &[(&str, &str)] = &[
    (
        "COSP",
        r"Conférence des États parties à la Convention des Nations Unies contre la corruption|Conference of the States Parties to the United Nations Convention against Corruption",
    ),
    (
        "COP",
        r"Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée|Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
    ),
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

/// The code of the organ named in `text` (the first listed that matches).
pub fn code_of(text: &str) -> Option<&'static str> {
    ORGAN_RES
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(c, _)| *c)
}

/// An organ named at the very start of `text` (after `de la`, `du`, `le`…).
/// `conference_default` resolves a bare « la Conférence ».
pub fn organ_at_start(
    text: &str,
    conference_default: Option<&'static str>,
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
        LazyLock::new(|| Regex::new(r"^(?:Conférence|Conference)\b").unwrap());
    if CONF.is_match(rest) {
        return conference_default;
    }
    static COMMISSION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:Commission|Conseil|Council)\b[,.; ]").unwrap());
    if COMMISSION.is_match(rest) {
        return None;
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
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_organs() {
        assert_eq!(code_of("La Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée"), Some("COP"));
        assert_eq!(code_of("L’Assemblée générale"), Some("GA"));
        assert_eq!(organ_at_start(" du Conseil de sécurité", None), Some("SC"));
        assert_eq!(
            organ_at_start(" de la Conférence, en date", Some("COSP")),
            Some("COSP")
        );
        assert_eq!(
            organ_at_start(
                " de la Commission pour la prévention du crime et la justice pénale",
                None
            ),
            Some("CCPCJ")
        );
    }
}
