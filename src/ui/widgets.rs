//! Small pieces the screens share.

use egui::{Color32, CornerRadius, Margin, RichText, Ui};

use super::bidi::bidi_label;
use super::theme::{Palette, ThemeChoice, palette};
use crate::workshop::Answer;
use crate::workshop::clock::is_iso_date;
use crate::workshop::validate::MAX_NOTE_CHARS;

pub fn colours(ui: &Ui, theme: ThemeChoice) -> Palette {
    let _ = ui;
    palette(theme)
}

/// A rounded card with the given fill.
pub fn card(fill: Color32) -> egui::Frame {
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, Color32::from_gray(0xc8)))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(16))
}

pub fn answer_colour(palette: &Palette, answer: Answer) -> Color32 {
    match answer {
        Answer::Yes => palette.yes,
        Answer::Partly => palette.partly,
        Answer::No => palette.no,
        Answer::NotApplicable => palette.not_applicable,
    }
}

/// A multi-line text field with a visible label, so screen readers and the
/// accessibility check know what it is. Returns the new text if it changed,
/// and whether it lost focus this frame.
pub fn labelled_note(
    ui: &mut Ui,
    id: egui::Id,
    label: &str,
    text: &str,
    hint: &str,
    request_focus: bool,
) -> (Option<String>, bool) {
    let label_response = ui.label(RichText::new(label).small().strong());
    let mut buffer = text.to_owned();
    // Long notes scroll inside their field rather than pushing the
    // indicators off the screen.
    let max_height = ui.text_style_height(&egui::TextStyle::Body) * 8.0;
    let response = egui::ScrollArea::vertical()
        .id_salt(id.with("scroll"))
        .max_height(max_height)
        .show(ui, |ui| {
            egui::TextEdit::multiline(&mut buffer)
                .id(id)
                .char_limit(MAX_NOTE_CHARS)
                .hint_text(hint)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .show(ui)
                .response
                .response
        })
        .inner
        .labelled_by(label_response.id);
    if request_focus {
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
    }
    let changed = (response.changed() && buffer != text).then_some(buffer);
    (changed, response.lost_focus())
}

/// What [`date_field_ui`] saw this frame.
pub struct DateField {
    pub response: egui::Response,
    /// A new date (or `""` for none) to store.
    pub commit: Option<String>,
    /// What is typed is not a date (yet): show a hint.
    pub not_a_date: bool,
}

/// A one-line field for a `YYYY-MM-DD` date. Only a real date, or an empty
/// field, reaches the workshop: a workshop file holding anything else is
/// refused when read, so a half-typed "2026-1" must never be saved. What
/// is typed meanwhile stays in the field (kept by egui under `id`) until it
/// is a date or the stored one changes (an undo).
pub fn date_field_ui(ui: &mut Ui, id: egui::Id, stored: &str, hint: &str, width: f32) -> DateField {
    let draft_id = id.with("draft");
    let draft = ui.data(|d| d.get_temp::<(String, String)>(draft_id)).filter(|(base, _)| base == stored);
    let mut text = draft.as_ref().map_or_else(|| stored.to_owned(), |(_, typed)| typed.clone());
    let response = ui.add(
        egui::TextEdit::singleline(&mut text).id(id).hint_text(hint).desired_width(width).char_limit(32),
    );
    let mut commit = None;
    let mut typed_draft = draft.is_some();
    if response.changed() {
        let trimmed = text.trim();
        if trimmed.is_empty() || is_iso_date(trimmed) {
            typed_draft = false;
            commit = (trimmed != stored).then(|| trimmed.to_owned());
        } else {
            typed_draft = true;
        }
    }
    ui.data_mut(|d| {
        if typed_draft {
            d.insert_temp(draft_id, (stored.to_owned(), text.clone()));
        } else {
            d.remove::<(String, String)>(draft_id);
        }
    });
    DateField { response, commit, not_a_date: typed_draft }
}

/// Muted, smaller text that wraps.
pub fn muted(ui: &mut Ui, palette: &Palette, text: impl Into<String>) {
    bidi_label(ui, RichText::new(text).color(palette.muted));
}

/// A pill-shaped tag.
pub fn tag(ui: &mut Ui, text: &str, colour: Color32) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, colour))
        .corner_radius(CornerRadius::same(12))
        .inner_margin(Margin::symmetric(8, 1))
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).small().color(colour).strong()).extend());
        });
}

/// Notes longer than this are cut where they are shown for reading (the
/// summary, presenting); editing, the PDF and the Markdown keep them whole.
const NOTE_PREVIEW_CHARS: usize = 280;

pub fn note_preview(note: &str) -> String {
    let count = note.chars().count();
    if count <= NOTE_PREVIEW_CHARS {
        return note.to_owned();
    }
    let cut: String = note.chars().take(NOTE_PREVIEW_CHARS).collect();
    format!("{}… ({} more characters)", cut.trim_end(), count - NOTE_PREVIEW_CHARS)
}

/// The frame of a modal question or chooser: roomy, so large projector text
/// does not touch its edges.
pub fn dialog_frame(ctx: &egui::Context) -> egui::Frame {
    egui::Frame::popup(&ctx.global_style())
        .inner_margin(Margin::same(28))
        .corner_radius(CornerRadius::same(12))
}

/// The central area as one vertically scrolling column, centred and no
/// wider than `max_width`, for line lengths a room can read.
pub fn scrolling_column(ui: &mut Ui, id_salt: &str, max_width: f32, add_contents: impl FnOnce(&mut Ui)) {
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt(id_salt).auto_shrink([false, false]).show(ui, |ui| {
            let width = ui.available_width().min(max_width);
            let margin = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    add_contents(ui);
                });
            });
        });
    });
}

/// Whether this pass builds an accessibility tree (a screen reader asked
/// for one, or a test harness is reading the screen). `drawn` is any widget
/// already added this pass: only with the tree on does it have a node.
pub fn accessibility_on(ui: &Ui, drawn: &egui::Response) -> bool {
    ui.ctx().has_accesskit_node(drawn.id)
}

/// Lays out `add` only when the height it took when last shown would be on
/// screen; otherwise reserves that height, so the scroll bar stays true.
/// Long lists then cost a frame only what is visible. While an
/// accessibility tree is built everything is laid out, so nothing goes
/// missing for a screen reader.
pub fn only_on_screen(ui: &mut Ui, id: egui::Id, lay_out_all: bool, add: impl FnOnce(&mut Ui)) {
    let width = ui.available_width();
    if !lay_out_all && let Some(height) = ui.data(|data| data.get_temp::<f32>(id)) {
        let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(width, height));
        if !ui.is_rect_visible(rect) {
            ui.allocate_space(egui::vec2(width, height));
            return;
        }
    }
    let height = ui.scope(add).response.rect.height();
    ui.data_mut(|data| data.insert_temp(id, height));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_notes_are_previewed() {
        assert_eq!(note_preview("short"), "short");
        let long = "é".repeat(300);
        let shown = note_preview(&long);
        assert!(shown.starts_with(&"é".repeat(280)));
        assert!(shown.ends_with("… (20 more characters)"));
    }
}
