//! The three looks: light and dark for the laptop, and a projector theme
//! (light, high contrast, large type) for the wall.

use egui::{Color32, FontFamily, FontId, Stroke, TextStyle, Visuals};
use serde::{Deserialize, Serialize};

use crate::portfolio::colour::Rgb8;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    Light,
    Dark,
    #[default]
    Projector,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::Projector];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
            ThemeChoice::Projector => "Projector",
        }
    }
}

/// Colours the screens use beyond egui's visuals.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub accent: Color32,
    pub on_accent: Color32,
    pub current: Color32,
    pub target: Color32,
    pub yes: Color32,
    pub partly: Color32,
    pub no: Color32,
    pub not_applicable: Color32,
    pub muted: Color32,
    pub card: Color32,
    pub card_focused: Color32,
}

pub fn palette(theme: ThemeChoice) -> Palette {
    match theme {
        ThemeChoice::Dark => Palette {
            accent: Color32::from_rgb(0x6c, 0xa8, 0xff),
            on_accent: Color32::from_rgb(0x0b, 0x14, 0x24),
            current: Color32::from_rgb(0x5c, 0xd6, 0x8a),
            target: Color32::from_rgb(0xff, 0xb8, 0x4d),
            yes: Color32::from_rgb(0x3f, 0xa3, 0x62),
            partly: Color32::from_rgb(0xc7, 0x8f, 0x1e),
            no: Color32::from_rgb(0xd0, 0x4f, 0x4f),
            not_applicable: Color32::from_rgb(0x70, 0x78, 0x85),
            muted: Color32::from_rgb(0xb4, 0xbc, 0xc8),
            card: Color32::from_rgb(0x22, 0x26, 0x2e),
            card_focused: Color32::from_rgb(0x1d, 0x2c, 0x44),
        },
        ThemeChoice::Light => Palette {
            accent: Color32::from_rgb(0x0b, 0x4f, 0xa8),
            on_accent: Color32::WHITE,
            current: Color32::from_rgb(0x0a, 0x6b, 0x2f),
            target: Color32::from_rgb(0x9a, 0x3c, 0x00),
            yes: Color32::from_rgb(0x0a, 0x6b, 0x2f),
            partly: Color32::from_rgb(0x8a, 0x5a, 0x00),
            no: Color32::from_rgb(0xa6, 0x1b, 0x1b),
            not_applicable: Color32::from_rgb(0x4a, 0x4f, 0x57),
            muted: Color32::from_rgb(0x55, 0x5b, 0x66),
            card: Color32::from_rgb(0xf3, 0xf5, 0xf8),
            card_focused: Color32::from_rgb(0xe3, 0xee, 0xfc),
        },
        // Every colour here reads at 7:1 or better on white and on the
        // focused card, and white reads that well on each of them.
        ThemeChoice::Projector => Palette {
            accent: Color32::from_rgb(0x0a, 0x45, 0x96),
            on_accent: Color32::WHITE,
            current: Color32::from_rgb(0x08, 0x5a, 0x27),
            target: Color32::from_rgb(0x7a, 0x30, 0x00),
            yes: Color32::from_rgb(0x08, 0x5a, 0x27),
            partly: Color32::from_rgb(0x6e, 0x46, 0x00),
            no: Color32::from_rgb(0x9c, 0x14, 0x14),
            not_applicable: Color32::from_rgb(0x44, 0x49, 0x50),
            muted: Color32::from_rgb(0x33, 0x33, 0x33),
            card: Color32::WHITE,
            card_focused: Color32::from_rgb(0xee, 0xf5, 0xff),
        },
    }
}

/// Body text size in points at 100% zoom.
pub fn body_size(theme: ThemeChoice) -> f32 {
    match theme {
        ThemeChoice::Projector => 24.0,
        _ => 17.0,
    }
}

pub fn apply(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_global_style(style(&ctx.global_style(), theme, body_size(theme)));
}

/// Body text size of the audience window at 100% zoom: read from the back
/// of a room. Its indicator statements are larger still (see `audience`).
pub const WALL_BODY: f32 = 30.0;

/// The audience window's look: the projector theme whatever the laptop
/// uses, its type scaled by the audience window's own zoom.
pub fn wall_style(base: &egui::Style, scale: f32) -> egui::Style {
    style(base, ThemeChoice::Projector, WALL_BODY * scale)
}

/// `base` with the look of `theme` and body text of `body` points.
fn style(base: &egui::Style, theme: ThemeChoice, body: f32) -> egui::Style {
    let mut style = base.clone();
    style.text_styles = [
        (TextStyle::Small, FontId::new(body * 0.8, FontFamily::Proportional)),
        (TextStyle::Body, FontId::new(body, FontFamily::Proportional)),
        (TextStyle::Button, FontId::new(body, FontFamily::Proportional)),
        (TextStyle::Heading, FontId::new(body * 1.7, FontFamily::Proportional)),
        (TextStyle::Monospace, FontId::new(body * 0.9, FontFamily::Monospace)),
    ]
    .into();
    // Whole points keep every widget on the pixel grid: crisp edges on a
    // projector, and no drift that egui would flag as unaligned.
    let scaled = |factor: f32| (body * factor).round();
    style.spacing.item_spacing = egui::vec2(scaled(0.5), scaled(0.4));
    style.spacing.button_padding = egui::vec2(scaled(0.6), scaled(0.25));
    style.spacing.interact_size.y = scaled(1.5);
    style.spacing.icon_width = scaled(0.9);
    style.spacing.icon_width_inner = scaled(0.55);
    style.spacing.icon_spacing = scaled(0.35);
    style.visuals = visuals(theme);
    style
}

fn visuals(theme: ThemeChoice) -> Visuals {
    match theme {
        ThemeChoice::Dark => {
            let mut visuals = Visuals::dark();
            // egui's default grey text is too faint across a room.
            visuals.override_text_color = Some(Color32::from_gray(0xe8));
            visuals
        }
        ThemeChoice::Light => Visuals::light(),
        ThemeChoice::Projector => {
            let mut visuals = Visuals::light();
            visuals.override_text_color = Some(Color32::BLACK);
            visuals.panel_fill = Color32::WHITE;
            visuals.window_fill = Color32::WHITE;
            visuals.extreme_bg_color = Color32::WHITE;
            visuals.widgets.noninteractive.fg_stroke = Stroke::new(1.0, Color32::BLACK);
            visuals.widgets.inactive.fg_stroke = Stroke::new(1.5, Color32::BLACK);
            visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_gray(0x60));
            visuals.widgets.hovered.bg_stroke = Stroke::new(2.0, Color32::BLACK);
            visuals.selection.bg_fill = Color32::from_rgb(0xc9, 0xdd, 0xf8);
            visuals.selection.stroke = Stroke::new(2.0, Color32::from_rgb(0x0b, 0x4f, 0xa8));
            visuals
        }
    }
}

/// WCAG contrast ratio between two opaque colours.
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    Rgb8::from(a).contrast(Rgb8::from(b))
}

/// The portfolio's plain colours (`portfolio::colour`) on the screen, and back.
impl From<Rgb8> for Color32 {
    fn from(Rgb8(r, g, b): Rgb8) -> Self {
        Color32::from_rgb(r, g, b)
    }
}

impl From<Color32> for Rgb8 {
    fn from(colour: Color32) -> Self {
        Rgb8(colour.r(), colour.g(), colour.b())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projector_text_contrast_is_at_least_seven_to_one() {
        let visuals = visuals(ThemeChoice::Projector);
        let background = visuals.panel_fill;
        let p = palette(ThemeChoice::Projector);
        let text =
            [Color32::BLACK, p.muted, p.accent, p.current, p.target, p.yes, p.partly, p.no, p.not_applicable];
        for surface in [background, p.card, p.card_focused] {
            for colour in text {
                let ratio = contrast_ratio(colour, surface);
                assert!(ratio >= 7.0, "{colour:?} on {surface:?} is {ratio:.2}:1");
            }
        }
        // Labels on filled (selected) answer buttons.
        for fill in [p.accent, p.yes, p.partly, p.no, p.not_applicable] {
            assert!(contrast_ratio(p.on_accent, fill) >= 7.0, "white on {fill:?}");
        }
    }

    #[test]
    fn projector_body_text_is_at_least_24_points() {
        assert!(body_size(ThemeChoice::Projector) >= 24.0);
    }
}
