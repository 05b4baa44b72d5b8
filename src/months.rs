//! The months' names in the languages compendium reads (import, citations)
//! and writes (dates as the text writes them).

pub const FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
pub const EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
pub const ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// The month (1 to 12) a lower-case name means, in French, English or
/// Spanish.
pub fn number(name: &str) -> Option<u32> {
    [FR, EN, ES]
        .iter()
        .find_map(|names| names.iter().position(|n| *n == name))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_in_three_languages() {
        assert_eq!(super::number("août"), Some(8));
        assert_eq!(super::number("december"), Some(12));
        assert_eq!(super::number("mayo"), Some(5));
        assert_eq!(super::number("May"), None);
    }
}
