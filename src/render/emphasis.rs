//! UN typography at render time: the participle that opens a preambular
//! paragraph (« *Rappelant* », "*Deeply concerned*") and the verb that
//! opens an operative one (« *Prie instamment* », "*Calls upon*") are set
//! in italics, unless the content already marks emphasis there. The
//! content stays as written: this only changes the HTML shown.

use crate::model::ParaKind;

/// Words that open no participle or verb: a paragraph beginning with one
/// is left as it is.
const NOT_OPENINGS: &[&str] = &[
    "le", "la", "les", "l’", "un", "une", "des", "du", "de", "au", "aux", "en", "dans", "par",
    "pour", "et", "à", "the", "a", "an", "this", "these", "that", "in", "on", "at", "for", "to",
    "and", "of", "el", "los", "las",
];

/// Words that go on the opening's italics when they follow it: « Prie
/// *en outre* », "Takes *note*", « Rappelant *également* ».
const FOLLOWERS: &[&str] = &[
    "également",
    "aussi",
    "instamment",
    "vivement",
    "fermement",
    "énergiquement",
    "résolument",
    "compte",
    "note",
    "acte",
    "l’esprit",
    "also",
    "further",
    "again",
    "strongly",
];

/// Two-word followers: « en outre », « de nouveau », "in mind".
const FOLLOWER_PAIRS: &[(&str, &str)] = &[
    ("en", "outre"),
    ("de", "nouveau"),
    ("à", "nouveau"),
    ("à", "l’esprit"),
    ("once", "again"),
    ("in", "mind"),
    ("into", "account"),
];

/// Words opening a paragraph that take the next word with them: an
/// auxiliary, a reflexive pronoun or an adverb (« *Ayant examiné* », « *Se
/// félicite* », "*Having considered*", "*Also requests*").
const LEADS: &[&str] = &[
    "ayant", "étant", "se", "having", "being", "also", "further", "strongly",
];

/// « avec » / "with" before its noun (« *Note avec satisfaction* »,
/// "*Noting with concern*").
const WITH: &[&str] = &["avec", "with"];

fn word_key(w: &str) -> String {
    w.trim_end_matches([',', ';', ':', '.'])
        .replace("&#x27;", "’")
        .replace('\'', "’")
        .to_lowercase()
}

/// An adverb that qualifies the word after it (« Profondément
/// préoccupée », "Deeply concerned").
fn is_adverb(key: &str) -> bool {
    (key.ends_with("ment") && key.chars().count() > 6) || (key.ends_with("ly") && key.len() > 4)
}

/// How many bytes of `lead` (plain text, no tag) the opening covers.
fn opening_len(lead: &str) -> usize {
    let words: Vec<(usize, &str)> = lead
        .split(' ')
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let Some(&(_, first)) = words.first() else {
        return 0;
    };
    let starts_upper = first.chars().next().is_some_and(|c| c.is_uppercase());
    let key = word_key(first);
    if !starts_upper
        || NOT_OPENINGS.contains(&key.as_str())
        || NOT_OPENINGS
            .iter()
            .any(|n| n.ends_with('’') && key.starts_with(n))
        || !key
            .chars()
            .all(|c| c.is_alphabetic() || c == '’' || c == '\'' || c == '-')
    {
        return 0;
    }
    // The last word taken, as an index into `words`.
    let mut last = 0;
    let ends_clause = |w: &str| w.ends_with([',', ';', ':', '.']);
    while !ends_clause(words[last].1) {
        let current = word_key(words[last].1);
        let Some(next) = words.get(last + 1).map(|w| word_key(w.1)) else {
            break;
        };
        let pair = words.get(last + 2).map(|w| word_key(w.1));
        let calls =
            matches!(current.as_str(), "calls" | "call") && (next == "upon" || next == "on");
        if (last == 0 && (LEADS.contains(&current.as_str()) || is_adverb(&current)))
            || WITH.contains(&current.as_str())
            || WITH.contains(&next.as_str())
            || FOLLOWERS.contains(&next.as_str())
            || (last == 0 && is_adverb(&next))
            || calls
        {
            last += 1;
        } else if pair
            .as_deref()
            .is_some_and(|p| FOLLOWER_PAIRS.contains(&(next.as_str(), p)))
        {
            last += 2;
        } else {
            break;
        }
    }
    let (start, word) = words[last];
    start + word.trim_end_matches([',', ';', ':', '.']).len()
}

/// `html` (a paragraph's inline HTML) with the opening of a preambular or
/// operative paragraph in italics; as it is when the paragraph opens with
/// markup of its own (emphasis, a link, a note) or with no participle.
pub fn un_emphasis(html: &str, kind: Option<ParaKind>) -> String {
    if !matches!(kind, Some(ParaKind::Preamble | ParaKind::Operative)) {
        return html.to_string();
    }
    let lead_end = html.find('<').unwrap_or(html.len());
    let lead = &html[..lead_end];
    let n = opening_len(lead);
    if n == 0 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 9);
    out.push_str("<em>");
    out.push_str(&html[..n]);
    out.push_str("</em>");
    out.push_str(&html[n..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn em(s: &str) -> String {
        un_emphasis(s, Some(ParaKind::Operative))
    }

    #[test]
    fn openings_are_set_in_italics() {
        assert_eq!(
            em("Rappelant sa résolution 5/1,"),
            "<em>Rappelant</em> sa résolution 5/1,"
        );
        assert_eq!(
            em("Note avec satisfaction que le nombre"),
            "<em>Note avec satisfaction</em> que le nombre"
        );
        assert_eq!(
            em("Prie instamment les États"),
            "<em>Prie instamment</em> les États"
        );
        assert_eq!(
            em("Prie en outre l’Office"),
            "<em>Prie en outre</em> l’Office"
        );
        assert_eq!(
            em("Profondément préoccupée par"),
            "<em>Profondément préoccupée</em> par"
        );
        assert_eq!(em("Se félicite de"), "<em>Se félicite</em> de");
        assert_eq!(em("S’engage à"), "<em>S’engage</em> à");
        assert_eq!(
            em("Ayant examiné le rapport"),
            "<em>Ayant examiné</em> le rapport"
        );
        assert_eq!(em("Tenant compte de"), "<em>Tenant compte</em> de");
        assert_eq!(
            em("Prend note avec intérêt du"),
            "<em>Prend note avec intérêt</em> du"
        );
        assert_eq!(em("Calls upon States"), "<em>Calls upon</em> States");
        assert_eq!(
            em("Deeply concerned about"),
            "<em>Deeply concerned</em> about"
        );
        assert_eq!(em("Bearing in mind that"), "<em>Bearing in mind</em> that");
        assert_eq!(
            em("Taking into account the"),
            "<em>Taking into account</em> the"
        );
        assert_eq!(em("Also requests the"), "<em>Also requests</em> the");
        assert_eq!(
            em("Decides to remain seized"),
            "<em>Decides</em> to remain seized"
        );
        assert_eq!(em("Réaffirmant,"), "<em>Réaffirmant</em>,");
    }

    #[test]
    fn marked_or_other_openings_are_left_alone() {
        assert_eq!(
            em("<em>Note</em> avec satisfaction"),
            "<em>Note</em> avec satisfaction"
        );
        assert_eq!(em("La Conférence des Parties"), "La Conférence des Parties");
        assert_eq!(em("L’Assemblée générale"), "L’Assemblée générale");
        assert_eq!(em("« Citation » ici"), "« Citation » ici");
        assert_eq!(em(""), "");
        assert_eq!(
            un_emphasis("Rappelant x", Some(ParaKind::Subparagraph)),
            "Rappelant x"
        );
        assert_eq!(un_emphasis("Rappelant x", None), "Rappelant x");
    }
}
