//! Keyboard and presentation-clicker shortcuts. Navigation keys are ignored
//! while someone is typing in a text field. Keys pressed in the audience
//! window are read here too and act as in the presenter window, except
//! that full screen and zoom apply to the window they were pressed in.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::state::{Command, FileCommand, Place, Screen};
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
pub const START_WORKSHOP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);
/// Opens and closes the audience window.
pub const AUDIENCE: Key = Key::F6;

/// Every key, as the README's key table and the key-help overlay (F1 or ?)
/// list them. A test checks that the README lists each row.
pub const KEY_TABLE: &[(&str, &str)] = &[
    (
        "→ / PageDown / ↓",
        "next indicator; after a level's last, the next level; after a model's last, the next model; then Summary, then Roadmap",
    ),
    ("← / PageUp / ↑", "back the same way"),
    ("Ctrl+PageDown / Ctrl+PageUp", "next / previous level"),
    ("1 2 3 4", "answer the focused indicator Yes / Partly / No / Not applicable"),
    ("0 or Backspace", "clear the focused indicator's answer"),
    ("Enter or N", "write a note on the focused indicator"),
    ("S", "show or hide the focused indicator's source (also Show source on each indicator)"),
    ("T", "make the focused level the target (again: no target)"),
    ("C", "place the team on the focused level (on the suggested level: accept the suggestion)"),
    ("A", "accept the suggested current level (drop the override)"),
    ("Alt+1 … Alt+9", "walk through model 1 to 9"),
    ("Alt+S / Alt+R / Alt+Home", "Summary / Roadmap / Start"),
    ("Ctrl+Enter", "start the workshop (on the start form)"),
    ("P", "start or pause the time-box clock"),
    ("F6", "open or close the audience window"),
    ("V", "open or close the room's vote: phones vote from the QR code on the wall"),
    ("R", "reveal the room's votes on the focused indicator"),
    ("Ctrl+1 … Ctrl+4", "tally keys: one more raised hand for Yes / Partly / No / Not applicable"),
    ("Ctrl+Backspace", "forget the focused indicator's votes and hands, to vote again"),
    ("B", "blank the wall, and back"),
    ("F5", "presenting: hide the controls so this window shows only the content"),
    ("Esc", "leave a text field or the key help; leave presenting (navigation keys never fire while typing)"),
    ("F11", "full screen (in the audience window: the audience window)"),
    ("Ctrl + / Ctrl - / Ctrl 0", "zoom in, out, reset (in the audience window: its own zoom)"),
    ("F1 or ?", "key help: the list of keys, in the app"),
    ("Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y", "undo, redo"),
    ("Ctrl+S, Ctrl+Shift+S", "save, save as"),
    ("Ctrl+O", "open a workshop"),
    ("Ctrl+E", "export the PDF roadmap"),
    ("Ctrl+Q", "quit (asks first if there are unsaved changes)"),
];

/// Which window a key was pressed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyWindow {
    Presenter,
    Audience,
}

/// What the shortcuts need to know about the screen.
pub struct KeyContext {
    pub screen: Screen,
    pub typing: bool,
    /// A question or the file chooser is open: only it takes keys.
    pub blocked: bool,
    pub has_workshop: bool,
    pub model: usize,
    pub focused_indicator: Option<String>,
    pub presenting: bool,
    pub help_open: bool,
    pub window: KeyWindow,
}

/// Reads this frame's key presses into commands.
pub fn read_shortcuts(ctx: &egui::Context, keys: &KeyContext) -> Vec<Command> {
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        if keys.blocked {
            // The question waits in the presenter window; the wall's own
            // size and zoom are not part of it.
            if keys.window == KeyWindow::Audience {
                zoom_and_fullscreen_keys(input, keys.window, &mut commands);
            }
            return;
        }
        if keys.help_open {
            // The help overlay takes the keys: Esc, F1 or ? close it.
            if input.consume_key(Modifiers::NONE, Key::Escape)
                || input.consume_key(Modifiers::NONE, Key::F1)
                || input.consume_key(Modifiers::NONE, Key::Questionmark)
            {
                commands.push(Command::CloseHelp);
            }
            return;
        }
        file_and_window_keys(input, keys, &mut commands);
        if keys.typing {
            return;
        }
        if input.consume_key(Modifiers::NONE, Key::F1)
            || input.consume_key(Modifiers::NONE, Key::Questionmark)
        {
            commands.push(Command::ToggleHelp);
        }
        // Alt combinations first: a plain key's check would take them too
        // (egui ignores extra Alt and Shift when matching).
        place_keys(input, keys, &mut commands);
        if keys.presenting && input.consume_key(Modifiers::NONE, Key::Escape) {
            commands.push(Command::TogglePresenting);
        }
        if keys.has_workshop {
            if input.consume_key(Modifiers::NONE, Key::P) {
                commands.push(Command::ToggleTimer);
            }
            if input.consume_key(Modifiers::NONE, Key::V) {
                commands.push(Command::ToggleVoting);
            }
            if input.consume_key(Modifiers::NONE, Key::B) {
                commands.push(Command::ToggleBlank);
            }
        }
        navigation_keys(input, keys, &mut commands);
    });
    commands
}

/// Keys that work everywhere, even while typing: files, undo, zoom,
/// full screen, presenting, the audience window.
fn file_and_window_keys(input: &mut egui::InputState, keys: &KeyContext, commands: &mut Vec<Command>) {
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
    if keys.screen == Screen::Start && input.consume_shortcut(&START_WORKSHOP) {
        commands.push(Command::CreateWorkshop);
    }
    // While typing, undo and redo belong to the text field itself.
    if !keys.typing && (input.consume_shortcut(&REDO) || input.consume_shortcut(&REDO_ALT)) {
        commands.push(Command::Redo);
    } else if !keys.typing && input.consume_shortcut(&UNDO) {
        commands.push(Command::Undo);
    }
    zoom_and_fullscreen_keys(input, keys.window, commands);
    if input.consume_key(Modifiers::NONE, Key::F5) {
        commands.push(Command::TogglePresenting);
    }
    if input.consume_key(Modifiers::NONE, AUDIENCE) {
        commands.push(Command::ToggleAudience);
    }
}

/// Zoom and full screen act on the window they are pressed in.
fn zoom_and_fullscreen_keys(input: &mut egui::InputState, window: KeyWindow, commands: &mut Vec<Command>) {
    let audience = window == KeyWindow::Audience;
    if input.consume_shortcut(&ZOOM_IN) || input.consume_shortcut(&ZOOM_IN_EQUALS) {
        commands.push(if audience { Command::AudienceZoomIn } else { Command::ZoomIn });
    }
    if input.consume_shortcut(&ZOOM_OUT) {
        commands.push(if audience { Command::AudienceZoomOut } else { Command::ZoomOut });
    }
    if input.consume_shortcut(&ZOOM_RESET) {
        commands.push(if audience { Command::AudienceZoomReset } else { Command::ZoomReset });
    }
    if input.consume_key(Modifiers::NONE, Key::F11) {
        commands.push(if audience { Command::ToggleAudienceFullscreen } else { Command::ToggleFullscreen });
    }
}

/// Alt+digit, Alt+S, Alt+R, Alt+Home: straight to a screen.
fn place_keys(input: &mut egui::InputState, keys: &KeyContext, commands: &mut Vec<Command>) {
    if !keys.has_workshop {
        return;
    }
    const DIGITS: [Key; 9] =
        [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];
    for (index, key) in DIGITS.into_iter().enumerate() {
        if input.consume_key(Modifiers::ALT, key) {
            commands.push(Command::GoTo(Place::Model(index)));
        }
    }
    for (key, place) in [(Key::S, Place::Summary), (Key::R, Place::Roadmap), (Key::Home, Place::Start)] {
        if input.consume_key(Modifiers::ALT, key) {
            commands.push(Command::GoTo(place));
        }
    }
}

/// The clicker's keys and the walk-through's.
fn navigation_keys(input: &mut egui::InputState, keys: &KeyContext, commands: &mut Vec<Command>) {
    if !keys.has_workshop {
        return;
    }
    // Ctrl+PageDown first: PageDown alone would match it too.
    if keys.screen == Screen::Walkthrough {
        if input.consume_key(Modifiers::CTRL, Key::PageDown) {
            commands.push(Command::NextLevel);
        }
        if input.consume_key(Modifiers::CTRL, Key::PageUp) {
            commands.push(Command::PreviousLevel);
        }
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
    if keys.screen != Screen::Walkthrough {
        return;
    }
    vote_keys(input, commands);
    if input.consume_key(Modifiers::NONE, Key::Enter) || input.consume_key(Modifiers::NONE, Key::N) {
        commands.push(Command::OpenNote);
    }
    for (key, command) in [
        (Key::T, Command::TargetFocusedLevel),
        (Key::C, Command::PlaceTeamOnFocusedLevel),
        (Key::A, Command::AcceptSuggestedLevel),
    ] {
        if input.consume_key(Modifiers::NONE, key) {
            commands.push(command);
        }
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
        if input.consume_key(Modifiers::NONE, Key::Num0) || input.consume_key(Modifiers::NONE, Key::Backspace)
        {
            commands.push(Command::Edit(Edit::SetAnswer {
                model: keys.model,
                indicator_id: indicator_id.clone(),
                answer: None,
            }));
        }
    }
}

/// The room's vote on the focused indicator: reveal, tally keys (one
/// raised hand each; Ctrl first, since a plain digit answers), and clear.
fn vote_keys(input: &mut egui::InputState, commands: &mut Vec<Command>) {
    let hands = [
        (Key::Num1, Answer::Yes),
        (Key::Num2, Answer::Partly),
        (Key::Num3, Answer::No),
        (Key::Num4, Answer::NotApplicable),
    ];
    for (key, answer) in hands {
        if input.consume_key(Modifiers::COMMAND, key) {
            commands.push(Command::AddHand(answer));
        }
    }
    if input.consume_key(Modifiers::COMMAND, Key::Backspace) {
        commands.push(Command::ClearVotes);
    }
    if input.consume_key(Modifiers::NONE, Key::R) {
        commands.push(Command::RevealVotes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_key() {
        let readme = include_str!("../../README.md");
        for (keys, does) in KEY_TABLE {
            let row = format!("| {keys} | {does} |");
            assert!(readme.contains(&row), "README.md's key table lacks:\n{row}");
        }
    }
}
