//! How a line or a paragraph looks: does it open a preambular paragraph,
//! how does it end (past note calls), is it a part's letter, a roman
//! numeral. The words of each language are in [`super::lexicon`].

use super::calls::{CLOSE, OPEN};
/// Nouns that end like participles but never open a preambular paragraph.
pub(crate) const NOT_PARTICIPLES: &[&str] = &[
    "Assemblée",
    "Année",
    "Entrée",
    "Armée",
    "Journée",
    "Durée",
    "Idée",
    "Pensée",
    "Cependant",
    "Pendant",
    "Avant",
    "Durant",
    "Charte",
    "Convention",
    "Conférence",
    "Unies",
    "Nations",
];
/// Does this line open a preambular paragraph (« Rappelant », « Gravement
/// préoccupée », « Consciente », "Recalling", "Deeply concerned")?
pub fn opens_preamble(text: &str) -> bool {
    let clean = text.trim_start_matches(['*', '_', ' ']);
    let mut words = clean.split(|c: char| !(c.is_alphabetic() || c == '-'));
    let mut first = words.next().unwrap_or("");
    if matches!(first, "Se" | "S" | "Ne" | "N") {
        // Reflexive « Se félicitant », « S’étant ».
        first = words.find(|w| !w.is_empty()).unwrap_or("");
        return first.to_lowercase().ends_with("ant");
    }
    if !first.chars().next().is_some_and(|c| c.is_uppercase()) || first.len() < 3 {
        return false;
    }
    if NOT_PARTICIPLES.contains(&first) {
        return false;
    }
    let participle = |w: &str| {
        let w = w.to_lowercase();
        [
            "ant", "ée", "ées", "é", "és", "ue", "ues", "ente", "entes", "ie", "ing", "ed",
        ]
        .iter()
        .any(|s| w.ends_with(s))
            || [
                "aware",
                "mindful",
                "conscious",
                "cognizant",
                "desirous",
                "anxious",
                "désireux",
                "désireuse",
                "resolue",
                "résolue",
            ]
            .contains(&w.as_str())
    };
    if participle(first) {
        return true;
    }
    // « Gravement préoccupée », "Deeply concerned".
    let adverb = first.to_lowercase();
    if adverb.ends_with("ment") || adverb.ends_with("ly") {
        return words.find(|w| !w.is_empty()).is_some_and(participle);
    }
    false
}
/// Does a paragraph end with a comma (before a note call the calls pass
/// did not take: `Bodies,1`)?
pub(crate) fn ends_with_comma(text: &str) -> bool {
    last_char(text) == Some(',')
        || text
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
            .ends_with(',')
}
/// A part's letter alone on its line (`A`, `B`), or its roman number
/// (`I`, `II`: resolutions in sections).
pub(crate) fn is_part_letter(text: &str) -> bool {
    let mut cs = text.chars();
    (cs.next().is_some_and(|c| c.is_ascii_uppercase()) && cs.next().is_none())
        || (text.len() <= 5 && crate::model::is_part_label(text))
}
/// The value of a lower-case roman numeral up to 39 (`iv` -> 4).
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if !crate::model::is_roman(s) {
        return None;
    }
    let digit = |c: char| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        _ => 50,
    };
    let cs: Vec<u32> = s.chars().map(digit).collect();
    let mut v = 0;
    for (i, &d) in cs.iter().enumerate() {
        if cs.get(i + 1).is_some_and(|&n| n > d) {
            v -= d as i32;
        } else {
            v += d as i32;
        }
    }
    (v > 0).then_some(v as u32)
}
/// Last meaningful character of a paragraph, ignoring note sentinels.
pub fn last_char(text: &str) -> Option<char> {
    let text = without_trailing_refs(text);
    let mut depth = 0;
    for c in text.chars().rev() {
        match c {
            CLOSE => depth += 1,
            OPEN => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_whitespace() || c == '*' => {}
            c => return Some(c),
        }
    }
    None
}
/// `text` without the note calls already written as Markdown (`[^2]`) at
/// its end: they say nothing of how it ends.
pub(crate) fn without_trailing_refs(text: &str) -> &str {
    let mut text = text.trim_end();
    while let Some(at) = text.strip_suffix(']').and_then(|t| t.rfind("[^")) {
        text = text[..at].trim_end();
    }
    text
}
pub(crate) fn terminated(text: &str) -> bool {
    let text = without_trailing_refs(text);
    // `?` and `!` end a quoted question or exclamation (« … on the
    // following question: What are …? »), after which a paragraph opens.
    if matches!(last_char(text), Some(',' | ';' | '.' | ':' | '?' | '!')) {
        return true;
    }
    // A note call the calls pass did not take for one: `disarmament,6`,
    // `resolution 79/7;1`, `Ireland, 162 163`.
    let t = text.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    t.len() < text.trim_end().len() && t.ends_with([',', ';', '.', ':'])
}
