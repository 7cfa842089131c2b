//! The app driven as a facilitator would: by labels, clicks and keys, with
//! the accessibility check on (every control must have a label).

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{Screen, WorkshopApp};
use crate::workshop::{Answer, Assessment};

fn harness_at(width: f32, height: f32) -> Harness<'static, WorkshopApp> {
    // Leaked so the folder outlives the harness; tests are short-lived.
    let data_dir = tempfile::tempdir().unwrap().keep();
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, app: &mut WorkshopApp| app.frame_ui(ui), WorkshopApp::headless(data_dir))
}

fn harness() -> Harness<'static, WorkshopApp> {
    harness_at(1920.0, 1080.0)
}

fn assessment(harness: &Harness<'_, WorkshopApp>, model: usize) -> Assessment {
    harness.state().state.workshop().unwrap().assessments[model].clone()
}

/// Scrolls a control into view, as a facilitator would, then clicks it.
fn click(harness: &mut Harness<'_, WorkshopApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

fn press(harness: &mut Harness<'_, WorkshopApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// In the in-app file chooser: go to `folder`, name the file, save.
fn save_in_chooser(harness: &mut Harness<'_, WorkshopApp>, folder: &std::path::Path, name: &str) {
    for (label, text) in [("Folder", folder.display().to_string()), ("File name", name.to_owned())] {
        harness.get_by_label(label).focus();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.get_by_label(label).type_text(&text);
        press(harness, Key::Enter);
    }
    click(harness, "Save");
}

/// Fills the form and starts a workshop with the first and third bundled models.
fn start_workshop(harness: &mut Harness<'_, WorkshopApp>) {
    let team = harness.get_by_label("Team");
    team.focus();
    team.type_text("Checkout");
    harness.run();
    harness.get_by_label("The Deployment Maturity Model").click();
    harness.get_by_label("Deployment Levels").click();
    harness.run();
    click(harness, "Start workshop");
}

#[test]
fn a_facilitator_runs_a_workshop_by_keyboard_and_mouse() {
    let mut harness = harness();
    harness.run();
    start_workshop(&mut harness);
    let state = &harness.state().state;
    assert_eq!(state.screen(), Screen::Walkthrough);
    let workshop = state.workshop().unwrap();
    assert_eq!(workshop.details.team, "Checkout");
    let titles: Vec<_> = workshop.assessments.iter().map(|a| a.model.title.as_str()).collect();
    assert_eq!(titles, ["The Deployment Maturity Model", "Deployment Levels"]);

    // Level 1 (Unaware) by keyboard: 1 answers Yes, Right moves on.
    let unaware = assessment(&harness, 0).model.levels[0].indicators.len();
    for _ in 0..unaware {
        press(&mut harness, Key::Num1);
        press(&mut harness, Key::ArrowRight);
    }
    let a = assessment(&harness, 0);
    assert!(a.model.levels[0].indicators.iter().all(|i| a.answer(&i.id) == Some(Answer::Yes)));
    // Moving past the last indicator went on to the next level.
    assert_eq!(harness.state().state.nav().level, 1);
    assert_eq!(a.suggested_level(), 0);

    // Level 2 (Casual): the first answer by mouse, the rest by keys.
    harness.get_all_by_label("1 Yes").next().unwrap().click();
    harness.run();
    assert_eq!(assessment(&harness, 0).answer(&a.model.levels[1].indicators[0].id), Some(Answer::Yes));
    press(&mut harness, Key::ArrowRight);
    for _ in 1..a.model.levels[1].indicators.len() {
        press(&mut harness, Key::Num4);
        press(&mut harness, Key::PageDown);
    }
    let a = assessment(&harness, 0);
    assert_eq!(a.suggested_level(), 1, "Yes and Not applicable meet a level");
    assert_eq!(harness.state().state.nav().level, 2, "PageDown moves on like a clicker");
    harness.get_by_label("Suggested: Casual");

    // A Partly on Rigid keeps the suggestion at Casual.
    press(&mut harness, Key::Num2);
    assert_eq!(assessment(&harness, 0).suggested_level(), 1);

    // PageUp goes back to the previous level's last indicator.
    press(&mut harness, Key::PageUp);
    assert_eq!(harness.state().state.nav().level, 1);

    // Override the suggestion and say why.
    click(&mut harness, "Place the team at");
    // The popup's entry, drawn after the ladder's row of the same name.
    harness.get_all_by_label("Unaware").last().unwrap().click();
    harness.run();
    let a = assessment(&harness, 0);
    assert_eq!(a.current_level(), 0);
    assert!(a.is_current_overridden());
    let why = harness.get_by_label("Why the override");
    why.focus();
    why.type_text("Production still needs a manual step");
    harness.run();
    assert_eq!(
        assessment(&harness, 0).current_override.unwrap().reason,
        "Production still needs a manual step"
    );
    press(&mut harness, Key::Escape);

    // Set the target on the ladder: select Flexible, make it the target.
    harness.get_by_role_and_label(egui::Role::Button, "Flexible").click();
    harness.run();
    click(&mut harness, "Make the selected level the target");
    assert_eq!(assessment(&harness, 0).target_level.as_deref(), Some("flexible"));
    harness.get_by_role_and_label(egui::Role::Button, "Flexible, target level");

    // N opens the focused indicator's note; digits typed there are text,
    // not answers; Escape leaves the field and keys navigate again.
    let focused = super::walkthrough::focused_indicator_id(&harness.state().state).unwrap();
    press(&mut harness, Key::N);
    harness.get_by_label("Note").type_text("Needs 2 approvals");
    harness.run();
    let a = assessment(&harness, 0);
    assert_eq!(a.indicator_notes.get(&focused).map(String::as_str), Some("Needs 2 approvals"));
    assert_eq!(a.answer(&focused), None, "typing 2 in a note must not answer Partly");
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Num3);
    assert_eq!(assessment(&harness, 0).answer(&focused), Some(Answer::No));

    // A level note.
    let level_note = harness.get_by_label("Level note");
    level_note.focus();
    level_note.type_text("Flexible is the goal for spring");
    harness.run();
    press(&mut harness, Key::Escape);
    assert_eq!(
        assessment(&harness, 0).level_notes.get("flexible").map(String::as_str),
        Some("Flexible is the goal for spring")
    );

    // The second model, from the top bar.
    harness.get_by_label("Deployment Levels").click();
    harness.run();
    assert_eq!(harness.state().state.nav().model, 1);
    press(&mut harness, Key::Num1);
    assert_eq!(assessment(&harness, 1).answers.len(), 1);

    // Undo and redo by keys.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(assessment(&harness, 1).answers.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(assessment(&harness, 1).answers.len(), 1);

    // The summary shows both models.
    harness.get_by_label("Summary").click();
    harness.run();
    assert_eq!(harness.state().state.screen(), Screen::Summary);
    harness.get_by_label("Summary · Checkout");

    // Presenting hides the chrome; F5 brings it back.
    press(&mut harness, Key::F5);
    assert!(harness.state().state.presenting());
    assert!(harness.query_by_label("Roadmap").is_none());
    harness.get_by_label("Show controls (F5)");
    press(&mut harness, Key::F5);
    assert!(!harness.state().state.presenting());
    harness.get_by_label("Roadmap");
}

#[test]
fn sample_workshop_opens_on_every_screen_and_theme_without_unlabelled_controls() {
    for (width, height) in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let mut harness = harness_at(width, height);
        harness.run();
        harness.get_by_label("Open sample workshop").click();
        harness.run();
        for theme in ["Light", "Dark", "Projector"] {
            harness.get_by_label("View").click();
            harness.run();
            harness.get_by_label(&format!("{theme} theme")).click();
            harness.run();
            assert_eq!(harness.state().state.settings().theme.label(), theme);
            for model in 0..4 {
                harness.state_mut().state.execute(super::Command::SelectModel(model));
                harness.run();
            }
            harness.state_mut().state.execute(super::Command::Show(Screen::Summary));
            harness.run();
        }
    }
}

#[test]
fn zoom_and_fullscreen_keys_change_settings() {
    let mut harness = harness();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert!((harness.state().state.settings().zoom - 1.1).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert!((harness.state().state.settings().zoom - 1.0).abs() < 1e-4);
    press(&mut harness, Key::F11);
    assert!(harness.state().state.fullscreen());
}

#[test]
fn the_start_form_explains_what_is_missing() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Enter the team's name.");
    let team = harness.get_by_label("Team");
    team.focus();
    team.type_text("Ops");
    harness.run();
    harness.get_by_label("Pick at least one model.");
    harness.get_by_label("Start workshop").click();
    harness.run();
    assert_eq!(harness.state().state.screen(), Screen::Start);
}

#[test]
fn gaps_and_next_steps_become_actions_that_can_be_edited_moved_and_undone() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    click(&mut harness, "Roadmap");
    let before = harness.state().state.workshop().unwrap().actions.len();
    // The first gap of the first model that has no action yet.
    harness.get_all_by_label("Make action").next().unwrap().scroll_to_me();
    harness.run();
    harness.get_all_by_label("Make action").next().unwrap().click();
    harness.run();
    let workshop = harness.state().state.workshop().unwrap();
    assert_eq!(workshop.actions.len(), before + 1);
    let added = workshop.actions.last().unwrap().clone();
    assert_eq!(added.model_id.as_deref(), Some("deployment-maturity-model"));
    assert_eq!(added.indicator_ids.len(), 1, "a gap's action addresses its indicator");

    // Edit the new action (the last Now action): its owner and horizon.
    let new_index = before;
    harness.state_mut().state.execute(super::Command::EditAction(Some(new_index)));
    harness.run();
    let owner = harness.get_by_label("Owner");
    owner.focus();
    owner.type_text("Kwame");
    harness.run();
    // The editor's horizon choice comes before the Later group's heading.
    harness.get_all_by_label("Later").next().unwrap().click();
    harness.run();
    let action = &harness.state().state.workshop().unwrap().actions[new_index];
    assert_eq!(action.owner, "Kwame");
    assert_eq!(action.horizon, crate::workshop::Horizon::Later);

    // Free actions too.
    press(&mut harness, Key::Escape);
    click(&mut harness, "Add action");
    assert_eq!(harness.state().state.workshop().unwrap().actions.len(), before + 2);

    // Undo everything back to the sample's actions.
    for _ in 0..4 {
        harness.state_mut().state.execute(super::Command::Undo);
    }
    harness.run();
    assert_eq!(harness.state().state.workshop().unwrap().actions.len(), before);
}

#[test]
fn save_and_reopen_through_the_in_app_chooser() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    press(&mut harness, Key::Num2);
    assert!(harness.state().state.session().unwrap().is_dirty());

    // No native dialog in tests: Ctrl+S shows the in-app chooser.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    save_in_chooser(&mut harness, folder.path(), "team");
    let saved = folder.path().join("team.workshop.ron");
    assert!(saved.is_file(), "saved with the workshop ending");
    let session = harness.state().state.session().unwrap();
    assert!(!session.is_dirty());
    assert_eq!(session.path(), Some(saved.as_path()));

    // Reopen it from the recent list after closing.
    harness.state_mut().files_command(super::FileCommand::Close);
    harness.run();
    assert!(harness.state().state.session().is_none());
    click(&mut harness, "team.workshop.ron");
    let session = harness.state().state.session().unwrap();
    assert_eq!(session.path(), Some(saved.as_path()));
    assert_eq!(session.workshop().details.team, "Payments Platform");
}

#[test]
fn a_broken_workshop_file_is_reported_and_left_alone() {
    let folder = tempfile::tempdir().unwrap();
    let broken = folder.path().join("broken.workshop.ron");
    std::fs::write(&broken, "(format_version: 2, details: (team: 42))").unwrap();
    let mut harness = harness();
    harness.run();
    harness.state_mut().files_command(super::FileCommand::OpenRecent(broken.clone()));
    harness.run();
    let notice = harness.state().state.notice().cloned().unwrap();
    assert!(notice.is_error);
    assert!(notice.text.contains("broken.workshop.ron:1:"), "{}", notice.text);
    assert_eq!(harness.state().state.screen(), Screen::Start);
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), "(format_version: 2, details: (team: 42))");
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    press(&mut harness, Key::Num3);
    harness.state_mut().files_command(super::FileCommand::Close);
    harness.run();
    harness.get_by_label("Save changes?");
    click(&mut harness, "Cancel");
    assert!(harness.state().state.session().is_some());
    harness.state_mut().files_command(super::FileCommand::Close);
    harness.run();
    click(&mut harness, "Don't save");
    assert!(harness.state().state.session().is_none());
}

#[test]
fn an_idle_app_does_not_repaint() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    // Settled: one more pass finds nothing to do and asks for no repaint.
    assert_eq!(harness.run(), 1);
    assert!(!harness.ctx.has_requested_repaint());
}

/// The app as it starts for real on `paths`: autosave on, recovery
/// checked; tasks still run in place and the in-app chooser stands in for
/// native dialogs.
fn harness_with_autosave(paths: &crate::storage::AppPaths) -> Harness<'static, WorkshopApp> {
    let (mut files, _) = super::files::FileFlows::start(paths.clone(), None);
    files.synchronous = true;
    files.native_dialogs = false;
    let app = WorkshopApp::new(
        super::AppState::new(super::Settings::default(), super::ModelLibrary::bundled()),
        files,
    );
    Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui_state(|ui, app: &mut WorkshopApp| app.frame_ui(ui), app)
}

fn flush_autosave(harness: &Harness<'_, WorkshopApp>) {
    harness.state().files.autosave.as_ref().unwrap().flush().unwrap();
}

/// Seen under Xvfb (issue 10): the changes a facilitator chose not to save
/// were offered for recovery after the app was killed.
#[test]
fn after_dont_save_a_killed_app_offers_nothing_to_recover() {
    use crate::storage::autosave::read_autosave;
    let data_dir = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let paths = crate::storage::AppPaths::at(data_dir.path());
    let file = folder.path().join("team.workshop.ron");
    crate::storage::write_workshop_file(&file, &crate::workshop::sample::sample_workshop()).unwrap();
    let mut harness = harness_with_autosave(&paths);
    harness.run();

    // Open a workshop and change an answer: the change is autosaved.
    harness.state_mut().files_command(super::FileCommand::OpenRecent(file.clone()));
    harness.run();
    press(&mut harness, Key::Num2);
    flush_autosave(&harness);
    assert_eq!(read_autosave(&paths.autosave_file()).unwrap().file.as_deref(), Some(file.as_path()));

    // Open the sample and throw the change away.
    click(&mut harness, "Start");
    click(&mut harness, "Open sample workshop");
    click(&mut harness, "Don't save");
    assert!(!harness.state().state.is_dirty(), "the fresh sample is on screen");
    flush_autosave(&harness);
    assert!(!paths.autosave_file().exists(), "the autosave describes the session on screen");

    // Killed now: the next start has nothing to offer.
    drop(harness);
    let (restarted, _) = super::files::FileFlows::start(paths.clone(), None);
    assert!(restarted.prompt.is_none(), "offered the discarded changes: {:?}", restarted.prompt);
}

#[test]
fn unsaved_work_from_a_crash_is_offered_and_recovered() {
    use crate::storage::autosave::read_autosave;
    use crate::storage::{AppPaths, Autosaver};
    let data_dir = tempfile::tempdir().unwrap();
    let paths = AppPaths::at(data_dir.path());
    // A previous run autosaved a changed sample, then died.
    let mut crashed = crate::workshop::sample::sample_workshop();
    crashed.general_notes = "Written just before the crash".into();
    {
        let autosaver = Autosaver::start(paths.autosave_file()).unwrap();
        autosaver.submit(1, crashed.clone());
        autosaver.flush().unwrap();
    }

    let mut harness = harness_with_autosave(&paths);
    harness.run();
    harness.get_by_label("Recover unsaved work?");
    click(&mut harness, "Recover");
    let session = harness.state().state.session().unwrap();
    assert_eq!(session.workshop().general_notes, "Written just before the crash");
    assert!(session.is_dirty(), "recovered work is not in a file yet");

    // New changes reach the autosave again.
    press(&mut harness, Key::Num2);
    flush_autosave(&harness);
    let autosaved = read_autosave(&paths.autosave_file()).unwrap();
    assert_ne!(autosaved.workshop, crashed);
    assert_eq!(autosaved.workshop.general_notes, "Written just before the crash");
}

#[test]
fn the_roadmap_exports_as_pdf_and_markdown_from_the_app() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    for (keys, name, magic) in [(true, "roadmap.pdf", &b"%PDF"[..]), (false, "roadmap.md", &b"# "[..])] {
        if keys {
            harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
            harness.run();
        } else {
            harness.state_mut().files_command(super::FileCommand::ExportMarkdown);
            harness.run();
        }
        save_in_chooser(&mut harness, folder.path(), name);
        let bytes = std::fs::read(folder.path().join(name)).unwrap();
        assert!(bytes.starts_with(magic), "{name}");
        let notice = harness.state().state.notice().cloned().unwrap();
        assert!(!notice.is_error, "{}", notice.text);
        assert_eq!(notice.folder.as_deref(), Some(folder.path()));
        harness.get_by_label("Open folder");
    }
}

#[test]
fn the_export_message_names_characters_no_font_has() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    // An empty box in the app too, for once: kittest fails on them otherwise.
    harness.ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    press(&mut harness, Key::ArrowRight);
    press(&mut harness, Key::N);
    harness.get_all_by_label("Note").find(|note| note.is_focused()).unwrap().type_text("Plan \u{10FFFD} now");
    harness.run();
    press(&mut harness, Key::Escape);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    save_in_chooser(&mut harness, folder.path(), "roadmap.pdf");
    let notice = harness.state().state.notice().cloned().unwrap();
    assert!(notice.text.starts_with("Exported roadmap.pdf"), "{}", notice.text);
    assert!(notice.text.contains("1 character could not be drawn"), "{}", notice.text);
    assert!(notice.text.contains("U+10FFFD") && notice.text.contains("page "), "{}", notice.text);
}

/// kittest fails on any character drawn as an empty box, so typing notes in
/// every script and showing them on the walk-through and the summary
/// proves each has a font. Scripts this machine has no font for are skipped
/// and named (CI installs fonts-noto-cjk and fonts-noto-core).
#[test]
fn notes_in_every_script_show_in_the_app_without_boxes() {
    use crate::fonts::Script;
    use crate::pdf::fonts::{Weight, fonts};
    let notes = [
        (Script::Cjk, "中文：团队希望自动回滚。"),
        (Script::Cjk, "日本語：リリース前に確認します。"),
        (Script::Cjk, "한국어: 배포할 때마다 확인합니다."),
        (Script::Arabic, "العربية: يريد الفريق التراجع التلقائي."),
        (Script::Hebrew, "עברית: הצוות רוצה חזרה אוטומטית."),
        (Script::Devanagari, "हिन्दी: टीम स्वचालित रोलबैक चाहती है।"),
        (Script::Symbols, "Emoji: 🚀 ✅ 🔥 👍 🐛"),
    ];
    let pdf_fonts = fonts().unwrap();
    let drawable: Vec<&str> = notes
        .iter()
        .filter(|(script, note)| {
            let probe = note.chars().next().unwrap_or(' ').to_string();
            let found = pdf_fonts.face_for(Weight::Regular, *script, &probe).is_some();
            if !found {
                eprintln!("skipped: no font on this machine for {note}");
            }
            found
        })
        .map(|(_, note)| *note)
        .collect();
    let mut harness = harness();
    super::fonts::load_now(&harness.ctx);
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    press(&mut harness, Key::ArrowRight);
    press(&mut harness, Key::N);
    let text = drawable.join("\n");
    harness.get_all_by_label("Note").find(|note| note.is_focused()).unwrap().type_text(&text);
    harness.run();
    press(&mut harness, Key::Escape);
    click(&mut harness, "Summary");
    let workshop = harness.state().state.workshop().unwrap();
    assert!(workshop.assessments[0].indicator_notes.values().any(|note| note == &text));
    for note in drawable {
        harness.get_by_label_contains(note.split(' ').next().unwrap_or(note));
    }
}

#[test]
fn starting_another_workshop_over_unsaved_work_asks_first() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    press(&mut harness, Key::Num3);
    click(&mut harness, "Start");
    click(&mut harness, "Open sample workshop");
    harness.get_by_label("Save changes?");
    click(&mut harness, "Cancel");
    let session = harness.state().state.session().unwrap();
    assert!(session.is_dirty(), "the unsaved work is still open");
    click(&mut harness, "Open sample workshop");
    click(&mut harness, "Don't save");
    assert!(!harness.state().state.session().unwrap().is_dirty(), "a fresh sample");
}

#[test]
fn ctrl_z_in_a_note_is_the_note_s_own_undo() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    // The second indicator: the first carries the sample's long note.
    press(&mut harness, Key::ArrowRight);
    press(&mut harness, Key::Num2);
    let id = super::walkthrough::focused_indicator_id(&harness.state().state).unwrap();
    press(&mut harness, Key::N);
    harness.get_all_by_label("Note").find(|note| note.is_focused()).unwrap().type_text("abc");
    harness.run();
    assert_eq!(assessment(&harness, 0).indicator_notes.get(&id).map(String::as_str), Some("abc"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    // The text field undid the typing; the answer given before is untouched.
    assert_eq!(assessment(&harness, 0).indicator_notes.get(&id), None);
    assert_eq!(assessment(&harness, 0).answer(&id), Some(Answer::Partly));
}

#[test]
fn the_action_editor_follows_its_action_and_navigation_survives_undo() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    let state = &mut harness.state_mut().state;
    state.execute(super::Command::Show(Screen::Roadmap));
    state.execute(super::Command::EditAction(Some(0)));
    state.execute(super::Command::Edit(crate::workshop::Edit::MoveAction { from: 0, to: 1 }));
    assert_eq!(state.nav().editing_action, Some(1));
    state.execute(super::Command::Undo);
    assert_eq!(state.nav().editing_action, None);
}

#[test]
fn workshop_details_can_be_corrected_on_the_summary() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    click(&mut harness, "Summary");
    click(&mut harness, "Edit workshop details");
    let field = harness.get_by_label("Participants");
    field.focus();
    harness.key_press(Key::End);
    harness.get_by_label("Participants").type_text(", Lin Wei");
    harness.run();
    let participants = &harness.state().state.workshop().unwrap().details.participants;
    assert_eq!(participants.last().map(String::as_str), Some("Lin Wei"));
    assert_eq!(participants.len(), 6);
}

#[test]
fn a_second_copy_of_the_app_neither_recovers_nor_overwrites_the_first_ones_autosave() {
    let data_dir = tempfile::tempdir().unwrap();
    let paths = crate::storage::AppPaths::at(data_dir.path());
    let mut leftover = crate::workshop::sample::sample_workshop();
    leftover.general_notes = "from a crash".into();
    {
        let autosaver = crate::storage::Autosaver::start(paths.autosave_file()).unwrap();
        autosaver.submit(1, leftover);
        autosaver.flush().unwrap();
    }
    let (first, _) = super::files::FileFlows::start(paths.clone(), None);
    assert!(matches!(first.prompt, Some(super::files::Prompt::Recover(_))), "the first copy offers it");
    let (second, _) = super::files::FileFlows::start(paths.clone(), None);
    assert!(second.prompt.is_none(), "the second copy leaves it to the first");
    let mut work = crate::workshop::sample::sample_workshop();
    work.general_notes = "second window".into();
    let autosave = second.autosave.as_ref().unwrap();
    autosave.submit(1, work);
    autosave.flush().unwrap();
    let shared = crate::storage::autosave::read_autosave(&paths.autosave_file()).unwrap();
    assert_eq!(shared.workshop.general_notes, "from a crash", "the shared autosave is untouched");
    drop(first);
}

#[test]
fn answers_set_aside_by_an_upgrade_are_listed_on_the_summary() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    let mut workshop = crate::workshop::sample::sample_workshop();
    workshop.assessments[0].orphaned_answers.push(crate::workshop::OrphanedAnswer {
        indicator_id: "gone".into(),
        statement: "Releases are faxed to operations.".into(),
        answer: Some(Answer::Yes),
        note: "We stopped faxing in 2019.".into(),
        from_version: 1,
    });
    let opened = super::OpenedFile { workshop, path: "upgraded.workshop.ron".into(), migrated_from: None };
    harness.state_mut().state.execute(super::Command::OpenFile(Box::new(opened)));
    harness.state_mut().state.execute(super::Command::Show(Screen::Summary));
    harness.run();
    harness.get_by_label("Kept from an earlier model version");
    harness.get_by_label("Releases are faxed to operations. — Yes (version 1)");
    harness.get_by_label("We stopped faxing in 2019.");
}

/// In the in-app file chooser: go to `folder`, name the file, open it.
fn open_in_chooser(harness: &mut Harness<'_, WorkshopApp>, folder: &std::path::Path, name: &str) {
    for (label, text) in [("Folder", folder.display().to_string()), ("File name", name.to_owned())] {
        harness.get_by_label(label).focus();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.get_by_label(label).type_text(&text);
        press(harness, Key::Enter);
    }
    click(harness, "Open");
}

#[test]
fn a_markdown_model_is_previewed_added_and_saved_in_the_models_folder() {
    let data_dir = tempfile::tempdir().unwrap();
    let documents = tempfile::tempdir().unwrap();
    let seed = include_str!("../../tests/fixtures/deployment-levels.md");
    std::fs::write(documents.path().join("deployment.md"), seed).unwrap();
    let broken = seed.replace("### Indications that you're operating at level 2", "### Notes");
    std::fs::write(documents.path().join("broken.md"), &broken).unwrap();
    let mut harness = Harness::builder().with_size(egui::vec2(1280.0, 720.0)).build_ui_state(
        |ui, app: &mut WorkshopApp| app.frame_ui(ui),
        WorkshopApp::headless(data_dir.path().to_owned()),
    );
    harness.run();

    // A broken document: its problems, with their lines, and nothing added.
    click(&mut harness, "Add a model from a file…");
    open_in_chooser(&mut harness, documents.path(), "broken.md");
    harness.get_by_label("This model cannot be added yet");
    harness.get_by_label("broken.md:65:1");
    harness.get_by_label("broken.md:69:1");
    assert_eq!(harness.query_all_by_label("Add model").count(), 0);
    // Fixed in an editor, then read again: the preview follows.
    std::fs::write(documents.path().join("broken.md"), seed).unwrap();
    click(&mut harness, "Read again");
    harness.get_by_label("Add this model?");
    click(&mut harness, "Cancel");
    assert!(harness.state().state.library().find("deployment").is_none(), "cancel adds nothing");

    click(&mut harness, "Add a model from a file…");
    open_in_chooser(&mut harness, documents.path(), "deployment.md");
    harness.get_by_label("Add this model?");
    harness.get_by_label("1. Level 0");
    // On a 720-pixel projector the whole preview, buttons too, is on screen.
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0));
    for label in ["Add this model?", "Add model", "Cancel"] {
        let rect = harness.get_by_label(label).rect();
        assert!(screen.contains_rect(rect), "{label} at {rect:?}");
    }
    click(&mut harness, "Add model");
    let state = &harness.state().state;
    let added = state.library().find("deployment").expect("added to the list");
    assert_eq!(added.model.indicator_count(), 12);
    assert!(state.start.picked.contains(&"deployment".to_owned()), "picked for the new workshop");
    let saved = data_dir.path().join("models").join("deployment.ron");
    assert_eq!(added.origin, super::Origin::File(saved.clone()));
    let file = crate::storage::read_model_file(&saved).unwrap();
    assert_eq!(file.model, *added.model);
    assert!(state.notice().unwrap().text.contains("saved as"), "{:?}", state.notice());
    // Its title is on the start screen, ready to tick.
    harness.get_by_label("Deployment");

    // Imported again (say, after a review in the wiki): an update.
    click(&mut harness, "Add a model from a file…");
    open_in_chooser(&mut harness, documents.path(), "deployment.md");
    harness.get_by_label(
        "It replaces Deployment (version 1) added before; the previous file is kept as deployment.ron.bak.",
    );
    click(&mut harness, "Cancel");

    // The longest bundled ladder still leaves the buttons on screen.
    let (models, _) = crate::model::bundled_models();
    let longest = models.iter().max_by_key(|m| m.levels.len()).unwrap();
    std::fs::write(documents.path().join("long.md"), crate::model_md::model_to_markdown(longest)).unwrap();
    click(&mut harness, "Add a model from a file…");
    open_in_chooser(&mut harness, documents.path(), "long.md");
    for label in ["Add this model?", "Add model", "Cancel"] {
        let rect = harness.get_by_label(label).rect();
        assert!(screen.contains_rect(rect), "{label} at {rect:?}");
    }
    click(&mut harness, "Cancel");
}

#[test]
fn a_model_file_already_in_the_models_folder_is_added_as_it_is() {
    let data_dir = tempfile::tempdir().unwrap();
    let models = data_dir.path().join("models");
    std::fs::create_dir_all(&models).unwrap();
    let seed = include_str!("../../tests/fixtures/deployment-levels.md");
    let model = crate::model_md::parse_model_markdown("seed.md", seed).unwrap();
    let mine = models.join("mine.ron");
    std::fs::write(&mine, crate::model::model_to_ron(&model).unwrap()).unwrap();
    let mut harness = Harness::builder().with_size(egui::vec2(1920.0, 1080.0)).build_ui_state(
        |ui, app: &mut WorkshopApp| app.frame_ui(ui),
        WorkshopApp::headless(data_dir.path().to_owned()),
    );
    harness.run();
    click(&mut harness, "Add a model from a file…");
    open_in_chooser(&mut harness, &models, "mine.ron");
    harness.get_by_label("It is in your models folder, so it is listed at every start.");
    click(&mut harness, "Add model");
    let added = harness.state().state.library().find("deployment").expect("added");
    assert_eq!(added.origin, super::Origin::File(mine));
    let files: Vec<_> = std::fs::read_dir(&models).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files, ["mine.ron"], "no second copy");
}

#[test]
fn an_indicators_source_opens_on_request() {
    let mut harness = harness();
    harness.run();
    start_workshop(&mut harness);
    assert_eq!(harness.state().state.settings().theme.label(), "Projector");
    let model = assessment(&harness, 0).model;
    let first = &model.levels[0].indicators[0];
    let quote = format!("\u{201C}{}\u{201D}", first.source.as_deref().unwrap());
    // The first level says how to read it.
    harness.get_by_label(super::floor_hint::FLOOR_HINT);
    // Closed at first: every indicator of the level offers its source.
    assert!(harness.query_by_label(&quote).is_none());
    assert_eq!(harness.get_all_by_label("Show source").count(), model.levels[0].indicators.len());

    let before = harness.state().state.workshop().unwrap().clone();
    harness.get_all_by_label("Show source").next().unwrap().click();
    harness.run();
    harness.get_by_label(&quote);
    harness.get_by_label("From The Deployment Maturity Model (2013)");
    // Only that indicator's source opened, and the workshop is unchanged.
    assert_eq!(harness.get_all_by_label("Show source").count(), model.levels[0].indicators.len() - 1);
    assert_eq!(harness.state().state.workshop().unwrap(), &before, "opening a source is not an edit");

    // It stays open on another level and back, and closes on request.
    harness.key_press_modifiers(Modifiers::CTRL, Key::PageDown);
    harness.run();
    assert_eq!(harness.state().state.nav().level, 1);
    assert!(harness.query_by_label(&quote).is_none());
    assert!(harness.query_by_label(super::floor_hint::FLOOR_HINT).is_none(), "only on the floor");
    harness.key_press_modifiers(Modifiers::CTRL, Key::PageUp);
    harness.run();
    harness.get_by_label(&quote);
    click(&mut harness, "Hide source");
    assert!(harness.query_by_label(&quote).is_none());
}

#[test]
fn s_shows_the_focused_indicators_source_except_while_typing() {
    let mut harness = harness();
    harness.run();
    start_workshop(&mut harness);
    let model = assessment(&harness, 0).model;
    let quote_of = |index: usize| {
        format!("\u{201C}{}\u{201D}", model.levels[0].indicators[index].source.as_deref().unwrap())
    };
    press(&mut harness, Key::S);
    harness.get_by_label(&quote_of(0));
    // The key follows the focus: the next indicator opens its own.
    press(&mut harness, Key::ArrowRight);
    press(&mut harness, Key::S);
    harness.get_by_label(&quote_of(1));
    harness.get_by_label(&quote_of(0));
    press(&mut harness, Key::S);
    assert!(harness.query_by_label(&quote_of(1)).is_none());

    // In a note, S is a letter.
    press(&mut harness, Key::N);
    harness.get_all_by_label("Note").find(|note| note.is_focused()).unwrap().type_text("s");
    harness.key_press(Key::S);
    harness.run();
    assert!(harness.query_by_label(&quote_of(1)).is_none());
    let note = assessment(&harness, 0).indicator_notes.get(&model.levels[0].indicators[1].id).cloned();
    assert!(note.is_some_and(|note| note.starts_with('s')), "the note got the letter");
}

/// Two levels may share a name (only ids must differ): every widget id
/// comes from ids, so both rungs exist and each selects its own level.
#[test]
fn levels_with_the_same_name_are_told_apart() {
    let mut workshop = crate::workshop::sample::sample_workshop();
    let mut model = (*workshop.assessments[0].model).clone();
    model.levels[1].name = "Twin".into();
    model.levels[2].name = "Twin".into();
    workshop.assessments[0].model = std::sync::Arc::new(model);
    workshop.assessments[0].target_level = None;
    let mut harness = harness();
    harness.run();
    let opened = super::OpenedFile { workshop, path: "twins.workshop.ron".into(), migrated_from: None };
    harness.state_mut().state.execute(super::Command::OpenFile(Box::new(opened)));
    harness.run();
    let rung = || egui_kittest::kittest::by().role(egui::accesskit::Role::Button).label("Twin");
    assert_eq!(harness.get_all(rung()).count(), 2, "one rung per level");
    harness.get_all(rung()).last().unwrap().click();
    harness.run();
    assert_eq!(harness.state().state.nav().level, 1, "the lower twin");
    harness.get_all(rung()).next().unwrap().click();
    harness.run();
    assert_eq!(harness.state().state.nav().level, 2, "the upper twin");
    for screen in [Screen::Summary, Screen::Roadmap] {
        harness.state_mut().state.execute(super::Command::Show(screen));
        harness.run();
    }
}

/// A half-typed date never reaches the workshop: the file would be refused
/// when read (issue 10). It stays in the field, with a hint, until it is one.
#[test]
fn only_a_real_due_date_is_stored() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Open sample workshop").click();
    harness.run();
    harness.state_mut().state.execute(super::Command::Show(Screen::Roadmap));
    harness.state_mut().state.execute(super::Command::EditAction(Some(0)));
    harness.run();
    let before = harness.state().state.workshop().unwrap().actions[0].due.clone();
    harness.get_by_label("Due").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Due").type_text("2026-1");
    harness.run();
    assert_eq!(harness.state().state.workshop().unwrap().actions[0].due, before, "not a date yet");
    harness.get_by_label("Write the due date as YYYY-MM-DD; it is kept once it is one.");
    assert_eq!(harness.get_by_label("Due").value().as_deref(), Some("2026-1"), "kept as typed");
    harness.get_by_label("Due").type_text("2-01");
    harness.run();
    let due = harness.state().state.workshop().unwrap().actions[0].due.clone();
    assert_eq!(due.as_deref(), Some("2026-12-01"));
    assert!(harness.query_by_label("Write the due date as YYYY-MM-DD; it is kept once it is one.").is_none());
}
