//! The key-help overlay (F1 or ?): every key, from the same table as the
//! README's.

use egui::RichText;

use super::shortcuts::KEY_TABLE;
use super::state::Command;
use super::widgets::dialog_frame;

pub fn help_ui(ctx: &egui::Context) -> Vec<Command> {
    let mut commands = Vec::new();
    let modal = egui::Modal::new(egui::Id::unique("key_help")).frame(dialog_frame(ctx)).show(ctx, |ui| {
        let screen = ctx.content_rect();
        ui.set_max_width((screen.width() * 0.8).clamp(380.0, 1100.0));
        ui.heading("Keys");
        ui.label("A presentation clicker's PageDown and PageUp step through the whole workshop.");
        ui.add_space(8.0);
        // At least most of the screen: a centred area sizes itself from
        // where it stands, which would leave the list a small window.
        let scroll = egui::ScrollArea::vertical()
            .max_height(screen.height() * 0.72)
            .min_scrolled_height(screen.height() * 0.6);
        scroll.show(ui, |ui| {
            // The controls' size, not the wall's: the whole list fits on a
            // laptop's screen.
            super::chrome::chrome_text(ui);
            egui::Grid::new("key_table").num_columns(2).spacing([24.0, 6.0]).striped(true).show(ui, |ui| {
                for (keys, does) in KEY_TABLE {
                    ui.label(RichText::new(*keys).strong());
                    ui.add(egui::Label::new(*does).wrap());
                    ui.end_row();
                }
            });
        });
        ui.add_space(8.0);
        if ui.button("Close (Esc)").clicked() {
            commands.push(Command::CloseHelp);
        }
    });
    if modal.backdrop_response.clicked() {
        commands.push(Command::CloseHelp);
    }
    commands
}
