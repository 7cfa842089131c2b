//! An indicator's source on request: a small toggle on its card opens the
//! words of the model's source the indicator was written from, so a team can
//! check the wording against the original without leaving the wall.
//!
//! Whether a quote is open is view state, not workshop data: it lives in
//! egui's memory for the session, per model and indicator, and never marks
//! the workshop as changed.

use egui::{RichText, Stroke, Ui};

use super::bidi::bidi_label;
use super::theme::Palette;
use crate::model::{Indicator, MaturityModel};

fn open_id(model: &MaturityModel, indicator: &Indicator) -> egui::Id {
    egui::Id::unique(("source_open", &model.id, &indicator.id))
}

/// Whether the facilitator opened this indicator's source. The audience
/// window shares the presenter's context, so the wall reads the same state.
pub fn source_open(ctx: &egui::Context, model: &MaturityModel, indicator: &Indicator) -> bool {
    ctx.data(|data| data.get_temp::<bool>(open_id(model, indicator))).unwrap_or(false)
}

#[cfg(test)]
pub fn set_source_open(ctx: &egui::Context, model: &MaturityModel, indicator: &Indicator, open: bool) {
    ctx.data_mut(|data| data.insert_temp(open_id(model, indicator), open));
}

/// The toggle, for the row of tags under the statement. Returns whether the
/// quote is open; nothing is drawn for an indicator without a source. On the
/// focused indicator, S toggles it too, unless a text field has the keys.
pub fn source_toggle_ui(
    ui: &mut Ui,
    palette: &Palette,
    model: &MaturityModel,
    indicator: &Indicator,
    focused: bool,
) -> bool {
    if indicator.source.as_deref().is_none_or(|quote| quote.trim().is_empty()) {
        return false;
    }
    let id = open_id(model, indicator);
    let mut open = ui.data(|data| data.get_temp::<bool>(id)).unwrap_or(false);
    let key = focused
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::S));
    if key {
        open = !open;
        ui.data_mut(|data| data.insert_temp(id, open));
    }
    let text = if open { "Hide source" } else { "Show source" };
    // Framed like the answer buttons beside it, so it reads as a control on
    // the wall too; announced as a toggle.
    let button = egui::Button::new(RichText::new(text).small().color(palette.accent))
        .selected(open)
        .fill(palette.card)
        .stroke(Stroke::new(1.0, palette.accent));
    let response =
        ui.add(button).on_hover_text("The words of the model's source this indicator comes from (S)");
    if response.clicked() {
        open = !open;
        ui.data_mut(|data| data.insert_temp(id, open));
    }
    open
}

/// The quote itself, full width, with the source it is from; `size` is the
/// quote's text size (the wall draws it larger).
pub fn source_quote_ui(
    ui: &mut Ui,
    palette: &Palette,
    model: &MaturityModel,
    indicator: &Indicator,
    size: f32,
) {
    let Some(quote) = indicator.source.as_deref().map(str::trim).filter(|quote| !quote.is_empty()) else {
        return;
    };
    let bar = 4.0;
    let shown = egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color)
        .stroke(Stroke::new(1.0, palette.muted))
        .corner_radius(6)
        .inner_margin(egui::Margin { left: (bar + 10.0) as i8, right: 10, top: 6, bottom: 6 })
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            bidi_label(ui, RichText::new(format!("\u{201C}{quote}\u{201D}")).size(size).italics());
            let credit = bidi_label(ui, RichText::new(credit(model)).size(size * 0.75).color(palette.muted));
            // How the model was adapted from its source (what was added,
            // such as level names) is one hover away.
            if let Some(note) = model.source.note.as_deref().filter(|note| !note.is_empty()) {
                credit.on_hover_ui(|ui| _ = bidi_label(ui, note));
            }
        });
    // An accent bar down the left edge marks the text as quoted.
    let rect = shown.response.rect;
    let bar_rect = egui::Rect::from_min_max(rect.min, egui::pos2(rect.left() + bar, rect.bottom()));
    ui.painter().rect_filled(bar_rect, egui::CornerRadius { nw: 6, sw: 6, ne: 0, se: 0 }, palette.accent);
}

/// "From Title, by Author (year)": who the quoted words belong to.
fn credit(model: &MaturityModel) -> String {
    let source = &model.source;
    let mut credit = format!("From {}", source.title);
    if let Some(author) = source.author.as_deref().filter(|author| !author.is_empty()) {
        credit.push_str(&format!(", by {author}"));
    }
    if let Some(year) = source.year {
        credit.push_str(&format!(" ({year})"));
    }
    credit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::scoring_fixtures::small_model;

    #[test]
    fn the_credit_names_what_the_source_gives() {
        let mut model = small_model();
        assert_eq!(credit(&model), "From Tests");
        model.source.author = Some("Laura Thomson".into());
        model.source.year = Some(2013);
        assert_eq!(credit(&model), "From Tests, by Laura Thomson (2013)");
    }
}
