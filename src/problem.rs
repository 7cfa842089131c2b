//! Problems found in a file, each pinned to a line and column so that a
//! facilitator (or a model author) can go straight to it.

use std::fmt;

/// One problem in one file, printed as `FILE:LINE:COLUMN: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// Every problem found in a file; loading reports them all at once rather
/// than one per attempt.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl Problems {
    pub fn single(problem: Problem) -> Self {
        Self(vec![problem])
    }
}

/// Line and column (both 1-based, column in characters) of a byte offset.
pub fn position_of_offset(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = 1 + before[line_start..].chars().count();
    (line, column)
}

/// Line starts of a text, to position many offsets without counting lines
/// from the start for each.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        Self { text, starts }
    }

    /// Line and column (both 1-based, column in characters) of a byte
    /// offset, as [`position_of_offset`] gives them.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        (line.max(1), 1 + self.text[start..offset].chars().count())
    }
}

/// The UTF-8 byte-order mark some Windows editors put at the start of a file.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// Decodes a file's bytes, refusing oversized and non-UTF-8 input with a
/// positioned problem. A leading byte-order mark is dropped: editors do not
/// show it, so lines and columns are counted without it.
pub fn decode_text<'a>(file: &str, bytes: &'a [u8], max_bytes: usize) -> Result<&'a str, Problem> {
    if bytes.len() > max_bytes {
        return Err(Problem {
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: format!(
                "file is {} bytes; the limit is {} bytes ({} MiB)",
                bytes.len(),
                max_bytes,
                max_bytes / (1024 * 1024)
            ),
        });
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = error.valid_up_to();
        // The valid prefix is text, so its line and column are meaningful.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let (line, column) = position_of_offset(prefix, valid);
        Problem {
            file: file.to_owned(),
            line,
            column,
            message: format!("file is not valid UTF-8 (byte 0x{:02x})", bytes[valid]),
        }
    })
}

/// Turns a RON parse error into a problem, with a message a person can act on.
pub fn ron_problem(file: &str, error: &ron::error::SpannedError) -> Problem {
    Problem {
        file: file.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let text = "ab\nçd\nef";
        assert_eq!(position_of_offset(text, 0), (1, 1));
        assert_eq!(position_of_offset(text, 3), (2, 1));
        // 'ç' is two bytes but one column.
        assert_eq!(position_of_offset(text, 5), (2, 2));
        assert_eq!(position_of_offset(text, 100), (3, 3));
    }

    #[test]
    fn a_line_index_agrees_with_counting() {
        let text = "ab\nçd\n\nef\n";
        let index = LineIndex::new(text);
        for offset in 0..text.len() + 3 {
            assert_eq!(index.position(offset), position_of_offset(text, offset), "{offset}");
        }
    }

    #[test]
    fn invalid_utf8_is_positioned_after_the_valid_prefix() {
        let problem = decode_text("f.ron", b"(\n  id: \xff", 100).unwrap_err();
        assert_eq!(problem.to_string(), "f.ron:2:7: file is not valid UTF-8 (byte 0xff)");
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_not_counted() {
        assert_eq!(decode_text("f", b"\xef\xbb\xbf(id: 1)", 100).unwrap(), "(id: 1)");
        let problem = decode_text("f", b"\xef\xbb\xbfab\xff", 100).unwrap_err();
        assert_eq!((problem.line, problem.column), (1, 3));
    }

    #[test]
    fn oversized_input_is_refused() {
        let problem = decode_text("f.ron", &[b' '; 11], 10).unwrap_err();
        assert_eq!((problem.line, problem.column), (1, 1));
        assert!(problem.message.contains("11 bytes"));
    }
}
