//! Operative paragraphs printed without a number: old resolutions'
//! clauses, and a lead-in (« Decides: ») before lettered or dash items.

use super::{is_part_label, lexicon, DocKind, Heading, ParaKind, Paragraph};

/// [`mark_unnumbered_operative`] for each part of a document (`## A`,
/// `## II`) on its own: part A of a decision may list lettered clauses
/// while parts B and C are each one sentence of what was decided.
pub fn mark_unnumbered_operative_by_part(
    kind: DocKind,
    paragraphs: &mut [Paragraph],
    headings: &[Heading],
) {
    let mut cuts: Vec<usize> = headings
        .iter()
        .filter(|h| h.level == 2 && is_part_label(&h.text))
        .map(|h| h.before.min(paragraphs.len()))
        .collect();
    cuts.push(0);
    cuts.push(paragraphs.len());
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        mark_unnumbered_operative(kind, &mut paragraphs[w[0]..w[1]]);
    }
}

/// A resolution without numbered paragraphs (older Security Council
/// resolutions: « Decides to include … . ») has unnumbered operative
/// ones: the paragraphs after the last preambular one (which ends with a
/// comma, or no stop at all; all of them if there is none), when they end
/// with `;` or `.` and the last with `.`. They are
/// marked operative, numbered by their order in anchors only (`op1`).
pub fn mark_unnumbered_operative(kind: DocKind, paragraphs: &mut [Paragraph]) {
    let numbered = paragraphs.iter().any(|p| {
        !p.dash
            && matches!(
                p.kind,
                Some(ParaKind::Operative | ParaKind::ReportPara | ParaKind::Subparagraph)
            )
    });
    if !kind.is_resolution_like() {
        return;
    }
    if numbered {
        mark_operative_lead_in(paragraphs);
        return;
    }
    // An amendment's instructions (« Delete the … paragraph reading: »
    // and the paragraph it quotes) are what it decides, however the quote
    // ends.
    let mut instructions = false;
    for p in paragraphs.iter_mut() {
        if p.kind == Some(ParaKind::Preamble) && lexicon::opens_amendment_instruction(&p.text) {
            p.kind = Some(ParaKind::Operative);
            instructions = true;
        }
    }
    if instructions {
        return;
    }
    let main: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| paragraphs[i].kind == Some(ParaKind::Preamble))
        .collect();
    // A paragraph with dash items ends where its last item does.
    let end = |i: usize| {
        let last = (i + 1..paragraphs.len())
            .take_while(|&j| paragraphs[j].dash)
            .last()
            .unwrap_or(i);
        let t = NOTE_CALL.replace_all(&paragraphs[last].text, "");
        t.trim_end().chars().last()
    };
    // No preamble at all (« The General Assembly / Adopts the following
    // declaration … . »): every paragraph is operative.
    let first_op = main
        .iter()
        .rposition(|&i| !matches!(end(i), Some(';' | '.')))
        .map_or(0, |last_pp| last_pp + 1);
    let tail = &main[first_op..];
    let ends_ok = !tail.is_empty()
        && tail.iter().all(|&i| matches!(end(i), Some(';' | '.')))
        && end(*tail.last().unwrap()) == Some('.');
    if ends_ok {
        for &i in tail {
            paragraphs[i].kind = Some(ParaKind::Operative);
        }
    }
}

/// « Decides: » or « Resolves that: » printed without a number, its
/// clauses lettered or numbered under it, opens the operative part: the
/// last unnumbered paragraph, ending with a colon, directly followed by
/// the numbered or lettered ones. A preambular paragraph may end with a
/// colon too (« Recalling the principles: » and its items), but opens with
/// a participle and comes before more preamble; a decision's narrative
/// ends with one too, but is long.
fn mark_operative_lead_in(paragraphs: &mut [Paragraph]) {
    let Some(last) = paragraphs
        .iter()
        .rposition(|p| p.kind == Some(ParaKind::Preamble))
    else {
        return;
    };
    let text = NOTE_CALL.replace_all(&paragraphs[last].text, "");
    let first_word = text.split_whitespace().next().unwrap_or("");
    let participle = ["ing", "ant", "ndo", "ed", "é", "ée"]
        .iter()
        .any(|end| first_word.ends_with(end));
    let followed = paragraphs
        .get(last + 1)
        .is_some_and(|p| matches!(p.kind, Some(ParaKind::Operative | ParaKind::Subparagraph)));
    // A lead-in is a clause (« Decides that: »), not a decision's narrative
    // (« At its 2nd plenary meeting, … the General Assembly: »).
    let short = text.split_whitespace().count() <= 12;
    let verb = lexicon::opens_operative(&text);
    if !(text.trim_end().ends_with(':') && !participle && (short || verb) && followed) {
        return;
    }
    paragraphs[last].kind = Some(ParaKind::Operative);
    // Unnumbered clauses before it, each opening with an operative verb
    // (« Reaffirms …; / Resolves …; / Recommends … the following
    // measures: / 1. … », as older resolutions print them) are operative
    // too: a preambular paragraph opens with a participle, not a verb.
    for p in paragraphs[..last].iter_mut().rev() {
        if p.kind != Some(ParaKind::Preamble) || !lexicon::opens_operative(&p.text) {
            break;
        }
        p.kind = Some(ParaKind::Operative);
    }
}

static NOTE_CALL: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\[\^[^\]\s]+\]").unwrap());
