//! A model as a Markdown document of the shape the importer reads. Every
//! text is escaped so that it reads back exactly: Markdown's own characters
//! get a backslash, and what Markdown would drop or reinterpret (spaces at
//! either end, line breaks, tabs) is written as a character reference.

use super::fields::{KEYS, SECTION_WORDS};
use crate::model::MaturityModel;

/// Where a text goes: headings also end at a run of `#`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Heading,
    Text,
}

fn reference(c: char) -> String {
    format!("&#{};", u32::from(c))
}

/// `text` written so that pulldown-cmark reads it back unchanged, as one
/// line (paragraph text, a list item's first line, a field's value or a
/// heading).
fn escape_in(text: &str, place: Place) -> String {
    // Whitespace at either end would be trimmed by Markdown.
    let first_kept = text.find(|c: char| !c.is_whitespace()).unwrap_or(text.len());
    let end_kept =
        text.char_indices().rfind(|(_, c)| !c.is_whitespace()).map_or(0, |(at, c)| at + c.len_utf8());
    let mut out = String::with_capacity(text.len() + 8);
    // A word that would make a heading a section, or a line a field, loses
    // its meaning through a reference for its first letter or an escaped
    // colon.
    let lower = text.to_lowercase();
    let section_word = place == Place::Heading && SECTION_WORDS.iter().any(|word| lower.starts_with(word));
    let key_colon = KEYS
        .iter()
        .find(|(key, _)| {
            text.len() > key.len()
                && text.as_bytes()[..key.len()].eq_ignore_ascii_case(key.as_bytes())
                && text.as_bytes()[key.len()] == b':'
        })
        .map(|(key, _)| key.len());
    // Digits then "." or ")" at the start make an ordered list.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (at, c) in text.char_indices() {
        let at_start = at == 0;
        if at < first_kept || at >= end_kept || matches!(c, '\n' | '\r' | '\t') || (at_start && section_word)
        {
            out.push_str(&reference(c));
        } else if Some(at) == key_colon
            || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '~')
            || (c == '#' && (at_start || place == Place::Heading))
            || (at_start && matches!(c, '>' | '-' | '+' | '=' | '|'))
            || (digits > 0 && at == digits && matches!(c, '.' | ')'))
        {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

fn escape(text: &str) -> String {
    escape_in(text, Place::Text)
}

/// Paragraphs of a text that may hold blank lines. Each piece between
/// blank lines is a paragraph, unless one would be empty: then the whole
/// text is one paragraph with its line breaks written as references.
fn paragraphs(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let pieces: Vec<&str> = text.split("\n\n").collect();
    if pieces.iter().all(|piece| !piece.is_empty()) {
        pieces.into_iter().map(escape).collect()
    } else {
        vec![escape(text)]
    }
}

/// Ends what is written so far with one blank line, so blocks stay apart
/// however the previous one ended.
fn blank_line(out: &mut String) {
    let kept = out.trim_end_matches('\n').len();
    out.truncate(kept);
    out.push_str("\n\n");
}

fn field(out: &mut String, indent: &str, key: &str, value: &str) {
    out.push_str(indent);
    out.push_str(key);
    out.push(':');
    if !value.is_empty() {
        out.push(' ');
        out.push_str(&escape(value));
    }
    out.push('\n');
}

/// The model as Markdown: title, fields, summary, source, dimensions, then
/// one section per level with its indicators and next steps.
pub fn model_to_markdown(model: &MaturityModel) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", escape_in(&model.title, Place::Heading)));
    field(&mut out, "", "Id", &model.id);
    field(&mut out, "", "Version", &model.version.to_string());
    out.push('\n');
    for paragraph in paragraphs(&model.summary) {
        out.push_str(&paragraph);
        out.push_str("\n\n");
    }
    let source = &model.source;
    field(&mut out, "", "Source", &source.title);
    if let Some(author) = &source.author {
        field(&mut out, "", "Author", author);
    }
    if let Some(url) = &source.url {
        field(&mut out, "", "URL", url);
    }
    if let Some(year) = source.year {
        field(&mut out, "", "Year", &year.to_string());
    }
    if let Some(note) = &source.note {
        field(&mut out, "", "Note", note);
    }
    if !model.dimensions.is_empty() {
        blank_line(&mut out);
        out.push_str("## Dimensions\n\n");
        for dimension in &model.dimensions {
            out.push_str(&format!("- {}\n", escape(&dimension.name)));
            field(&mut out, "  ", "Id", &dimension.id);
            if !dimension.description.is_empty() {
                field(&mut out, "  ", "Description", &dimension.description);
            }
            out.push('\n');
        }
    }
    for level in &model.levels {
        blank_line(&mut out);
        out.push_str(&format!("## {}\n\n", escape_in(&level.name, Place::Heading)));
        field(&mut out, "", "Id", &level.id);
        field(&mut out, "", "Summary", &level.summary);
        for paragraph in paragraphs(&level.description) {
            blank_line(&mut out);
            out.push_str(&paragraph);
        }
        if !level.indicators.is_empty() {
            blank_line(&mut out);
            out.push_str("### Indicators\n\n");
        }
        for indicator in &level.indicators {
            out.push_str(&format!("- {}\n", escape(&indicator.statement)));
            field(&mut out, "  ", "Id", &indicator.id);
            for (key, value) in [
                ("Dimension", &indicator.dimension),
                ("Guidance", &indicator.guidance),
                ("Source", &indicator.source),
            ] {
                if let Some(value) = value {
                    field(&mut out, "  ", key, value);
                }
            }
            out.push('\n');
        }
        if !level.next_steps.is_empty() {
            blank_line(&mut out);
            out.push_str("### Next steps\n\n");
            for step in &level.next_steps {
                out.push_str(&format!("- {}\n", escape(step)));
            }
        }
    }
    // One newline at the end, as editors write files.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_characters_are_escaped_only_where_they_mean_something() {
        assert_eq!(escape("Deploy on Fridays."), "Deploy on Fridays.");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("a # b"), "a # b");
        assert_eq!(escape_in("a # b", Place::Heading), "a \\# b");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("12. Twelve"), "12\\. Twelve");
        assert_eq!(escape("12 monkeys. 3) three"), "12 monkeys. 3) three");
        assert_eq!(escape("*a* _b_ `c` [d] <e> &f \\"), "\\*a\\* \\_b\\_ \\`c\\` \\[d\\] \\<e> \\&f \\\\");
        assert_eq!(escape("  two  "), "&#32;&#32;two&#32;&#32;");
        assert_eq!(escape("a\nb\tc"), "a&#10;b&#9;c");
        assert_eq!(escape("Guidance: not a field"), "Guidance\\: not a field");
        assert_eq!(escape_in("Indicators of trust", Place::Heading), "&#73;ndicators of trust");
    }
}
