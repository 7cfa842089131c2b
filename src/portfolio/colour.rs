//! The portfolio's colours as plain RGB, the one source for the screen and
//! the PDF: a line colour per model, and a heatmap cell's fill by how far
//! up its ladder the team stands, with the text colour that reads on it.
//! No egui and no printpdf here: each converts `Rgb8` to its own colour.

use super::view::Cell;

/// A colour, 8 bits a channel (sRGB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb8(pub u8, pub u8, pub u8);

impl Rgb8 {
    pub const WHITE: Self = Self(0xff, 0xff, 0xff);

    /// `0xRRGGBB`.
    pub const fn hex(value: u32) -> Self {
        Self((value >> 16) as u8, (value >> 8) as u8, value as u8)
    }

    /// `self` moved towards `other` by `t` (0: `self`, 1: `other`).
    pub fn mix(self, other: Self, t: f32) -> Self {
        let t = t.clamp(0.0, 1.0);
        let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Self(mix(self.0, other.0), mix(self.1, other.1), mix(self.2, other.2))
    }

    /// WCAG 2 relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio of two opaque colours, 1 to 21.
    pub fn contrast(self, other: Self) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// One colour per model in the trend charts, distinct on a screen, in
/// print and for the common kinds of colour blindness (Okabe–Ito).
pub const SERIES: [Rgb8; 6] = [
    Rgb8(0, 114, 178),
    Rgb8(213, 94, 0),
    Rgb8(0, 158, 115),
    Rgb8(204, 121, 167),
    Rgb8(86, 180, 233),
    Rgb8(230, 159, 0),
];

/// The colour of the model at `index` in the view's order.
pub fn series_colour(index: usize) -> Rgb8 {
    SERIES[index % SERIES.len()]
}

/// How far up its ladder a cell's current level is: 0 at the bottom, 1 at
/// the top, whatever the ladder's length.
pub fn ladder_share(cell: &Cell) -> f32 {
    let top = cell.level_count.saturating_sub(1).max(1) as f32;
    (cell.current as f32 / top).clamp(0.0, 1.0)
}

/// A heatmap cell's fill, `low` at the bottom of the ladder and `high` at
/// the top, so a wall or a page reads "darker is further".
pub fn level_fill(cell: &Cell, low: Rgb8, high: Rgb8) -> Rgb8 {
    low.mix(high, ladder_share(cell))
}

/// Whichever of `light` and `dark` reads better on `fill`.
pub fn text_on(fill: Rgb8, light: Rgb8, dark: Rgb8) -> Rgb8 {
    if fill.contrast(light) >= fill.contrast(dark) { light } else { dark }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::LevelLabel;

    fn cell(current: usize, level_count: usize) -> Cell {
        let label = LevelLabel { number: current.to_string(), short_name: "Level".to_owned() };
        Cell {
            workshop: 0,
            date: "2025-01-01".to_owned(),
            version: 1,
            current,
            current_label: label,
            target: None,
            target_label: None,
            level_count,
            answered_share: 0.0,
            gaps: 0,
        }
    }

    #[test]
    fn the_fill_runs_from_low_to_high_up_the_ladder() {
        let (low, high) = (Rgb8::hex(0xe6eef7), Rgb8::hex(0x1d4e89));
        assert_eq!(level_fill(&cell(0, 5), low, high), low);
        assert_eq!(level_fill(&cell(4, 5), low, high), high);
        assert_eq!(level_fill(&cell(2, 5), low, high), low.mix(high, 0.5));
        // A ladder of one level, or a level past the top, stays in range.
        assert_eq!(level_fill(&cell(0, 1), low, high), low);
        assert_eq!(level_fill(&cell(9, 5), low, high), high);
    }

    #[test]
    fn text_is_white_on_dark_fills_and_ink_on_pale_ones() {
        let ink = Rgb8::hex(0x1f2933);
        assert_eq!(text_on(Rgb8::hex(0x1d4e89), Rgb8::WHITE, ink), Rgb8::WHITE);
        assert_eq!(text_on(Rgb8::hex(0xe6eef7), Rgb8::WHITE, ink), ink);
        assert!((Rgb8::WHITE.contrast(Rgb8(0, 0, 0)) - 21.0).abs() < 0.01);
        assert!((ink.contrast(ink) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn series_colours_repeat_after_six_models() {
        assert_eq!(series_colour(0), SERIES[0]);
        assert_eq!(series_colour(6), SERIES[0]);
        assert_ne!(series_colour(1), series_colour(0));
    }
}
