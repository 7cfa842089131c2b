//! Characters a model may not contain. Control characters (other than tab
//! and line breaks) and bidirectional overrides are invisible: they hide or
//! reorder text on the wall and in the PDF, so that what a team reads is not
//! what the file says. They are refused wherever a model comes from.

use crate::problem::{Problem, position_of_offset};

/// Reports at most this many characters of one file; a binary file would
/// otherwise print a line per byte.
const MAX_REPORTED: usize = 10;

/// The name of a bidirectional formatting character, if `c` is one.
fn bidi_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// Why `c` may not appear in a model's text, or `None` when it may.
pub fn refusal(c: char) -> Option<String> {
    if let Some(name) = bidi_name(c) {
        return Some(format!(
            "the bidirectional control character U+{:04X} ({name}) is not allowed: it reorders text on the wall and in the PDF",
            u32::from(c)
        ));
    }
    (c.is_control() && c != '\t' && c != '\n').then(|| {
        format!(
            "the control character U+{:04X} is not allowed: only tabs and line breaks may appear in a model",
            u32::from(c)
        )
    })
}

/// The first refused character of a value: its index in characters and why.
/// A carriage return before a line feed is a line break written on Windows
/// (a string over several lines of a CRLF file), not a control character.
pub fn first_refused(value: &str) -> Option<(usize, String)> {
    let mut chars = value.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        if c == '\r' && chars.peek().is_some_and(|(_, next)| *next == '\n') {
            continue;
        }
        if let Some(why) = refusal(c) {
            return Some((index, why));
        }
    }
    None
}

/// Every refused character in a file's text, at its line and column. A
/// carriage return that ends a line (CRLF) is a line break, not a control
/// character.
pub fn scan(file: &str, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut found = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c == '\r' && chars.peek().is_some_and(|(_, next)| *next == '\n') {
            continue;
        }
        let Some(why) = refusal(c) else { continue };
        found += 1;
        if found <= MAX_REPORTED {
            let (line, column) = position_of_offset(text, offset);
            problems.push(Problem { file: file.to_owned(), line, column, message: why });
        }
    }
    if found > MAX_REPORTED
        && let Some(last) = problems.last_mut()
    {
        last.message.push_str(&format!(" ({} more such characters after this one)", found - MAX_REPORTED));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_and_line_breaks_pass_controls_and_overrides_do_not() {
        assert_eq!(scan("f", "a\tb\nc\r\nd"), []);
        let problems = scan("f", "ab\n c\u{7}\r\u{202E}x");
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "f:2:3: the control character U+0007 is not allowed: only tabs and line breaks may appear in a model",
                "f:2:4: the control character U+000D is not allowed: only tabs and line breaks may appear in a model",
                "f:2:5: the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed: it reorders text on the wall and in the PDF",
            ]
        );
    }

    #[test]
    fn a_text_over_crlf_lines_passes() {
        assert_eq!(first_refused("one\r\ntwo"), None);
        assert_eq!(first_refused("one\rtwo").map(|(at, _)| at), Some(3));
        assert_eq!(first_refused("ok \u{2066}").map(|(at, _)| at), Some(3));
    }

    #[test]
    fn every_listed_bidi_character_is_refused() {
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            assert!(refusal(c).is_some(), "{c:?}");
        }
        // Marks that do not override (LRM, RLM) and ordinary text pass.
        for c in ['\u{200E}', '\u{200F}', 'é', 'ش', ' '] {
            assert!(refusal(c).is_none(), "{c:?}");
        }
    }

    #[test]
    fn a_binary_file_reports_a_bounded_number_of_characters() {
        let text = "\u{1}".repeat(50);
        let problems = scan("f", &text);
        assert_eq!(problems.len(), MAX_REPORTED);
        assert!(problems[MAX_REPORTED - 1].message.ends_with("(40 more such characters after this one)"));
    }
}
