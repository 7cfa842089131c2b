//! Keyboard and presentation-clicker shortcuts. Navigation keys are ignored
//! while someone is typing in a text field.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::state::{Command, FileCommand, Screen};
use crate::workshop::{Answer, Edit};

pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_ALT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const ZOOM_IN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
pub const ZOOM_IN_EQUALS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
pub const ZOOM_OUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
pub const ZOOM_RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
pub const EXPORT_PDF: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);

/// What the shortcuts need to know about the screen.
pub struct KeyContext {
    pub screen: Screen,
    pub typing: bool,
    /// A question or the file chooser is open: only it takes keys.
    pub blocked: bool,
    pub has_workshop: bool,
    pub model: usize,
    pub focused_indicator: Option<String>,
}

/// Reads this frame's key presses into commands.
pub fn read_shortcuts(ctx: &egui::Context, keys: &KeyContext) -> Vec<Command> {
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        if keys.blocked {
            return;
        }
        // File shortcuts work everywhere, even while typing.
        if input.consume_shortcut(&SAVE_AS) {
            commands.push(Command::File(FileCommand::SaveAs));
        } else if input.consume_shortcut(&SAVE) {
            commands.push(Command::File(FileCommand::Save));
        }
        if input.consume_shortcut(&OPEN) {
            commands.push(Command::File(FileCommand::Open));
        }
        if input.consume_shortcut(&QUIT) {
            commands.push(Command::File(FileCommand::Quit));
        }
        if keys.has_workshop && input.consume_shortcut(&EXPORT_PDF) {
            commands.push(Command::File(FileCommand::ExportPdf));
        }
        // While typing, undo and redo belong to the text field itself.
        if !keys.typing && (input.consume_shortcut(&REDO) || input.consume_shortcut(&REDO_ALT)) {
            commands.push(Command::Redo);
        } else if !keys.typing && input.consume_shortcut(&UNDO) {
            commands.push(Command::Undo);
        }
        if input.consume_shortcut(&ZOOM_IN) || input.consume_shortcut(&ZOOM_IN_EQUALS) {
            commands.push(Command::ZoomIn);
        }
        if input.consume_shortcut(&ZOOM_OUT) {
            commands.push(Command::ZoomOut);
        }
        if input.consume_shortcut(&ZOOM_RESET) {
            commands.push(Command::ZoomReset);
        }
        if input.consume_key(Modifiers::NONE, Key::F11) {
            commands.push(Command::ToggleFullscreen);
        }
        if input.consume_key(Modifiers::NONE, Key::F5) {
            commands.push(Command::TogglePresenting);
        }
        if keys.typing || keys.screen != Screen::Walkthrough {
            return;
        }
        for key in [Key::ArrowRight, Key::PageDown, Key::ArrowDown] {
            if input.consume_key(Modifiers::NONE, key) {
                commands.push(Command::NextIndicator);
            }
        }
        for key in [Key::ArrowLeft, Key::PageUp, Key::ArrowUp] {
            if input.consume_key(Modifiers::NONE, key) {
                commands.push(Command::PreviousIndicator);
            }
        }
        if input.consume_key(Modifiers::CTRL, Key::PageDown) {
            commands.push(Command::NextLevel);
        }
        if input.consume_key(Modifiers::CTRL, Key::PageUp) {
            commands.push(Command::PreviousLevel);
        }
        if input.consume_key(Modifiers::NONE, Key::Enter) || input.consume_key(Modifiers::NONE, Key::N) {
            commands.push(Command::OpenNote);
        }
        if let Some(indicator_id) = &keys.focused_indicator {
            let answers = [
                (Key::Num1, Answer::Yes),
                (Key::Num2, Answer::Partly),
                (Key::Num3, Answer::No),
                (Key::Num4, Answer::NotApplicable),
            ];
            for (key, answer) in answers {
                if input.consume_key(Modifiers::NONE, key) {
                    commands.push(Command::Edit(Edit::SetAnswer {
                        model: keys.model,
                        indicator_id: indicator_id.clone(),
                        answer: Some(answer),
                    }));
                }
            }
            if input.consume_key(Modifiers::NONE, Key::Num0)
                || input.consume_key(Modifiers::NONE, Key::Backspace)
            {
                commands.push(Command::Edit(Edit::SetAnswer {
                    model: keys.model,
                    indicator_id: indicator_id.clone(),
                    answer: None,
                }));
            }
        }
    });
    commands
}
