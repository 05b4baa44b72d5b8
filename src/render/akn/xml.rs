//! XML text, attribute values, ids and URIs from arbitrary content.
//!
//! XML 1.0 cannot carry C0 controls other than tab, LF and CR, nor U+FFFE
//! and U+FFFF, even as character references: they are dropped. Everything
//! else that reaches the document passes through [`esc`].

use std::fmt::Write;

/// Bytes [`esc`] must look at: markup characters, the C0 controls XML
/// forbids, and 0xEF, the lead byte of U+FFFE and U+FFFF.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = !matches!(i, 0x09 | 0x0a | 0x0d);
        i += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[0xef] = true;
    t
};

/// `s` as XML text or a double-quoted attribute value.
pub fn esc(s: &str) -> String {
    let b = s.as_bytes();
    let Some(first) = b.iter().position(|&c| SPECIAL[c as usize]) else {
        return s.to_string(); // most text: one copy
    };
    let mut out = String::with_capacity(s.len() + 16);
    let mut from = 0;
    let mut i = first;
    while i < b.len() {
        let c = b[i];
        if !SPECIAL[c as usize] {
            i += 1;
            continue;
        }
        // `i` is at an ASCII byte or a lead byte: a char boundary.
        let (with, len) = match c {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            0xef if b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf)) => {
                ("", 3)
            }
            0xef => {
                i += 1; // another character of U+F000..U+FFFD: kept
                continue;
            }
            _ => ("", 1), // a forbidden control
        };
        out.push_str(&s[from..i]);
        out.push_str(with);
        i += len;
        from = i;
    }
    out.push_str(&s[from..]);
    out
}

/// A piece of an `eId` (type noWhiteSpace): ASCII letters, digits and `-`
/// kept, anything else `-`; never empty.
pub fn id_part(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    if out.is_empty() {
        "0".to_string()
    } else {
        out
    }
}

/// A piece of an AKN IRI (`77/215` -> `77-215`): the naming convention
/// keeps `/` as the separator of the IRI's own parts, so it cannot appear
/// inside one; spaces become `_` and other punctuation goes.
pub fn iri_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        match c {
            '/' => out.push('-'),
            c if c.is_whitespace() && out.ends_with('_') => {}
            c if c.is_whitespace() => out.push('_'),
            c if c.is_alphanumeric() || matches!(c, '-' | '.' | '_') => out.push(c),
            _ => {}
        }
    }
    if out.is_empty() {
        "0".to_string()
    } else {
        out
    }
}

/// `s` made an `xsd:anyURI` libxml2 accepts: bytes outside the URI
/// characters percent-encoded (a `%` only when not already an escape), and
/// a `:` in a first segment that is not a scheme encoded too.
pub fn uri(s: &str) -> String {
    let b = s.as_bytes();
    let scheme_end = b
        .iter()
        .position(|&c| matches!(c, b':' | b'/' | b'?' | b'#'));
    let has_scheme = scheme_end.is_some_and(|e| {
        b[e] == b':'
            && e > 0
            && b[0].is_ascii_alphabetic()
            && b[..e]
                .iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
    });
    let first_segment_end = b
        .iter()
        .position(|&c| matches!(c, b'/' | b'?' | b'#'))
        .unwrap_or(b.len());
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        let keep = c.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=/?#@".contains(&c)
            || (c == b':' && (has_scheme || i >= first_segment_end))
            || (c == b'%'
                && b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit));
        if keep {
            out.push(c as char);
        } else {
            let _ = write!(out, "%{c:02X}");
        }
    }
    out
}

/// `s` if it is a valid `xsd:date` (`YYYY-MM-DD`, a day of that month,
/// year 1 or later): the content only checks the shape.
pub fn xsd_date(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| s[r].parse().ok())
            .flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1 && (1..=days).contains(&d)).then_some(s)
}
