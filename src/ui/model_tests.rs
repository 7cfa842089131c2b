//! Models in the app: a Markdown model previewed and added, a model file
//! added as it is, an indicator's source shown on request, levels with the
//! same name told apart, and answers an upgrade set aside. Accessibility
//! check on.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::tests::{assessment, click, harness, press, start_workshop};
use super::{Screen, WorkshopApp};
use crate::workshop::Answer;

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
