use super::*;
use crate::import::furniture::{JOB_LINE, PAGE_LINE, PRINT_MARK, RULE, SYMBOL_LINE, URL};

/// Lines to try the line regexes on: every line of the seed sources,
/// and hand-written ones that match each (after odd spaces, with
/// other scripts' digits).
pub(crate) fn sample_lines() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
    let mut lines: Vec<String> = std::fs::read_dir(dir)
        .expect("the sources")
        .flat_map(|e| {
            let text = std::fs::read_to_string(e.expect("an entry").path()).unwrap_or_default();
            text.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    for l in [
        "  https://undocs.org/fr/A/RES/55/25",
        "www.unodc.org ",
        "_______",
        "V.14-04464",
        "\u{a0}22-27149 3/5",
        "12/14 22-27149*",
        " A/77/464 ",
        "CTOC/COP/2014/2",
        "\u{2003}12",
        "\u{0663}\u{0664}",
        "  1 Voir la résolution 55/25.",
        "** Nouveau tirage",
        "\u{b9} Voir",
        "\u{2074}\u{2075} Voir",
        "a) des mesures",
        "IV. Questions",
        "Projet de résolution II",
        "Draft decision IV",
        "Page 2",
        "/...",
        "``````",
        "*0155743*",
        "[^3]: A note.",
        "Résolution 6/1",
        "Decision 9/2",
        "La Conférence des Parties à la Convention,",
        "The General Assembly,",
        "1. Décide",
        "\u{0661}. Décide",
        "A. Sous-section",
        "Annexe I",
        "ANNEX",
        "a See sect. E.",
        "le texte reprend",
        "",
        "   ",
    ] {
        lines.push(l.to_string());
    }
    lines
}

/// A line regex's test of the first character lets through every
/// line its regex matches.
pub(crate) fn assert_lead_keeps_matches(name: &str, r: &LineRegex, lines: &[String]) {
    let mut matched = 0;
    for l in lines {
        assert_eq!(r.is_match(l), r.regex().is_match(l), "{name} on {l:?}");
        matched += usize::from(r.regex().is_match(l));
    }
    assert!(matched > 0, "{name} matches none of the sample lines");
}

#[test]
fn line_regexes_skip_only_lines_they_cannot_match() {
    let lines = sample_lines();
    for (name, r) in [
        ("URL", &URL),
        ("RULE", &RULE),
        ("JOB_LINE", &JOB_LINE),
        ("SYMBOL_LINE", &SYMBOL_LINE),
        ("PAGE_LINE", &PAGE_LINE),
        ("NOTE_ENTRY", &NOTE_ENTRY),
        ("PRINT_MARK", &PRINT_MARK),
        ("MARKDOWN_ENTRY", &MARKDOWN_ENTRY),
        ("SUPERSCRIPT_ENTRY", &SUPERSCRIPT_ENTRY),
        ("LETTER_ENTRY", &LETTER_ENTRY),
        ("PARA_START", &PARA_START),
    ] {
        assert_lead_keeps_matches(name, r, &lines);
    }
}

#[test]
fn drops_furniture_and_urls() {
    let s = split_stream(
        "Le texte commence\n\nA/77/464\n\n15/80 22-27149\nhttps://undocs.org/fr/A/RES/1\net continue.\n",
    );
    let texts: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, vec!["Le texte commence", "et continue."]);
    assert!(s.lines[1].after_break);
    assert_eq!(s.header_symbols[0].0, "A/77/464");
}

#[test]
fn extracts_note_block_and_resumes_body() {
    let s = split_stream(
        "organisée1 et de\n__________________\n * CTOC/COP/2020/1.\n 1 Nations Unies, Recueil des Traités, vol. 2225,\nno 39574.\n suite du texte,\n",
    );
    assert_eq!(s.notes.len(), 2);
    assert_eq!(s.notes[0].marker, "*");
    assert_eq!(
        s.notes[1].text,
        "Nations Unies, Recueil des Traités, vol. 2225, no 39574."
    );
    assert_eq!(s.notes[1].def_pos, 1);
    assert_eq!(s.lines.len(), 2);
    assert_eq!(s.lines[1].text, "suite du texte,");
}

#[test]
fn superscript_notes_need_no_rule() {
    let s = split_stream("du texte¹,\n\n¹ Une note.\n\nla suite.\n");
    assert_eq!(s.notes.len(), 1);
    assert_eq!(s.notes[0].marker, "1");
    assert_eq!(s.lines.len(), 2);
}

#[test]
fn joins_compound_hyphens() {
    let mut t = "soixante-dix-".to_string();
    join_into(&mut t, "septième session");
    assert_eq!(t, "soixante-dix-septième session");
    let mut t = "sa trente -".to_string();
    join_into(&mut t, "deuxième");
    assert_eq!(t, "sa trente-deuxième");
}

#[test]
fn a_running_title_between_header_and_footer_is_furniture() {
    let text = "The General Assembly,\n\nRecalling its resolution 1/2,\n\nNoting the report of the\nSecretary-General on it,\n\nA/RES/80/9\nA running title on\ntwo lines\n\n25-20555\n2/6\n\n1.\nDecides to act;\n\nA running title on\ntwo lines\n\n25-20555\n3/6\n\n2.\nRequests a report.\n";
    let stream = split_stream(text);
    let body: Vec<&str> = stream.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        !body
            .iter()
            .any(|l| l.contains("running title") || l.contains("two lines")),
        "{body:?}"
    );
    assert!(body.contains(&"1. Decides to act;"), "{body:?}");
    assert!(body.contains(&"Secretary-General on it,"), "{body:?}");
}

#[test]
fn notes_without_a_rule_are_found_by_their_number_and_call() {
    // A cleaned text: notes left between paragraphs, and a yearbook's
    // notes (numbered from 20) after the closing line.
    let text = "Recalling the Treaty,1 and its report,\n\n1 United Nations, Treaty Series, vol. 1.\n\nRecalling also the rules 2 of 1990,\n\n2 See A/68/914, annex.\n\n1. Decides to act.\n";
    let stream = split_stream(text);
    let markers: Vec<&str> = stream.notes.iter().map(|n| n.marker.as_str()).collect();
    assert_eq!(markers, ["1", "2"]);
    assert_eq!(stream.notes[1].text, "See A/68/914, annex.");
    let body: Vec<&str> = stream.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(body.last(), Some(&"1. Decides to act."), "{body:?}");
    let yearbook = "Noting the report of 27 April 1964, 20\n\n1. Decides to act.\n\nAdopted at the 1135th meeting.\n\n20 Official Records of the Security Council,\nSupplement for 1964.\n";
    let stream = split_stream(yearbook);
    assert_eq!(stream.notes.len(), 1);
    assert_eq!(
        stream.notes[0].text,
        "Official Records of the Security Council, Supplement for 1964."
    );
    // A continuation after a page break is no note: `8 and 9 December`.
    let split = "Recalling its resolutions of\n\n8 and 9 December 2014,\n";
    assert!(split_stream(split).notes.is_empty());
}

#[test]
fn a_number_printed_after_its_paragraphs_first_line_goes_before_it() {
    let text = "Noting the need for data,\nUrges Member States to ensure\n1.\ndecision-making levels;\n2.\nEncourages the Secretary-General.\n";
    let body: Vec<String> = split_stream(text)
        .lines
        .into_iter()
        .map(|l| l.text)
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        body,
        [
            "Noting the need for data,",
            "1. Urges Member States to ensure",
            "decision-making levels;",
            "2. Encourages the Secretary-General."
        ]
    );
}

#[test]
fn a_number_after_a_whole_clause_opens_the_next_line() {
    // « Takes note …; » is a whole clause (an item whose label was lost),
    // and the line after the number opens a paragraph of its own.
    let text = "Decides to act:\n\nMay consider formats;\n\nTakes note of the intention;\n\n3.\nEncourages cooperation.\n";
    let body: Vec<String> = split_stream(text)
        .lines
        .into_iter()
        .map(|l| l.text)
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        body,
        [
            "Decides to act:",
            "May consider formats;",
            "Takes note of the intention;",
            "3. Encourages cooperation."
        ]
    );
}

#[test]
fn a_page_number_between_a_label_and_its_text_is_dropped() {
    let text = "17. Requests a report;\n\n18.\n\n4\n\nDecides to remain seized of the matter.\n";
    let body: Vec<String> = split_stream(text)
        .lines
        .into_iter()
        .map(|l| l.text)
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        body,
        [
            "17. Requests a report;",
            "18. Decides to remain seized of the matter."
        ]
    );
}

#[test]
fn a_star_note_without_a_rule_is_the_documents() {
    let text = "Belarus:* draft resolution\n\nPersistent legacy\n\n* Any changes to the list of sponsors will be recorded.\n\nThe General Assembly,\n";
    let notes = split_stream(text).notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].marker, "*");
    // No star called: a line opening with a star is no note.
    assert!(split_stream("Text.\n\n* Not a note here.\n")
        .notes
        .is_empty());
}

#[test]
fn one_paragraph_a_line_is_not_double_spacing() {
    // A cleaned text: every paragraph on one line, blank lines between,
    // a few cut by a page break. Its gaps still separate paragraphs.
    let long = "word ".repeat(20);
    let mut text = String::new();
    for i in 1..=12 {
        text.push_str(&format!("{i}. Decides {long}the end;\n\n"));
    }
    for _ in 0..3 {
        text.push_str(&format!("Recalling {long}cut by the page\n\n"));
    }
    text.push_str("A heading\n\n13. Decides to remain seized.\n");
    let stream = split_stream(&text);
    let heading = stream.lines.iter().find(|l| l.text == "A heading").unwrap();
    assert!(heading.gap_before);
}

#[test]
fn a_lettered_box_note_is_found_by_its_call_after_a_mark() {
    let text = "States should act on offenders serving sentences;a in addition,\n\
                they should help them.\n\n\na See sect. E.\n\n2. States report.\n";
    let stream = split_stream(text);
    let markers: Vec<&str> = stream.notes.iter().map(|n| n.marker.as_str()).collect();
    assert_eq!(markers, ["a"]);
    assert_eq!(stream.notes[0].text, "See sect. E.");
    // No call glued to a mark: a line opening with `a` is text.
    let plain = "States should act; in addition,\n\na Member State may ask.\n";
    assert!(split_stream(plain).notes.is_empty());
}

#[test]
fn a_double_spaced_text_reads_as_its_single_spaced_form() {
    let single = "22-27149\n\
                  A/77/464\n\
                  Recalling its resolution 75/1, in which it decided to\n\
                  convene a meeting on the matter,\n\
                  \n\
                  1. Decides to hold the meeting in the course of its\n\
                  next session, and requests the President to organize it;\n\
                  2. Requests a report on the implementation of the\n\
                  present resolution at its next session.\n";
    let double = single.replace('\n', "\n\n");
    let (a, b) = (split_stream(single), split_stream(&double));
    let shape = |s: &Stream| -> Vec<(String, bool)> {
        s.lines
            .iter()
            .map(|l| (l.text.clone(), l.gap_before))
            .collect()
    };
    assert_eq!(shape(&a), shape(&b));
    // The furniture is furniture in both; one gap, before « 1. ».
    assert_eq!(b.lines.len(), 6);
    let gaps: Vec<&str> = b
        .lines
        .iter()
        .filter(|l| l.gap_before)
        .map(|l| &l.text[..2])
        .collect();
    assert_eq!(gaps, ["1."]);
    // Line numbers are the file's.
    assert_eq!(b.lines[0].line_no, 5);
    assert_eq!(b.lines[2].line_no, 11);
}

#[test]
fn a_first_note_out_of_order_is_called_on_its_page() {
    // A yearbook's note 63, called glued to a word: a note.
    let s = split_stream("Le Kosovo63 et la suite du texte.\n\n63 S/1999/402, annexe.\n");
    assert_eq!(s.notes.len(), 1);
    assert_eq!(s.notes[0].marker, "63");
    // A « 30 » pages before is no call: only the current page is searched.
    let line = |t: &str, after_break: bool| BodyLine {
        text: t.to_string(),
        line_no: 1,
        indent: 0,
        after_break,
        gap_before: false,
    };
    let lines = [
        line("Done on 30 December 2002.", false),
        line("The form", true),
    ];
    assert_eq!(page_start(&lines), 1);
    assert!(!has_call(&lines[page_start(&lines)..], 30));
    // On the same page, it is.
    let s = split_stream("admitted 88 for ever\n\n88 Official Records.\n");
    assert_eq!(s.notes.len(), 1);
}

#[test]
fn glued_calls() {
    let line = |t: &str| BodyLine {
        text: t.to_string(),
        line_no: 1,
        indent: 0,
        after_break: false,
        gap_before: false,
    };
    assert!(has_glued_call(&[line("Rambouillet66 et")], 66));
    assert!(has_glued_call(&[line("du 9 juin 199966;")], 66));
    assert!(has_glued_call(&[line("l'annexe,66 et")], 66));
    assert!(!has_glued_call(&[line("le 66 et 101.66")], 66));
}

#[test]
fn a_note_number_alone_on_its_line() {
    let s = split_stream(
        "au Kosovo63, et à la résolution64 et\nle texte continue;\n\n63\n\nS/1999/402, annexe.\n\n64\nVoir également S/1999/516.\n\nDécide que la suite\n",
    );
    let markers: Vec<&str> = s.notes.iter().map(|n| n.marker.as_str()).collect();
    assert_eq!(markers, vec!["63", "64"]);
    assert_eq!(s.notes[0].text, "S/1999/402, annexe.");
    assert_eq!(s.notes[1].text, "Voir également S/1999/516.");
    assert_eq!(
        s.lines.last().map(|l| l.text.as_str()),
        Some("Décide que la suite")
    );
    // A number the text does not call glued stays in the body.
    let s = split_stream("le 63 et la suite;\n\n63\n\nS/1999/402, annexe.\n");
    assert!(s.notes.is_empty());
}
