//! How numbered paragraphs follow one another in damaged texts.

use super::*;

fn operative_numbers(text: &str) -> Vec<String> {
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    docs[0]
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParaKind::Operative)
        .map(|p| {
            format!(
                "{} {}",
                p.number.clone().unwrap_or_default(),
                &p.text[..p.text.find(' ').unwrap_or(p.text.len())]
            )
        })
        .collect()
}

#[test]
fn a_number_after_a_clause_ending_with_and_opens_the_next_paragraph() {
    let text = "The Security Council,\n\nRecalling its resolutions,\n\n1. Requests a report;\n\n2. Requests that the report contain recommendations; and\n3.\n\nDecides to remain seized of the matter.\n";
    assert_eq!(
        operative_numbers(text),
        ["1 Requests", "2 Requests", "3 Decides"]
    );
}

#[test]
fn an_ocr_comma_after_the_expected_number_is_read_as_its_full_stop() {
    let text = "The Security Council,\n\nRecalling its resolutions,\n\n1. Decides that all States shall act;\n\n2, Urges all States to report;\n\n3. Decides to remain seized of the matter, 4, 5 and 6 of the list.\n";
    assert_eq!(
        operative_numbers(text),
        ["1 Decides", "2 Urges", "3 Decides"]
    );
}

#[test]
fn an_amendments_numbered_instructions_are_operative() {
    let text = "Ruritania: amendment to revised draft resolution\nA/C.3/80/L.3/Rev.1\n\nStrengthening the programme\n\n1.\nIn operative paragraph 6, after “efforts” insert “and means”.\n\n2.\nIn operative paragraph 7, delete “fully”.\n";
    assert_eq!(operative_numbers(text), ["1 In", "2 In"]);
}

#[test]
fn a_numbered_resolution_without_formula_keeps_its_preamble() {
    let text = "SOME SECTION HEADING\n\n5 (1950) Resolution of 3 March 1950\n\nBy Article 12 of the Charter, the Members have agreed that a committee shall be established to advise the Council;\n\nTherefore\n\n1. The Council requests the members to meet;\n\n2. The Council directs the committee to report.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    let kinds: Vec<ParaKind> = docs[0].paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [ParaKind::Preamble, ParaKind::Operative, ParaKind::Operative]
    );
    assert_eq!(docs[0].kind, DocKind::Resolution);
}

#[test]
fn a_resolution_in_sections_has_their_headings_and_preambles() {
    let text = "The General Assembly,\nI\nActivities of the Office\nRecalling its resolutions 1/1 and 2/2,\n1.\nReaffirms its role;\n2.\nRequests a report;\nII\nActivities of the Committee\nRecalling its resolution 3/3,\n1.\nNotes the work.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    let headings: Vec<(u8, &str)> = docs[0]
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (2, "I"),
            (3, "Activities of the Office"),
            (2, "II"),
            (3, "Activities of the Committee")
        ]
    );
    let kinds: Vec<ParaKind> = docs[0].paragraphs.iter().map(|p| p.kind).collect();
    use ParaKind::*;
    assert_eq!(kinds, [Preamble, Operative, Operative, Preamble, Operative]);
}

#[test]
fn a_title_case_name_after_a_semicolon_continues_the_preambular_paragraph() {
    let text = "The General Assembly,\n\nRecalling the Convention against Corruption, the Convention against Cybercrime;\nStrengthening International Cooperation for Combating Certain Crimes (“the Convention”),\nand all the conventions,\n\nWelcoming the results,\n\n1. Decides to act.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    let preamble = docs[0]
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParaKind::Preamble)
        .count();
    assert_eq!(preamble, 2);
}

#[test]
fn a_lettered_heading_between_operative_paragraphs_is_a_heading() {
    let text = "The Security Council,\nRecalling its resolutions,\n1. Decides to act;\nA. Restoration of peace and order\n2. Calls upon the parties;\nB. Humanitarian assistance\n3. Requests a report.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    let headings: Vec<&str> = docs[0].headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        headings,
        [
            "A. Restoration of peace and order",
            "B. Humanitarian assistance"
        ]
    );
    assert_eq!(
        operative_numbers(text),
        ["1 Decides", "2 Calls", "3 Requests"]
    );
    // Out of sequence, or ending a sentence, it is no heading.
    let text =
        "The Security Council,\n1. Decides to act;\nB. Something else here\n2. Calls upon.\n";
    let stream = crate::import::lines::split_stream(text);
    assert!(segment(&stream.lines)[0].headings.is_empty());
}

#[test]
fn a_number_whose_text_is_its_first_item_holds_the_items() {
    let text = "The General Assembly,\n1. Decides to act;\n2. (a) The Government shall report;\n(b) The parties shall meet;\n3. Requests a report.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    let shape: Vec<(ParaKind, Option<&str>, Option<&str>)> = docs[0]
        .paragraphs
        .iter()
        .map(|p| (p.kind, p.number.as_deref(), p.letter.as_deref()))
        .collect();
    use ParaKind::*;
    assert_eq!(
        shape,
        [
            (Operative, Some("1"), None),
            (Operative, Some("2"), None),
            (Subparagraph, Some("2"), Some("a")),
            (Subparagraph, Some("2"), Some("b")),
            (Operative, Some("3"), None),
        ]
    );
    assert_eq!(docs[0].paragraphs[1].text, "");
}

#[test]
fn a_name_cut_after_a_comma_continues_the_preambular_paragraph() {
    let text = "The General Assembly,\n\nRecalling that the Convention on the Prohibition of the Development,\nStockpiling and Use of Chemical Weapons reaffirms that Protocol,\n\nConvinced of its role,\nNoting the report,\n\n1. Decides to stay seized.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    let preamble: Vec<&str> = docs[0]
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParaKind::Preamble)
        .map(|p| &p.text[..p.text.find(' ').unwrap_or(0)])
        .collect();
    assert_eq!(preamble, ["Recalling", "Convinced", "Noting"]);
}

#[test]
fn a_decision_of_one_sentence_has_no_formula() {
    let text = "Draft decision submitted by the Chair\n\nQuestions deferred\n\nThe General Assembly decides to defer consideration of the report.\n";
    let stream = crate::import::lines::split_stream(text);
    let docs = segment(&stream.lines);
    assert_eq!(docs[0].formula, None);
    assert_eq!(docs[0].paragraphs[0].kind, ParaKind::Operative);
    assert!(docs[0].paragraphs[0]
        .text
        .starts_with("The General Assembly decides"));
}
