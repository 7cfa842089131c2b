//! A line on a model's first level saying how to read it: the floor
//! describes where teams start, often as problems, and does not count
//! towards the suggested level (see `workshop::scoring`). Without it a team
//! might take "it is your users who find out" as something to aim for.

use egui::{RichText, Ui};

use super::theme::Palette;

pub const FLOOR_HINT: &str = "Every team starts on this first level. Answer Yes where a statement describes \
the team today: the answers stay on the record but do not count towards the suggested level.";

pub fn floor_hint_ui(ui: &mut Ui, palette: &Palette, level_index: usize) {
    if level_index == 0 {
        ui.add_space(4.0);
        ui.label(RichText::new(FLOOR_HINT).color(palette.accent));
    }
}
