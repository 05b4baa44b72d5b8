//! Layout variants of an extraction: the same words laid out as another
//! extractor, or another setting of the same one, would have laid them out.
//! Each is a plain, meaning-preserving text transformation; `None` when it
//! cannot apply to a text (nothing to change, so nothing to test).
//! Used by `corpus_layouts.rs`.

/// One variant: its name and the transformation.
pub(crate) type Variant = (&'static str, fn(&str) -> Option<String>);

pub(crate) const VARIANTS: &[Variant] = &[
    ("crlf", crlf),
    ("strip", strip),
    ("trailing", trailing),
    ("nbsp", nbsp),
    ("no-ff", no_form_feeds),
    ("double", double_spaced),
    ("num-alone", numbers_alone),
    ("wrap60", wrap60),
    ("unwrap", unwrap),
];

/// Windows line endings (`\r\n`), as text saved on Windows has them.
fn crlf(t: &str) -> Option<String> {
    Some(t.replace("\r\n", "\n").replace('\n', "\r\n"))
}

/// Leading and trailing spaces of every line stripped, as cleaners do.
fn strip(t: &str) -> Option<String> {
    let out = map_lines(t, |l| l.trim_matches(|c| c == ' ' || c == '\t').to_string());
    (out != t).then_some(out)
}

/// A space after every line that holds text, as PyMuPDF ends its lines.
fn trailing(t: &str) -> Option<String> {
    Some(map_lines(t, |l| {
        if l.trim().is_empty() || l.ends_with(' ') {
            l.to_string()
        } else {
            format!("{l} ")
        }
    }))
}

/// Typesetters' spaces: a no-break space after a digit (« 26 November »,
/// « 1373 (2001) »), and a tab between a paragraph's leading number or
/// letter and its text (« 12.\tDecides », « (a)\tPrevent »).
fn nbsp(t: &str) -> Option<String> {
    let out = map_lines(t, |l| {
        let indent = l.len() - l.trim_start().len();
        let (lead, rest) = l.split_at(indent);
        let rest = match label_len(rest) {
            Some(n) if rest[n..].starts_with(' ') => {
                format!("{}\t{}", &rest[..n], rest[n..].trim_start_matches(' '))
            }
            _ => rest.to_string(),
        };
        let mut s = String::with_capacity(l.len() + 8);
        s.push_str(lead);
        let mut prev = ' ';
        for c in rest.chars() {
            s.push(if c == ' ' && prev.is_ascii_digit() {
                '\u{a0}'
            } else {
                c
            });
            prev = c;
        }
        s
    });
    (out != t).then_some(out)
}

/// The page breaks (form feeds) dropped, as extractors that do not mark
/// pages give the text.
fn no_form_feeds(t: &str) -> Option<String> {
    t.contains('\u{c}').then(|| t.replace('\u{c}', ""))
}

/// A blank line after every line: double-spaced extraction.
fn double_spaced(t: &str) -> Option<String> {
    Some(t.replace('\n', "\n\n"))
}

/// A paragraph's number on a line of its own (`12.` then `Decides …`), as
/// PyMuPDF gives numbers set in a hanging indent.
fn numbers_alone(t: &str) -> Option<String> {
    let mut changed = false;
    let out = map_lines(t, |l| {
        let body = l.trim_start();
        let indent = &l[..l.len() - body.len()];
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits)
            && body[digits..].starts_with(". ")
            && body[digits + 2..]
                .trim_start()
                .starts_with(char::is_alphabetic)
        {
            changed = true;
            format!(
                "{indent}{}\n{indent}{}",
                &body[..=digits],
                body[digits + 2..].trim_start()
            )
        } else {
            l.to_string()
        }
    });
    changed.then_some(out)
}

/// The text set in a narrower column (60): the lines of each paragraph
/// joined, then wrapped at word boundaries, keeping the first line's
/// indent. A line is taken to go on into the next when it is nearly as
/// long as the text's long lines (80% of the 90th percentile: a wrapped
/// line, not a paragraph's last) and the next opens with a lower-case
/// letter (not a label): conservative, a break before a capital (a name, or
/// maybe a paragraph) stays where it was.
/// A break is never made before a word that would open its line as a
/// label does (`12.`, `(a)`, `b)`, `–`): the wrap moves one word earlier,
/// as a justified column might equally have set it (a line opening « (a)
/// above » mid-sentence is a real ambiguity, not what this tests). Not for
/// a text already as narrow.
fn wrap60(t: &str) -> Option<String> {
    const WIDTH: usize = 60;
    let mut lens: Vec<usize> = t
        .lines()
        .map(|l| l.trim_end().chars().count())
        .filter(|&n| n > 0)
        .collect();
    lens.sort_unstable();
    let long = *lens.get(lens.len() * 9 / 10)?;
    if long <= WIDTH + 5 {
        return None;
    }
    let lines: Vec<&str> = t.split('\n').collect();
    let goes_on = |a: &str, b: &str| {
        let (a, b) = (a.trim_end(), b.trim());
        let first = b.split(' ').next().unwrap_or("");
        a.chars().count() * 5 >= long * 4
            && !b.is_empty()
            && !a.contains('\u{c}')
            && !b.contains('\u{c}')
            && b.starts_with(char::is_lowercase)
            && !looks_like_label(first)
    };
    // pdftotext prints a hanging number after its paragraph's first line
    // (« Urges … at all » / « 1. » / « decision-making … »); a narrower
    // column would too, so such a line is kept whole.
    let before_label = |i: usize| {
        lines.get(i + 1).is_some_and(|l| {
            let l = l.trim();
            !l.is_empty() && label_len(l) == Some(l.len())
        })
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if before_label(i) {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < lines.len() && !before_label(j + 1) && goes_on(lines[j], lines[j + 1]) {
            j += 1;
        }
        let indent = &lines[i][..lines[i].len() - lines[i].trim_start().len()];
        let words: Vec<&str> = lines[i..=j]
            .iter()
            .flat_map(|l| l.split(' '))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            out.push(lines[i].to_string());
        } else {
            out.extend(wrap(indent, &words, WIDTH));
        }
        i = j + 1;
    }
    let out = out.join("\n");
    (out != t).then_some(out)
}

/// `words` set in lines of `width`, each opening with `indent`, never
/// breaking before a word that looks like a label.
fn wrap(indent: &str, words: &[&str], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::from(indent);
    for (i, w) in words.iter().enumerate() {
        let fits = cur.chars().count() + 1 + w.chars().count() <= width;
        if i == 0 {
            cur.push_str(w);
        } else if fits || looks_like_label(w) {
            cur.push(' ');
            cur.push_str(w);
        } else {
            lines.push(std::mem::replace(&mut cur, format!("{indent}{w}")));
        }
    }
    lines.push(cur);
    lines
}

/// The lines of a paragraph joined into one, as cleaned texts give them:
/// a line is joined to the one before when that one does not end a
/// sentence or clause (`.`, `:`, `;`, or a note number after them) and
/// this one opens with a lower-case letter. A conservative rewrap: a line
/// that opens with a capital (a name, or maybe a new paragraph) stays.
fn unwrap(t: &str) -> Option<String> {
    let mut out = String::with_capacity(t.len());
    let mut changed = false;
    let mut prev_open = false;
    for (i, line) in t.split('\n').enumerate() {
        let body = line.trim();
        let opens_lower = body.starts_with(|c: char| c.is_lowercase());
        if i > 0 {
            if prev_open && opens_lower && !looks_like_label(body) {
                changed = true;
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(' ');
                out.push_str(body);
                prev_open = !ends_clause(body);
                continue;
            }
            out.push('\n');
        }
        out.push_str(line);
        prev_open = !body.is_empty() && !ends_clause(body) && !body.contains('\u{c}');
    }
    changed.then_some(out)
}

/// Does the line end a sentence or clause (a note number after it too)?
fn ends_clause(l: &str) -> bool {
    let l = l.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    l.ends_with(['.', ':', ';']) || l.is_empty()
}

/// Would a line opening with `w` read as a label?
fn looks_like_label(w: &str) -> bool {
    label_len(w).is_some_and(|n| n == w.len())
        || w.starts_with(['–', '-', '•', '—'])
        || (w.len() <= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
}

/// The length of a leading label: `12.`, `(a)`, `a)`, `(iv)`, `iv)`.
fn label_len(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) && s[digits..].starts_with('.') {
        return Some(digits + 1);
    }
    let open = usize::from(s.starts_with('('));
    let letters = s[open..]
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        .count();
    ((1..=4).contains(&letters) && s[open + letters..].starts_with(')'))
        .then_some(open + letters + 1)
}

/// Each line (split on `\n`, any `\r` kept) transformed.
fn map_lines(t: &str, f: impl FnMut(&str) -> String) -> String {
    t.split('\n').map(f).collect::<Vec<_>>().join("\n")
}

#[test]
fn variants_keep_the_words() {
    let t = "The Council,\n\n12. Decides that all States shall:\n(a) Prevent the financing of terrorist acts as set out in resolution 1373 (2001) of 28 September 2001;\nand more words,\nhere.\n";
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (name, f) in VARIANTS {
        if let Some(v) = f(t) {
            assert_eq!(words(&v), words(t), "{name}");
        }
    }
    assert_eq!(
        numbers_alone("  12. Decides\n").unwrap(),
        "  12.\n  Decides\n"
    );
    let long = "x".repeat(70);
    let t2 = format!("{long}\nx {long}\nx {long}\nx the end.\n\n{long}\nx {long}\n");
    let w = wrap60(&t2).unwrap();
    assert!(w.lines().all(|l| l.chars().count() <= 70), "{w}");
    assert_eq!(w.split("\n\n").count(), 2);
    assert_eq!(
        unwrap("Prevent the\nfinancing,\nand\nThe end.\nnext").unwrap(),
        "Prevent the financing, and\nThe end.\nnext"
    );
}
