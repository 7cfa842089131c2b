//! Field lines (`Id: manual-copy`) and section headings ("Indicators"):
//! the words the importer gives a meaning to. A word counts only when it is
//! typed as it is; an escaped colon or a character reference keeps it text,
//! which is how the exporter writes texts that start with one.

use super::blocks::Line;

/// A field a line can set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Id,
    Version,
    Source,
    Author,
    Url,
    Year,
    Note,
    Summary,
    Dimension,
    Guidance,
    Description,
}

/// Every key as written, with what it sets. Matched without regard to case.
pub const KEYS: &[(&str, Key)] = &[
    ("id", Key::Id),
    ("version", Key::Version),
    ("source", Key::Source),
    ("author", Key::Author),
    ("url", Key::Url),
    ("year", Key::Year),
    ("note", Key::Note),
    ("summary", Key::Summary),
    ("dimension", Key::Dimension),
    ("guidance", Key::Guidance),
    ("description", Key::Description),
];

impl Key {
    pub fn name(self) -> &'static str {
        match self {
            Key::Id => "Id",
            Key::Version => "Version",
            Key::Source => "Source",
            Key::Author => "Author",
            Key::Url => "URL",
            Key::Year => "Year",
            Key::Note => "Note",
            Key::Summary => "Summary",
            Key::Dimension => "Dimension",
            Key::Guidance => "Guidance",
            Key::Description => "Description",
        }
    }
}

/// What a section heading holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Indicators,
    NextSteps,
    Dimensions,
}

/// How section headings start (in lowercase), and the section they open.
pub const SECTIONS: &[(&str, Section)] = &[
    ("indicator", Section::Indicators),
    ("indication", Section::Indicators),
    ("next step", Section::NextSteps),
    ("working toward", Section::NextSteps),
    ("dimension", Section::Dimensions),
];

/// The starts of section headings, for the exporter to steer clear of.
pub const SECTION_WORDS: &[&str] = &["indicat", "next step", "working toward", "dimension"];

/// The section a heading opens, read from its source text.
pub fn section_of(raw_heading: &str) -> Option<Section> {
    let text = raw_heading.trim_start_matches('#').trim_start().to_lowercase();
    SECTIONS.iter().find(|(start, _)| text.starts_with(start)).map(|(_, section)| *section)
}

/// One field read from a line, and the lines that continue it.
#[derive(Clone, Debug)]
pub struct Field {
    pub key: Key,
    pub value: String,
    /// Where the line starts.
    pub at: usize,
}

/// The key a line starts with, as typed in the source.
fn key_of(line: &Line, source: &str) -> Option<(Key, usize)> {
    let raw = source.as_bytes().get(line.at..)?;
    let text = line.text();
    KEYS.iter().find_map(|(name, key)| {
        let len = name.len();
        let typed = raw.len() > len && raw[..len].eq_ignore_ascii_case(name.as_bytes()) && raw[len] == b':';
        let read = text.len() > len
            && text.as_bytes()[..len].eq_ignore_ascii_case(name.as_bytes())
            && text.as_bytes()[len] == b':';
        (typed && read).then_some((*key, len + 1))
    })
}

/// A line's text after its key: spaces typed after the colon are layout,
/// a space written as a reference is text.
fn value_after(line: &Line, skip: usize) -> String {
    let mut skip = skip;
    let mut stripping = true;
    let mut value = String::new();
    for piece in &line.pieces {
        let mut text = piece.text.as_str();
        if skip > 0 {
            let cut = skip.min(text.len());
            text = text.get(cut..).unwrap_or_default();
            skip -= cut;
        }
        if stripping {
            if piece.literal {
                text = text.trim_start();
                if text.is_empty() {
                    continue;
                }
            }
            stripping = false;
        }
        value.push_str(text);
    }
    value
}

/// Splits lines into the text before the first field line and the fields.
/// A line that is not a field continues the field above it.
pub fn split_fields<'l>(lines: &'l [Line], source: &str) -> (&'l [Line], Vec<Field>) {
    let first = lines.iter().position(|line| key_of(line, source).is_some()).unwrap_or(lines.len());
    let mut fields: Vec<Field> = Vec::new();
    for line in &lines[first..] {
        match (key_of(line, source), fields.last_mut()) {
            (Some((key, skip)), _) => fields.push(Field { key, value: value_after(line, skip), at: line.at }),
            (None, Some(field)) => {
                field.value.push(if line.hard { '\n' } else { ' ' });
                field.value.push_str(&line.text());
            }
            (None, None) => {}
        }
    }
    (&lines[..first], fields)
}
