//! Right-to-left text in reading order (UAX #9, unicode-bidi), for the
//! views that draw a line of text as given: the app's labels, and the
//! PDF's choice of a paragraph's alignment.
//!
//! egui shapes each stretch of one font with harfrust, which turns a run of
//! Arabic or Hebrew letters around itself (and joins Arabic letters), but it
//! places the stretches left to right in typing order and has no notion of
//! a paragraph's direction. [`Bidi::visual_line`] gives a wrapped line as pieces
//! in the order they are to be drawn from the left: the bidi algorithm's
//! runs in visual order, where each word of right-to-left letters stays in
//! typing order (the shaper turns it, and needs it so to join its letters)
//! and the spaces and punctuation between such words are turned one by one.
//! Numbers inside right-to-left text stay left to right, as the algorithm
//! says. [`wrap_lines`] finds where the lines of such text break, with a
//! width given by the caller. Nothing here knows egui: it deals in byte
//! ranges of the text.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation;

/// Whether any character of `text` is written right to left (Hebrew,
/// Arabic, Syriac, Thaana, N'Ko…) or asks for it (RLE, RLO, RLI). Text
/// without one needs no reordering at all: the quick test that keeps the
/// usual, left-to-right case free.
pub fn has_rtl(text: &str) -> bool {
    // Every right-to-left letter is at U+0590 or above.
    text.chars().any(|c| c >= '\u{0590}' && is_rtl_class(c))
}

fn is_rtl_class(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI)
}

/// Whether a paragraph reads right to left: its first letter with a
/// direction is Arabic, Hebrew or another right-to-left script (UAX #9, P2).
/// This decides its alignment (right) and the order of its runs.
pub fn is_rtl(paragraph: &str) -> bool {
    has_rtl(paragraph) && BidiInfo::new(paragraph, None).paragraphs.first().is_some_and(|p| p.level.is_rtl())
}

/// A piece of a line, as drawn: a byte range of the text, and whether it
/// lies in a right-to-left run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub range: Range<usize>,
    /// In a right-to-left run: either a word of right-to-left letters in
    /// typing order (the shaper turns it), or one neutral grapheme (a space,
    /// a bracket), which reads mirrored ([`mirror`]).
    pub rtl: bool,
}

/// Paragraphs of a text with their bidi levels, worked out once; then each
/// wrapped line in visual order.
pub struct Bidi<'t> {
    info: BidiInfo<'t>,
}

impl<'t> Bidi<'t> {
    /// `text` may hold several paragraphs (split at line breaks); each takes
    /// its direction from its first letter with one.
    pub fn new(text: &'t str) -> Self {
        Self { info: BidiInfo::new(text, None) }
    }

    /// Whether the paragraph holding byte `at` reads right to left.
    pub fn is_rtl_at(&self, at: usize) -> bool {
        self.paragraph_at(at).is_some_and(|p| p.level.is_rtl())
    }

    fn paragraph_at(&self, at: usize) -> Option<&unicode_bidi::ParagraphInfo> {
        self.info.paragraphs.iter().find(|p| p.range.contains(&at)).or(self.info.paragraphs.last())
    }

    /// The line `line` (a byte range of the text, without its line break)
    /// as pieces in the order they are drawn from the left. The pieces
    /// cover the line exactly once. A line is normally within one
    /// paragraph; one that holds a paragraph separator other than a line
    /// break (U+2029, NEL) is drawn paragraph after paragraph.
    pub fn visual_line(&self, line: Range<usize>) -> Vec<Piece> {
        let text = self.info.text;
        let mut pieces = Vec::new();
        let mut at = line.start;
        while at < line.end {
            let Some(paragraph) = self.paragraph_at(at) else { break };
            let end = line.end.min(paragraph.range.end.max(at + 1));
            if paragraph.range.start > at || end <= at {
                // Outside every paragraph (cannot happen for a line of the
                // text): drawn as it is, so that nothing is lost.
                pieces.push(Piece { range: at..line.end, rtl: false });
                return pieces;
            }
            let (levels, runs) = self.info.visual_runs(paragraph, at..end);
            for run in runs {
                if levels.get(run.start).is_some_and(|level| level.is_rtl()) {
                    pieces.extend(rtl_run(text, run).into_iter().rev());
                } else {
                    pieces.push(Piece { range: run, rtl: false });
                }
            }
            at = end;
        }
        pieces
    }
}

/// A right-to-left run in typing order, cut into words of right-to-left
/// letters (with their marks and joiners) and single other graphemes.
fn rtl_run(text: &str, run: Range<usize>) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut word_open = false;
    for (offset, grapheme) in text[run.clone()].grapheme_indices(true) {
        let start = run.start + offset;
        let end = start + grapheme.len();
        let letter = grapheme.chars().next().is_some_and(is_rtl_class);
        match pieces.last_mut() {
            Some(last) if letter && word_open => last.range.end = end,
            _ => pieces.push(Piece { range: start..end, rtl: true }),
        }
        word_open = letter;
    }
    pieces
}

/// The lines of `text` when wrapped at `width`: its paragraphs (split at
/// line breaks, which no line holds), each broken greedily after spaces,
/// a word wider than a line broken between its graphemes. `measure` gives
/// the width of a piece of the text (a byte range) as typed (a word is shaped as a whole, so
/// Arabic letters are measured joined). A line keeps the spaces it ends
/// with, as egui's own wrapping does.
///
/// egui's own wrapping cannot tell where its lines break in right-to-left
/// text: its rows hold extra zero-width glyphs there (0.37), so counting
/// them does not give characters.
pub fn wrap_lines(text: &str, width: f32, mut measure: impl FnMut(Range<usize>) -> f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for paragraph in text.split('\n') {
        let end = start + paragraph.len();
        if width.is_finite() {
            wrap_paragraph(text, start..end, width, &mut measure, &mut lines);
        } else {
            lines.push(start..end);
        }
        start = end + 1;
    }
    lines
}

fn wrap_paragraph(
    text: &str,
    paragraph: Range<usize>,
    width: f32,
    measure: &mut impl FnMut(Range<usize>) -> f32,
    lines: &mut Vec<Range<usize>>,
) {
    let mut line_start = paragraph.start;
    let mut line_width = 0.0;
    for (word, spaces) in words(text, paragraph.clone()) {
        let word_width = measure(word.clone());
        if line_width + word_width > width && word.start > line_start {
            lines.push(line_start..word.start);
            line_start = word.start;
            line_width = 0.0;
        }
        if word_width > width {
            // Too wide for any line: break it where it overflows.
            for (offset, grapheme) in text[word.clone()].grapheme_indices(true) {
                let at = word.start + offset;
                let grapheme_width = measure(at..at + grapheme.len());
                if line_width + grapheme_width > width && at > line_start {
                    lines.push(line_start..at);
                    line_start = at;
                    line_width = 0.0;
                }
                line_width += grapheme_width;
            }
        } else {
            line_width += word_width;
        }
        if !spaces.is_empty() {
            line_width += measure(spaces);
        }
    }
    lines.push(line_start..paragraph.end);
}

/// The words of a paragraph, each with the spaces after it.
fn words(text: &str, paragraph: Range<usize>) -> Vec<(Range<usize>, Range<usize>)> {
    let mut words = Vec::new();
    let mut at = paragraph.start;
    let rest = &text[paragraph.clone()];
    let mut chars = rest.char_indices().peekable();
    while chars.peek().is_some() {
        let word_start = at;
        while let Some(&(offset, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            at = paragraph.start + offset + c.len_utf8();
            chars.next();
        }
        let spaces_start = at;
        while let Some(&(offset, c)) = chars.peek() {
            if !c.is_whitespace() {
                break;
            }
            at = paragraph.start + offset + c.len_utf8();
            chars.next();
        }
        words.push((word_start..spaces_start, spaces_start..at));
    }
    words
}

/// The character a neutral one reads as in a right-to-left run (UAX #9,
/// L4): an opening bracket closes, and so on. The common pairs only.
pub fn mirror(c: char) -> Option<char> {
    const PAIRS: [(char, char); 8] =
        [('(', ')'), ('[', ']'), ('{', '}'), ('<', '>'), ('«', '»'), ('‹', '›'), ('⁅', '⁆'), ('⟨', '⟩')];
    PAIRS.iter().find_map(|&(open, close)| {
        if c == open {
            Some(close)
        } else if c == close {
            Some(open)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The line as its pieces say, each piece's text as stored.
    fn pieces_text(text: &str) -> Vec<String> {
        Bidi::new(text).visual_line(0..text.len()).into_iter().map(|p| text[p.range].to_owned()).collect()
    }

    #[test]
    fn latin_text_is_one_piece_and_not_right_to_left() {
        assert!(!has_rtl("Café-style release, 2024 (done)"));
        assert_eq!(pieces_text("Release done"), ["Release done"]);
        assert!(!is_rtl("Release done"));
    }

    #[test]
    fn words_of_a_right_to_left_line_come_last_first() {
        // "Hello world" in Hebrew: the first word is drawn rightmost, so it
        // comes last from the left; each word stays in typing order.
        assert_eq!(pieces_text("שלום עולם"), ["עולם", " ", "שלום"]);
        assert!(is_rtl("שלום עולם"));
        assert_eq!(pieces_text("مرحبا بالعالم"), ["بالعالم", " ", "مرحبا"]);
    }

    #[test]
    fn numbers_inside_right_to_left_text_stay_left_to_right() {
        assert_eq!(pieces_text("مرحبا 2024 بالعالم"), ["بالعالم", " ", "2024", " ", "مرحبا"]);
        // Arabic-Indic digits too.
        assert_eq!(pieces_text("عام ٢٠٢٤"), ["٢٠٢٤", " ", "عام"]);
    }

    #[test]
    fn a_right_to_left_phrase_in_a_latin_line_turns_in_place() {
        let text = "Release مرحبا بالعالم 2024 done";
        assert!(!is_rtl(text));
        // A number after Arabic letters belongs to them (UAX #9, W2), so it
        // reads at the phrase's left end, as a browser draws it.
        assert_eq!(pieces_text(text), ["Release ", "2024", " ", "بالعالم", " ", "مرحبا", " done"]);
    }

    #[test]
    fn marks_and_joiners_stay_with_their_word() {
        // A vowel mark (fatha) and a zero-width non-joiner inside a word.
        let text = "كَتب\u{200C}ها نص";
        assert_eq!(pieces_text(text), ["نص", " ", "كَتب\u{200C}ها"]);
    }

    #[test]
    fn brackets_in_a_right_to_left_run_are_mirrored_pieces() {
        let text = "שלום (עולם)";
        let pieces = Bidi::new(text).visual_line(0..text.len());
        let drawn: String = pieces
            .iter()
            .map(|p| {
                let s = &text[p.range.clone()];
                match s.chars().next().and_then(mirror) {
                    Some(m) if p.rtl && s.chars().count() == 1 => m.to_string(),
                    _ => s.to_owned(),
                }
            })
            .collect();
        // Read from the left: "(עולם) שלום", with the word turned by the shaper.
        assert_eq!(drawn, "(עולם) שלום");
    }

    #[test]
    fn each_paragraph_has_its_own_direction() {
        let text = "Plan\nשלום עולם";
        let bidi = Bidi::new(text);
        assert!(!bidi.is_rtl_at(0));
        assert!(bidi.is_rtl_at(6));
        let second = 5..text.len();
        let pieces: Vec<&str> = bidi.visual_line(second).into_iter().map(|p| &text[p.range]).collect();
        assert_eq!(pieces, ["עולם", " ", "שלום"]);
    }

    #[test]
    fn a_wrapped_line_is_ordered_on_its_own() {
        // The paragraph wrapped after its second word: each line's words
        // come last first, and the lines keep their order.
        let text = "אחד שניים שלושה ארבעה";
        let bidi = Bidi::new(text);
        let cut = text.find("שלושה").unwrap_or(0);
        let first: Vec<&str> = bidi.visual_line(0..cut).into_iter().map(|p| &text[p.range]).collect();
        assert_eq!(first, [" ", "שניים", " ", "אחד"]);
    }

    #[test]
    fn an_empty_line_has_no_pieces() {
        assert!(Bidi::new("").visual_line(0..0).is_empty());
        assert!(Bidi::new("שלום").visual_line(2..2).is_empty());
    }

    /// Ten units a character, for the wrapping tests.
    fn ten(text: &str) -> f32 {
        text.chars().count() as f32 * 10.0
    }

    #[test]
    fn lines_break_after_spaces_and_keep_them() {
        let text = "one two three\nfour";
        let lines: Vec<&str> =
            wrap_lines(text, 80.0, |r| ten(&text[r])).into_iter().map(|l| &text[l]).collect();
        assert_eq!(lines, ["one two ", "three", "four"]);
        let lines: Vec<&str> =
            wrap_lines(text, f32::INFINITY, |r| ten(&text[r])).into_iter().map(|l| &text[l]).collect();
        assert_eq!(lines, ["one two three", "four"]);
    }

    #[test]
    fn a_word_wider_than_a_line_breaks_inside() {
        let text = "ab abcdefgh";
        let lines: Vec<&str> =
            wrap_lines(text, 40.0, |r| ten(&text[r])).into_iter().map(|l| &text[l]).collect();
        assert_eq!(lines, ["ab ", "abcd", "efgh"]);
    }

    #[test]
    fn empty_paragraphs_are_empty_lines() {
        let text = "a\n\nb\n";
        let lines: Vec<&str> =
            wrap_lines(text, 40.0, |r| ten(&text[r])).into_iter().map(|l| &text[l]).collect();
        assert_eq!(lines, ["a", "", "b", ""]);
    }

    /// Text mixing the scripts and the characters that move in bidi:
    /// Hebrew, Arabic with marks, Latin, digits, spaces, brackets, joiners,
    /// embeddings, isolates and paragraph separators.
    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "שלום",
            "עולם",
            "مرحبا",
            "بالعالم",
            "كَ",
            "\u{200C}",
            "\u{200D}",
            "Release",
            "done",
            "2024",
            "٢٠",
            " ",
            " ",
            "(",
            ")",
            "-",
            ".",
            "،",
            "é",
            "\n",
            "👨\u{200D}👩",
            "\u{202B}",
            "\u{202C}",
            "\u{2067}",
            "\u{2069}",
            // Paragraph separators other than a line break.
            "\u{2029}",
            "\u{85}",
            "\r",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|parts| parts.concat())
    }

    proptest! {
        /// Wrapped lines cover the text but its line breaks, in order.
        #[test]
        fn wrapped_lines_cover_the_text(text in mixed_text(), width in 0.0f32..200.0) {
            let lines = wrap_lines(&text, width, |r| ten(&text[r]));
            let mut rebuilt = String::new();
            let mut at = 0;
            for line in &lines {
                prop_assert!(line.start >= at);
                let gap = &text[at..line.start];
                prop_assert!(gap.is_empty() || gap == "\n", "{:?} between lines", gap);
                rebuilt.push_str(gap);
                rebuilt.push_str(&text[line.clone()]);
                at = line.end;
            }
            prop_assert_eq!(rebuilt, text);
        }

        /// No character is lost or drawn twice: the pieces of every line
        /// cover it exactly once, so the visual line is a permutation of
        /// the line as typed.
        #[test]
        fn every_character_is_drawn_once(text in mixed_text(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..4)) {
            let bidi = Bidi::new(&text);
            // Lines: the paragraphs, each cut at a few character boundaries.
            let mut start = 0;
            for paragraph in text.split('\n') {
                let end = start + paragraph.len();
                let mut bounds: Vec<usize> = cuts
                    .iter()
                    .map(|cut| {
                        let chars: Vec<usize> = paragraph.char_indices().map(|(i, _)| start + i).collect();
                        if chars.is_empty() { start } else { chars[cut.index(chars.len())] }
                    })
                    .collect();
                bounds.extend([start, end]);
                bounds.sort_unstable();
                bounds.dedup();
                for line in bounds.windows(2) {
                    let pieces = bidi.visual_line(line[0]..line[1]);
                    let mut covered: Vec<Range<usize>> = pieces.iter().map(|p| p.range.clone()).collect();
                    covered.sort_by_key(|r| r.start);
                    let mut at = line[0];
                    for range in covered {
                        prop_assert_eq!(range.start, at, "gap or overlap in {:?}", text);
                        prop_assert!(range.end > range.start);
                        at = range.end;
                    }
                    prop_assert_eq!(at, line[1]);
                    let mut drawn: Vec<char> = pieces.iter().flat_map(|p| text[p.range.clone()].chars()).collect();
                    let mut typed: Vec<char> = text[line[0]..line[1]].chars().collect();
                    drawn.sort_unstable();
                    typed.sort_unstable();
                    prop_assert_eq!(drawn, typed);
                }
                start = end + 1;
            }
        }
    }
}
