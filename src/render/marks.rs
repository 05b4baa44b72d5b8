//! Words marked in rendered HTML: a topic page shows why each paragraph is
//! listed by marking what its topic's rules matched (`<mark>`).

/// A run of the HTML: text between tags, or a tag.
enum Run<'a> {
    Text(&'a str),
    Tag(&'a str),
}

fn runs(html: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < html.len() {
        match html[at..].find('<') {
            Some(0) => {
                let end = html[at..]
                    .find('>')
                    .map(|e| at + e + 1)
                    .unwrap_or(html.len());
                out.push(Run::Tag(&html[at..end]));
                at = end;
            }
            Some(i) => {
                out.push(Run::Text(&html[at..at + i]));
                at += i;
            }
            None => {
                out.push(Run::Text(&html[at..]));
                at = html.len();
            }
        }
    }
    out
}

/// The character an entity at the start of `s` stands for, and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s[..s.len().min(12)].find(';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// A text run decoded, with the place in the run of each decoded byte
/// (and of its end).
fn decode(raw: &str) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(raw.len());
    let mut at = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        let (c, len) = match rest.starts_with('&').then(|| entity(rest)).flatten() {
            Some(e) => e,
            None => {
                let c = rest.chars().next().expect("a character");
                (c, c.len_utf8())
            }
        };
        for _ in 0..c.len_utf8() {
            at.push(i);
        }
        text.push(c);
        i += len;
    }
    at.push(raw.len());
    (text, at)
}

/// `html` with `<mark>` around what `find` finds in its text (the text
/// read as a reader sees it, entities decoded, footnote calls —
/// `<sup>` — left out). A match across tags is marked piece by piece,
/// so the HTML stays well nested.
pub fn mark(html: &str, find: impl Fn(&str) -> Vec<(usize, usize)>) -> String {
    let runs = runs(html);
    // The text, and where each text run's decoded text begins in it.
    let mut text = String::new();
    let mut decoded: Vec<Option<(usize, String, Vec<usize>)>> = Vec::with_capacity(runs.len());
    let mut in_sup = 0usize;
    for r in &runs {
        match r {
            Run::Tag(t) => {
                let lower = t.to_ascii_lowercase();
                if lower.starts_with("<sup") {
                    in_sup += 1;
                } else if lower.starts_with("</sup") {
                    in_sup = in_sup.saturating_sub(1);
                }
                decoded.push(None);
            }
            Run::Text(raw) if in_sup == 0 => {
                let (t, at) = decode(raw);
                decoded.push(Some((text.len(), t.clone(), at)));
                text.push_str(&t);
            }
            Run::Text(_) => decoded.push(None),
        }
    }
    let spans = find(&text);
    if spans.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 16 * spans.len());
    for (r, d) in runs.iter().zip(&decoded) {
        let (raw, Some((start, t, at))) = (
            match r {
                Run::Text(raw) | Run::Tag(raw) => *raw,
            },
            d,
        ) else {
            match r {
                Run::Text(raw) | Run::Tag(raw) => out.push_str(raw),
            }
            continue;
        };
        let end = start + t.len();
        let mut copied = 0;
        for &(a, b) in &spans {
            let (a, b) = (a.max(*start), b.min(end));
            if a >= b {
                continue;
            }
            let (ra, rb) = (at[a - start], at[b - start]);
            out.push_str(&raw[copied..ra]);
            out.push_str("<mark>");
            out.push_str(&raw[ra..rb]);
            out.push_str("</mark>");
            copied = rb;
        }
        out.push_str(&raw[copied..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_word(word: &'static str) -> impl Fn(&str) -> Vec<(usize, usize)> {
        move |t: &str| {
            t.match_indices(word)
                .map(|(i, w)| (i, i + w.len()))
                .collect()
        }
    }

    #[test]
    fn marks_words_in_text_entities_and_across_tags() {
        assert_eq!(
            mark("le trafic illicite", find_word("trafic")),
            "le <mark>trafic</mark> illicite"
        );
        // Inside a link, and across the end of one.
        assert_eq!(
            mark(
                "la <a href=\"x\">traite des</a> personnes",
                find_word("traite des personnes")
            ),
            "la <a href=\"x\"><mark>traite des</mark></a><mark> personnes</mark>"
        );
        // Entities are one character of the text.
        assert_eq!(
            mark("armes &amp; munitions", find_word("& munitions")),
            "armes <mark>&amp; munitions</mark>"
        );
        assert_eq!(
            mark("l&#39;environnement", find_word("'environnement")),
            "l<mark>&#39;environnement</mark>"
        );
        // Footnote calls are not text: a word before one is found whole.
        assert_eq!(
            mark("trafic<sup class=\"fnref\"><a href=\"#fn1\">1</a></sup> de migrants", find_word("trafic de")),
            "<mark>trafic</mark><sup class=\"fnref\"><a href=\"#fn1\">1</a></sup><mark> de</mark> migrants"
        );
        // Nothing found: the HTML as it was.
        assert_eq!(mark("<em>rien</em>", find_word("x")), "<em>rien</em>");
    }
}
