//! The app in a test harness with the room's vote open on loopback, as the
//! browser and load tests drive it.

use egui::Key;
use egui_kittest::Harness;
use maturity_workshop::ui::{Command, WorkshopApp};

/// A headless app on the sample workshop at 1920x1080 with voting open
/// (V) on 127.0.0.1 and a free port; the harness and the voting URL.
pub fn app_with_voting_open() -> (Harness<'static, WorkshopApp>, String) {
    let mut app = WorkshopApp::headless(tempfile::tempdir().unwrap().keep());
    app.set_vote_bind(Some("127.0.0.1:0".parse().unwrap()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(20)
        .build_ui_state(|ui, app: &mut WorkshopApp| app.frame_ui(ui), app);
    harness.state_mut().state.execute(Command::OpenSampleWorkshop);
    harness.run();
    harness.key_press(Key::V);
    harness.run();
    let url = harness.state().voting_url().unwrap().to_owned();
    let (address, _) = super::http::split_url(&url);
    assert!(address.ip().is_loopback());
    (harness, url)
}
