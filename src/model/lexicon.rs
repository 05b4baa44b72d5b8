//! Per-language words of the structure of UN texts: the verbs that open an
//! operative paragraph. The importer reads them to cut paragraphs, and the
//! model to tell unnumbered operative paragraphs from preambular ones in
//! content (so it lives here, where both stages can read it). How
//! preambular paragraphs open is told by form, in `import::shape`.

/// Does a line open with an operative verb (« Decides », « Also calls
/// upon », « Décide », « Prie », « Decide »)? A lexicon per language:
/// English plural nouns have the verbs' form (« Speeches made … »).
pub fn opens_operative(text: &str) -> bool {
    const VERBS: &[&str] = &[
        // English
        "Decides",
        "Calls",
        "Requests",
        "Urges",
        "Recommends",
        "Affirms",
        "Reaffirms",
        "Encourages",
        "Invites",
        "Welcomes",
        "Notes",
        "Takes",
        "Expresses",
        "Condemns",
        "Demands",
        "Emphasizes",
        "Stresses",
        "Underlines",
        "Endorses",
        "Approves",
        "Adopts",
        "Authorizes",
        "Appeals",
        "Commends",
        "Deplores",
        "Reiterates",
        "Acknowledges",
        "Recognizes",
        "Supports",
        "Insists",
        "Considers",
        "Declares",
        "Proclaims",
        "Reminds",
        "Directs",
        "Instructs",
        "Agrees",
        "Resolves",
        "Determines",
        "Elects",
        "Appoints",
        "Resuelve",
        "Emphasises",
        "Recognises",
        "Authorises",
        "Finds",
        // French
        "Décide",
        "Demande",
        "Prie",
        "Invite",
        "Exige",
        "Condamne",
        "Affirme",
        "Réaffirme",
        "Recommande",
        "Engage",
        "Exhorte",
        "Souligne",
        "Approuve",
        "Adopte",
        "Encourage",
        "Lance",
        "Déplore",
        "Accueille",
        "Salue",
        "Constate",
        "Considère",
        "Rappelle",
        "Autorise",
        "Charge",
        "Déclare",
        "Proclame",
        "Félicite",
        "Insiste",
        // Spanish
        "Decide",
        "Exhorta",
        "Insta",
        "Solicita",
        "Pide",
        "Invita",
        "Exige",
        "Condena",
        "Reafirma",
        "Recomienda",
        "Alienta",
        "Aprueba",
        "Acoge",
        "Observa",
        "Toma",
    ];
    const ADVERBS: &[&str] = &[
        "Also",
        "Further",
        "Furthermore",
        "Strongly",
        "Again",
        "Once",
        "again",
        "Aussi",
        "Également",
        "En",
        "outre",
        "Encore",
        "Asimismo",
        "Además",
    ];
    text.trim_start_matches(['*', '_', ' '])
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(4)
        .find(|w| !ADVERBS.contains(w))
        .is_some_and(|w| VERBS.contains(&w) || VERBS.iter().any(|v| v.to_lowercase() == w))
}

/// Does a paragraph open with an amendment's instruction (« Delete the
/// thirty-eighth preambular paragraph reading: », « Insert … », « Remplacer
/// … »)? The imperative (English) or infinitive (French, Spanish) of an
/// edit: no preambular paragraph opens so.
pub fn opens_amendment_instruction(text: &str) -> bool {
    const EDITS: &[&str] = &[
        "Delete",
        "Insert",
        "Replace",
        "Add",
        "Amend",
        "Renumber",
        "Supprimer",
        "Insérer",
        "Remplacer",
        "Ajouter",
        "Modifier",
        "Suprimir",
        "Insertar",
        "Sustituir",
        "Añadir",
        "Reemplazar",
    ];
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("");
    // « Delete the … », « Insert a new … », « Add at the end … »: an
    // article or preposition follows, as an instruction reads.
    EDITS.contains(&first)
        && words.next().is_some_and(|w| {
            w.starts_with(char::is_lowercase) || w.starts_with(|c: char| c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amendment_instructions_are_edits() {
        for t in [
            "Delete the thirty-eighth preambular paragraph reading:",
            "Insert a new operative paragraph after paragraph 5:",
            "Remplacer le paragraphe 3 par le texte suivant :",
        ] {
            assert!(opens_amendment_instruction(t), "{t}");
        }
        for t in [
            "Recalling its resolution 79/1,",
            "Add",
            "Adds that",
            "Decides to delete the item.",
        ] {
            assert!(!opens_amendment_instruction(t), "{t}");
        }
    }
}
