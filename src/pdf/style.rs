//! The document's look in one place: paper, margins, type scale and colours.
//! One restrained accent (a deep blue) carries the hierarchy; answers get
//! muted traffic-light tones because that is how a room reads them.

use super::fonts::Weight;
use crate::portfolio::colour::Rgb8;
use crate::workshop::Answer;

/// Paper size of the exported PDF: the one type the app's settings, the
/// command line and the layout share (the settings store it by name).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

/// The portfolio's colours (`portfolio::colour`) in the PDF, and back.
impl From<Rgb8> for Rgb {
    fn from(Rgb8(r, g, b): Rgb8) -> Self {
        Rgb(f32::from(r) / 255.0, f32::from(g) / 255.0, f32::from(b) / 255.0)
    }
}

impl From<Rgb> for Rgb8 {
    fn from(Rgb(r, g, b): Rgb) -> Self {
        let channel = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        Rgb8(channel(r), channel(g), channel(b))
    }
}

const fn hex(value: u32) -> Rgb {
    Rgb(
        ((value >> 16) & 0xff) as f32 / 255.0,
        ((value >> 8) & 0xff) as f32 / 255.0,
        (value & 0xff) as f32 / 255.0,
    )
}

pub const INK: Rgb = hex(0x1f2933);
pub const MUTED: Rgb = hex(0x5f6b7a);
pub const RULE: Rgb = hex(0xd5dae1);
pub const TRACK: Rgb = hex(0xeef1f4);
pub const ACCENT: Rgb = hex(0x1d4e89);
pub const ACCENT_TINT: Rgb = hex(0xdbe6f3);
pub const ACCENT_WASH: Rgb = hex(0xf2f6fb);
pub const WHITE: Rgb = hex(0xffffff);

/// Fill for an answer in bars and pills; `None` is unanswered.
pub fn answer_colour(answer: Option<Answer>) -> Rgb {
    match answer {
        Some(Answer::Yes) => hex(0x3c8d6e),
        Some(Answer::Partly) => hex(0xe0b04f),
        Some(Answer::No) => hex(0xc8553d),
        Some(Answer::NotApplicable) => hex(0xaeb6c1),
        None => hex(0xe3e7ec),
    }
}

/// Text drawn on top of `answer_colour`.
pub fn answer_text_colour(answer: Option<Answer>) -> Rgb {
    match answer {
        Some(Answer::Yes | Answer::No) => WHITE,
        Some(Answer::Partly | Answer::NotApplicable) | None => INK,
    }
}

/// A font, size, line height and colour for a run of text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    pub weight: Weight,
    pub size: f32,
    /// Baseline to baseline.
    pub leading: f32,
    pub colour: Rgb,
}

impl TextStyle {
    pub const fn new(weight: Weight, size: f32, leading: f32, colour: Rgb) -> Self {
        Self { weight, size, leading, colour }
    }

    pub const fn colour(self, colour: Rgb) -> Self {
        Self { colour, ..self }
    }

    pub const fn weight(self, weight: Weight) -> Self {
        Self { weight, ..self }
    }
}

pub const BODY: TextStyle = TextStyle::new(Weight::Regular, 9.5, 13.5, INK);
pub const BODY_BOLD: TextStyle = BODY.weight(Weight::Bold);
pub const SMALL: TextStyle = TextStyle::new(Weight::Regular, 8.0, 11.0, MUTED);
pub const SMALL_BOLD: TextStyle = SMALL.weight(Weight::Bold);
pub const TINY: TextStyle = TextStyle::new(Weight::Regular, 7.0, 9.0, MUTED);
pub const H1: TextStyle = TextStyle::new(Weight::Bold, 20.0, 25.0, INK);
pub const H2: TextStyle = TextStyle::new(Weight::Bold, 12.5, 17.0, ACCENT);
pub const H3: TextStyle = TextStyle::new(Weight::Bold, 10.0, 14.0, INK);
pub const KICKER: TextStyle = TextStyle::new(Weight::Bold, 8.0, 11.0, ACCENT);
pub const FURNITURE: TextStyle = TextStyle::new(Weight::Regular, 7.5, 10.0, MUTED);

/// Page margins in points. Generous, as a printed deliverable expects; the
/// header and footer sit inside the top and bottom margins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn for_paper(paper: Paper) -> Self {
        let (width, height) = paper.size();
        Self { width, height, left: 64.0, right: 64.0, top: 78.0, bottom: 72.0 }
    }

    pub fn content_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    pub fn content_right(&self) -> f32 {
        self.width - self.right
    }

    pub fn content_bottom(&self) -> f32 {
        self.height - self.bottom
    }

    pub fn content_height(&self) -> f32 {
        self.content_bottom() - self.top
    }

    /// Baseline of the running header, from the top edge.
    pub fn header_baseline(&self) -> f32 {
        40.0
    }

    /// Baseline of the footer, from the top edge.
    pub fn footer_baseline(&self) -> f32 {
        self.height - 36.0
    }
}
