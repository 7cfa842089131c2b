//! What the app remembers between runs (eframe persistence).

use serde::{Deserialize, Serialize};

use crate::pdf::Paper;
use crate::ui::theme::ThemeChoice;

/// Remembered between runs (eframe persistence).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    pub zoom: f32,
    /// Paper size for PDF exports.
    pub paper: Paper,
    /// Where the audience window was, for the next workshop: a projector
    /// is usually in the same place.
    pub audience_window: AudienceWindow,
    /// The audience window's own zoom: the wall may need larger type than
    /// the laptop.
    pub audience_zoom: f32,
    /// The presenter strip under the screens.
    pub presenter_strip: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::Projector,
            zoom: 1.0,
            paper: Paper::A4,
            audience_window: AudienceWindow::default(),
            audience_zoom: 1.0,
            presenter_strip: true,
        }
    }
}

/// The audience window's place on the desktop, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AudienceWindow {
    pub position: Option<[f32; 2]>,
    pub size: Option<[f32; 2]>,
    pub fullscreen: bool,
}

pub const MIN_ZOOM: f32 = 0.5;

pub const MAX_ZOOM: f32 = 2.5;
