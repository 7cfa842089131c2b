//! Finds where a value sits in RON text. serde hands us values without
//! positions, so problems found after parsing (a duplicate id, an unknown
//! dimension) are pinned back to the text by walking it along the value's
//! path. The walker only needs to skip values correctly, not understand them.

/// One step of a path into a RON document: a struct field, a list element
/// or a map entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step<'a> {
    Field(&'a str),
    Index(usize),
    /// The entry of a map (`{ "key": value }`) whose key is this string: as
    /// the last step, the key itself; otherwise steps go on into its value.
    Key(&'a str),
}

/// Byte offset of the value at `path`, or `None` if the text does not have it.
pub fn locate(text: &str, path: &[Step<'_>]) -> Option<usize> {
    let mut cursor = Cursor { text, at: 0 };
    cursor.skip_trivia();
    cursor.skip_attributes();
    cursor.find(path)
}

/// Byte offset of the value at `path`, or of its nearest ancestor the text
/// has (a value a migration or a default filled in has no place of its
/// own); the start of the document when nothing on the path is there.
pub fn locate_nearest(text: &str, path: &[Step<'_>]) -> usize {
    (0..=path.len()).rev().find_map(|len| locate(text, &path[..len])).unwrap_or(0)
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, expected: char) -> bool {
        if self.peek() == Some(expected) {
            self.at += expected.len_utf8();
            true
        } else {
            false
        }
    }

    /// Whitespace and comments (`//` and nested `/* */`).
    fn skip_trivia(&mut self) {
        loop {
            let rest = self.rest();
            if rest.starts_with("//") {
                self.at += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                let mut depth = 0usize;
                while !self.rest().is_empty() {
                    if self.rest().starts_with("/*") {
                        depth += 1;
                        self.at += 2;
                    } else if self.rest().starts_with("*/") {
                        depth -= 1;
                        self.at += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        self.bump();
                    }
                }
            } else if self.peek().is_some_and(char::is_whitespace) {
                self.bump();
            } else {
                return;
            }
        }
    }

    /// `#![enable(...)]` lines at the top of a file.
    fn skip_attributes(&mut self) {
        while self.rest().starts_with("#!") {
            let depth_end = self.rest().find(']').map_or(self.text.len(), |i| self.at + i + 1);
            self.at = depth_end;
            self.skip_trivia();
        }
    }

    fn identifier(&mut self) -> Option<&str> {
        let start = self.at;
        if self.rest().starts_with("r#") {
            self.at += 2;
        }
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        (self.at > start).then(|| &self.text[start..self.at])
    }

    fn find(&mut self, path: &[Step<'_>]) -> Option<usize> {
        self.skip_trivia();
        let Some((step, rest)) = path.split_first() else {
            return Some(self.at);
        };
        match *step {
            Step::Field(name) => {
                // An optional struct name before the parenthesis.
                if self.peek().is_some_and(|c| c.is_alphabetic()) {
                    self.identifier()?;
                    self.skip_trivia();
                }
                if !self.eat('(') {
                    return None;
                }
                loop {
                    self.skip_trivia();
                    if self.eat(')') {
                        return None;
                    }
                    let field = self.identifier()?.trim_start_matches("r#").to_owned();
                    self.skip_trivia();
                    if !self.eat(':') {
                        return None;
                    }
                    if field == name {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.skip_trivia();
                    self.eat(',');
                }
            }
            Step::Index(wanted) => {
                if !self.eat('[') {
                    return None;
                }
                for index in 0.. {
                    self.skip_trivia();
                    if self.eat(']') {
                        return None;
                    }
                    if index == wanted {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.skip_trivia();
                    self.eat(',');
                }
                None
            }
            Step::Key(wanted) => {
                if !self.eat('{') {
                    return None;
                }
                loop {
                    self.skip_trivia();
                    if self.eat('}') {
                        return None;
                    }
                    let key_at = self.at;
                    let key = self.string_value();
                    if key.is_none() {
                        self.at = key_at;
                        self.skip_value()?;
                    }
                    self.skip_trivia();
                    if !self.eat(':') {
                        return None;
                    }
                    if key.as_deref() == Some(wanted) {
                        if rest.is_empty() {
                            return Some(key_at);
                        }
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.skip_trivia();
                    self.eat(',');
                }
            }
        }
    }

    /// Reads a quoted or raw string and returns its value; `None` (having
    /// moved anywhere) when the text here is not a string.
    fn string_value(&mut self) -> Option<String> {
        if self.rest().starts_with('r') {
            let start = self.at;
            self.skip_raw_string()?;
            let raw = &self.text[start + 1..self.at];
            let hashes = raw.len() - raw.trim_start_matches('#').len();
            return raw.get(hashes + 1..raw.len() - hashes - 1).map(str::to_owned);
        }
        if !self.eat('"') {
            return None;
        }
        let mut value = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(value),
                '\\' => match self.bump()? {
                    'n' => value.push('\n'),
                    'r' => value.push('\r'),
                    't' => value.push('\t'),
                    '0' => value.push('\0'),
                    'u' => {
                        let rest = self.rest();
                        let close = rest.find('}')?;
                        let code = u32::from_str_radix(rest.get(1..close)?, 16).ok()?;
                        self.at += close + 1;
                        value.push(char::from_u32(code)?);
                    }
                    'x' => {
                        let code = u8::from_str_radix(self.rest().get(..2)?, 16).ok()?;
                        self.at += 2;
                        value.push(char::from(code));
                    }
                    other => value.push(other),
                },
                c => value.push(c),
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_trivia();
        match self.peek()? {
            '"' => self.skip_string(),
            '\'' => self.skip_char(),
            '(' | '[' | '{' => self.skip_group(),
            'r' if self.rest().starts_with("r\"")
                || self.rest().starts_with("r#\"")
                || self.rest().starts_with("r##") =>
            {
                self.skip_raw_string()
            }
            'b' if self.rest().starts_with("b\"") => {
                self.bump();
                self.skip_string()
            }
            c if c.is_alphabetic() || c == '_' => {
                self.identifier()?;
                self.skip_trivia();
                if self.peek() == Some('(') {
                    self.skip_group()?;
                }
                Some(())
            }
            _ => {
                // Numbers and anything else atomic.
                let start = self.at;
                while self.peek().is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '+' | '-' | '_')) {
                    self.bump();
                }
                (self.at > start).then_some(())
            }
        }
    }

    fn skip_string(&mut self) -> Option<()> {
        self.bump();
        loop {
            match self.bump()? {
                '\\' => {
                    self.bump()?;
                }
                '"' => return Some(()),
                _ => {}
            }
        }
    }

    fn skip_char(&mut self) -> Option<()> {
        self.bump();
        if self.bump()? == '\\' {
            self.bump()?;
        }
        while self.bump()? != '\'' {}
        Some(())
    }

    fn skip_raw_string(&mut self) -> Option<()> {
        self.bump(); // r
        let mut hashes = 0;
        while self.eat('#') {
            hashes += 1;
        }
        if !self.eat('"') {
            return None;
        }
        let closing = format!("\"{}", "#".repeat(hashes));
        let end = self.rest().find(&closing)?;
        self.at += end + closing.len();
        Some(())
    }

    /// A bracketed group, skipping nested groups, strings and comments.
    fn skip_group(&mut self) -> Option<()> {
        let close = match self.bump()? {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        loop {
            self.skip_trivia();
            if self.eat(close) {
                return Some(());
            }
            match self.peek()? {
                ',' | ':' => {
                    self.bump();
                }
                _ => self.skip_value()?,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Field, Index, Key};

    const TEXT: &str = r##"#![enable(implicit_some)]
// comment with ( and "
(
    id: "m",
    notes: r#"raw ) ] string"#,
    tags: ['a', '\'', ')'],
    nested: Some(( deep: [1, 2.5, -3] )),
    /* block /* nested */ comment */
    levels: [
        (id: "a", indicators: []),
        Level(id: "b", indicators: [(id: "x", statement: "say \"hi\"")]),
    ],
)
"##;

    fn at(path: &[Step<'_>]) -> Option<&'static str> {
        locate(TEXT, path).map(|offset| &TEXT[offset..offset + 3])
    }

    #[test]
    fn finds_fields_and_elements_past_tricky_values() {
        assert_eq!(at(&[Field("id")]), Some("\"m\""));
        assert_eq!(at(&[Field("levels"), Index(0), Field("id")]), Some("\"a\""));
        assert_eq!(at(&[Field("levels"), Index(1), Field("id")]), Some("\"b\""));
        assert_eq!(
            at(&[Field("levels"), Index(1), Field("indicators"), Index(0), Field("statement")]),
            Some("\"sa")
        );
    }

    #[test]
    fn finds_map_entries_by_their_key() {
        let text = "(answers: { \"a\": Yes, \"b \\\"q\\\" \\u{e9}\": No, r#\"raw\"#: (x: 1) })";
        let key = |k| locate(text, &[Field("answers"), Key(k)]).map(|at| &text[at..at + 2]);
        assert_eq!(key("a"), Some("\"a"));
        assert_eq!(key("b \"q\" é"), Some("\"b"));
        assert_eq!(key("raw"), Some("r#"));
        assert_eq!(key("c"), None);
        let inside = locate(text, &[Field("answers"), Key("raw"), Field("x")]).unwrap();
        assert_eq!(&text[inside..inside + 1], "1");
    }

    #[test]
    fn the_nearest_ancestor_stands_in_for_a_missing_value() {
        let text = "(\n  details: (team: \"t\"),\n)";
        assert_eq!(locate_nearest(text, &[Field("details"), Field("date")]), text.find("(team").unwrap());
        assert_eq!(locate_nearest(text, &[Field("nope"), Index(3)]), 0);
    }

    #[test]
    fn missing_paths_are_none() {
        assert_eq!(at(&[Field("levels"), Index(2)]), None);
        assert_eq!(at(&[Field("nope")]), None);
        assert_eq!(locate("(", &[Field("id")]), None);
        assert_eq!(locate("", &[Field("id")]), None);
    }
}
