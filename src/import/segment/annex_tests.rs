//! Annexes, on small synthetic texts.

use super::*;
use crate::import::lines::split_stream;

fn seg(text: &str) -> Vec<RawDoc> {
    segment(&split_stream(text).lines)
}

/// The annex items of the only document: (number, letter, first words).
fn items(doc: &RawDoc) -> Vec<(Option<String>, Option<String>, String)> {
    doc.paragraphs
        .iter()
        .filter(|p| p.kind == ParaKind::AnnexItem)
        .map(|p| {
            let words: Vec<&str> = p.text.split_whitespace().take(3).collect();
            (p.number.clone(), p.letter.clone(), words.join(" "))
        })
        .collect()
}

fn headings(doc: &RawDoc) -> Vec<String> {
    doc.headings.iter().map(|h| h.text.clone()).collect()
}

#[test]
fn an_annex_after_the_meeting_and_date_closing_lines() {
    let docs = seg(
        "The General Assembly\n\nAdopts the following text.\n\n12th plenary meeting\n\
                    3 May 2020\n\nAnnex\nText of the plan\n\nWe the parties agree:\n\n\
                    1. To meet yearly;\n\n2. To report.\n",
    );
    let doc = &docs[0];
    assert_eq!(doc.cover.len(), 2, "{:?}", doc.cover);
    assert_eq!(headings(doc), ["Annex", "Text of the plan"]);
    assert_eq!(items(doc).len(), 3, "{:?}", items(doc));
}

#[test]
fn an_adoption_sentence_goes_on_to_its_end() {
    let docs = seg(
        "The Council,\n\nNoting the facts,\n\n1. Decides to act.\n\n\
                    Adopted at the 9th meeting\nby 5 votes to none, with\n\
                    2 abstentions (Aland,\nBeland).\n",
    );
    assert_eq!(docs[0].cover.len(), 4, "{:?}", docs[0].cover);
}

#[test]
fn the_last_block_of_an_annex_ends_at_the_closing_line() {
    let docs = seg(
        "The Council,\n\nNoting the facts,\n\nDecides to act.\n\nANNEX\n\n\
                    Text of the rules\n\nRule 1\n\nThe rule is kept.\n\n\
                    Adopted at the 9th meeting.\n",
    );
    let doc = &docs[0];
    assert_eq!(headings(doc), ["Annex", "Text of the rules", "Rule 1"]);
    assert_eq!(items(doc), [(None, None, "The rule is".into())]);
}

#[test]
fn sentences_after_the_intro_are_paragraphs_and_labels_open_one() {
    let docs = seg(
        "The General Assembly\n\nAdopts the plan.\n\n1st plenary meeting\n\nAnnex\n\
                    The plan\n\nWe the parties agree:\n\nFirst Steps:\n\n1. To meet yearly;\n\
                    Target: all parties meet by 2030.\n\n\
                    To that end, we will:\n\n2. Report;\n",
    );
    assert_eq!(headings(&docs[0]), ["Annex", "The plan", "First Steps:"]);
    let got = items(&docs[0]);
    let words: Vec<&str> = got.iter().map(|i| i.2.as_str()).collect();
    assert_eq!(
        words,
        [
            "We the parties",
            "To meet yearly;",
            "Target: all parties",
            "To that end,",
            "Report;"
        ]
    );
}

#[test]
fn a_short_label_over_its_text_is_a_heading() {
    let docs = seg(
        "The General Assembly\n\nAdopts the strategies.\n\n1st plenary meeting\n\nAnnex\n\
                    The strategies\n\nCore idea II\nStates should act on the evidence they \
                    gather and review it.\n\n1. States act.\n",
    );
    let doc = &docs[0];
    assert_eq!(headings(doc), ["Annex", "The strategies", "Core idea II"]);
    assert_eq!(items(doc)[0].2, "States should act");
}

#[test]
fn an_annexed_text_has_its_formula_preamble_and_items() {
    let docs = seg("The Council,\n\nNoting the facts,\n\n1. Endorses the decision annexed.\n\n\
                    Annex I\nBoard decision\nThe Executive Council,\n\
                    Recalling its earlier decision of 2010, which set the\n\
                    Stockpiling of goods, as stated;\nNoting the report; and\n\
                    Welcoming the plan;\nHereby:\n1. Decides that the State shall:\n\
                    (a) report on the goods, in particular:\n(i) their names; and\n(ii) their places;\n\
                    (b) cooperate and\n\n(c) remain seized.\n");
    let doc = &docs[0];
    assert_eq!(
        headings(doc),
        [
            "Annex I",
            "Board decision",
            "The Executive Council,",
            "Hereby:"
        ]
    );
    let got = items(doc);
    let labels: Vec<(Option<&str>, Option<&str>)> = got
        .iter()
        .map(|i| (i.0.as_deref(), i.1.as_deref()))
        .collect();
    assert_eq!(
        labels,
        [
            (None, None),
            (None, None),
            (None, None),
            (Some("1"), None),
            (Some("1"), Some("a")),
            (Some("1"), Some("i")),
            (Some("1"), Some("ii")),
            (Some("1"), Some("b")),
            (Some("1"), Some("c")),
        ]
    );
    assert_eq!(got[2].2, "Welcoming the plan;");
}

#[test]
fn a_heading_printed_with_no_gap_before_a_number_is_not_text() {
    let docs = seg(
        "The Council,\n\nNoting the facts,\n\n1. Endorses the text annexed.\n\n\
                    Annex\nFinal text\n\n1. The members met in (a) the city\n\
                    and (b) the region. They agreed\non the steps.\n\
                    Agreed steps for the\nnext stage\n2. The members act.\n",
    );
    let doc = &docs[0];
    assert_eq!(
        headings(doc),
        ["Annex", "Final text", "Agreed steps for the next stage"]
    );
    let got = items(doc);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(doc.paragraphs[2].text.ends_with("on the steps."));
}

#[test]
fn an_annex_may_be_lettered() {
    let docs = seg(
        "The Security Council,\n\nNoting the facts,\n\n1. Approves the list in Annex A.\n\n\
                    2. Decides to remain seized.\n\nAnnex A\n\nList of goods\n\n\
                    The goods listed are reviewed.\n",
    );
    let doc = &docs[0];
    assert_eq!(headings(doc), ["Annex A", "List of goods"]);
    assert_eq!(doc.paragraphs.last().unwrap().annex.as_deref(), Some("A"));
}

#[test]
fn an_annex_numeral_read_as_digits_is_the_next_numeral() {
    let docs = seg(
        "Le Conseil,\n\nNotant les faits,\n\n1. Décide d’agir.\n\nAnnexe I\n\n\
                    Texte premier\n\nLes principes sont adoptés.\n\nAnnexe\n\n11\n\n\
                    Les principes sont confirmés.\n",
    );
    let doc = &docs[0];
    assert_eq!(headings(doc), ["Annexe I", "Texte premier", "Annexe II"]);
    assert_eq!(doc.paragraphs.last().unwrap().annex.as_deref(), Some("II"));
}
