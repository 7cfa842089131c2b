//! Idle: with the sample workshop open and nothing happening, the app asks
//! for no frame at all (issue 6), on every screen, for five simulated
//! seconds; and a blinking text cursor repaints only as often as it blinks.
//!
//! Two views of the same property:
//! - `an_event_loop_paints_no_idle_frame`: egui's own context with the
//!   styles the real app runs with (animations and cursor blink on), driven
//!   the way eframe drives it: a frame whenever the last one asked for a
//!   repaint, at the time it asked for, on a simulated clock. Frames are
//!   counted.
//! - `kittest_sees_no_repaint_request_while_time_passes`: the kittest
//!   harness the app's own tests use, stepped through five seconds.
//!
//! - `both_windows_paint_no_idle_frame`: the same loop with the audience
//!   window open as eframe opens it (an immediate viewport, drawn by a
//!   renderer installed the way eframe installs its own), counting the
//!   frames of both windows; and with the time-box clock running, one
//!   frame a second at most.
//!
//! `cargo test --test idle -- --nocapture` prints the frame counts;
//! `IDLE_TRACE=1` also prints every frame with egui's repaint causes.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use egui::{Pos2, RawInput, Rect, Vec2, ViewportId};
use egui_kittest::Harness;
use maturity_workshop::ui::{Command, PortfolioCommand, Screen, WorkshopApp};
use maturity_workshop::workshop::clock::ManualClock;

const SIZE: Vec2 = Vec2::new(1920.0, 1080.0);
const IDLE_SECONDS: f64 = 5.0;
/// The shortest gap between two frames: a 60 Hz display.
const VSYNC: f64 = 1.0 / 60.0;
/// How late a timer wakes the loop. Never exactly on time in a real loop;
/// exactly on time, egui's cursor blink lands on the edge of its cycle and
/// asks again at once.
const TIMER_LATENCY: f64 = 0.001;

#[derive(Clone, Copy, Debug)]
enum View {
    /// The walk-through of the sample's largest model, on its busiest level.
    Walkthrough,
    Summary,
    Roadmap,
    /// Sixty generated workshops of thirty teams (issue 13).
    Portfolio,
}

const VIEWS: [View; 4] = [View::Walkthrough, View::Summary, View::Roadmap, View::Portfolio];

fn show(app: &mut WorkshopApp, view: View) {
    match view {
        View::Walkthrough => {
            let (model, level) =
                app.state.workshop().and_then(|w| w.busiest_level()).expect("the sample has models");
            app.state.execute(Command::SelectModel(model));
            app.state.execute(Command::SelectLevel(level));
        }
        View::Summary => app.state.execute(Command::Show(Screen::Summary)),
        View::Roadmap => app.state.execute(Command::Show(Screen::Roadmap)),
        View::Portfolio => {
            let workshops: Vec<_> =
                maturity_workshop::workshop::sample::generated_portfolio(60, 30).collect();
            let portfolio = maturity_workshop::portfolio::Portfolio::from_workshops(
                vec!["generated".into()],
                workshops.iter().map(|(file, workshop)| (file.into(), workshop)),
            );
            app.state.execute(Command::Portfolio(PortfolioCommand::Loaded(std::sync::Arc::new(portfolio))));
        }
    }
}

/// eframe's loop on a simulated clock: after each frame, the next one comes
/// when the frame's `repaint_delay` says (at the earliest one vsync later,
/// a timer a millisecond late), or never.
struct EventLoop {
    ctx: egui::Context,
    app: WorkshopApp,
    now: f64,
    /// When the last frame asked to be painted again, if it did.
    next_frame: Option<f64>,
    /// Every call of `frame_ui`: the debug counter.
    frames: u64,
    /// Frames of the audience window, drawn inside the presenter's.
    audience_frames: Rc<Cell<u64>>,
    /// The loop's time, for the audience window's renderer.
    clock: Rc<Cell<f64>>,
    /// The app's time-box clock, moved with the loop's.
    app_clock: Arc<ManualClock>,
    _data_dir: tempfile::TempDir,
}

impl EventLoop {
    fn new() -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let mut app = WorkshopApp::headless(data_dir.path().to_path_buf());
        let app_clock = Arc::new(ManualClock::default());
        app.state.set_clock(app_clock.clone());
        Self {
            ctx: egui::Context::default(),
            app,
            now: 0.0,
            next_frame: Some(0.0),
            frames: 0,
            audience_frames: Rc::new(Cell::new(0)),
            clock: Rc::new(Cell::new(0.0)),
            app_clock,
            _data_dir: data_dir,
        }
    }

    /// With a second native window, as eframe runs immediate viewports: a
    /// nested `run_ui` with the child's id, inside the parent's frame.
    fn with_audience_window() -> Self {
        let event_loop = Self::new();
        event_loop.ctx.set_embed_viewports(false);
        let frames = event_loop.audience_frames.clone();
        let clock = event_loop.clock.clone();
        egui::Context::set_immediate_viewport_renderer(move |ctx, viewport| {
            let id = viewport.ids.this;
            let mut input = RawInput {
                viewport_id: id,
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
                time: Some(clock.get()),
                predicted_dt: VSYNC as f32,
                ..RawInput::default()
            };
            input.viewports.insert(id, egui::ViewportInfo::default());
            let mut draw = viewport.viewport_ui_cb;
            let output = ctx.run_ui(input, |ui| draw(ui));
            frames.set(frames.get() + 1);
            output.drop_without_applying_deltas();
        });
        event_loop
    }

    /// One frame at `self.now`, with `events` as its input.
    fn frame(&mut self, events: Vec<egui::Event>) {
        self.clock.set(self.now);
        self.app_clock.set(Duration::from_secs_f64(self.now));
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
            time: Some(self.now),
            predicted_dt: VSYNC as f32,
            events,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let frames = &mut self.frames;
        let output = self.ctx.run_ui(input, |ui| {
            *frames += 1;
            app.frame_ui(ui);
        });
        // Every window's wish: the audience window is painted with the
        // presenter's (an immediate viewport), so the sooner one counts.
        let delay = output.viewport_output.values().map(|v| v.repaint_delay).min().unwrap_or(Duration::MAX);
        assert!(output.viewport_output.contains_key(&ViewportId::ROOT));
        // No GPU to upload font atlas changes to.
        output.drop_without_applying_deltas();
        if std::env::var_os("IDLE_TRACE").is_some() {
            eprintln!("frame at {:.3}: next in {delay:?}, causes {:?}", self.now, self.ctx.repaint_causes());
        }
        self.next_frame = (delay != Duration::MAX).then(|| match delay {
            Duration::ZERO => self.now + VSYNC,
            _ => self.now + (delay.as_secs_f64() + TIMER_LATENCY).max(VSYNC),
        });
    }

    /// Runs the frames asked for until none is, or panics after `limit`
    /// seconds: opening a screen may animate (scrolling to the focused
    /// indicator), but briefly.
    fn settle(&mut self, what: &str) {
        let limit = self.now + 2.0;
        while let Some(at) = self.next_frame {
            assert!(
                at <= limit,
                "{what}: still repainting 2 s after the last change; causes: {:?}",
                self.ctx.repaint_causes()
            );
            self.now = at;
            self.frame(Vec::new());
        }
    }

    /// Lets `seconds` pass with no input; returns the frames painted.
    fn idle(&mut self, seconds: f64) -> u64 {
        let end = self.now + seconds;
        let before = self.frames;
        while let Some(at) = self.next_frame.filter(|at| *at <= end) {
            self.now = at;
            self.frame(Vec::new());
        }
        self.now = end;
        self.frames - before
    }

    /// The facilitator does something: a key, then the frames it causes.
    fn command(&mut self, command: Command, what: &str) {
        self.app.state.execute(command);
        self.now += 0.1;
        self.frame(Vec::new());
        self.settle(what);
    }
}

#[test]
fn an_event_loop_paints_no_idle_frame() {
    let mut event_loop = EventLoop::new();
    event_loop.settle("start screen");
    event_loop.command(Command::OpenSampleWorkshop, "opening the sample");
    for view in VIEWS {
        show(&mut event_loop.app, view);
        event_loop.now += 0.1;
        event_loop.frame(Vec::new());
        let before = event_loop.frames;
        event_loop.settle(&format!("{view:?}"));
        let settling = event_loop.frames - before + 1;
        let painted = event_loop.idle(IDLE_SECONDS);
        eprintln!("{view:?}: {settling} frames to settle, then {painted} in {IDLE_SECONDS} idle seconds");
        assert_eq!(
            painted,
            0,
            "{view:?}: {painted} frames painted in {IDLE_SECONDS} idle seconds; causes: {:?}",
            event_loop.ctx.repaint_causes()
        );
        assert!(!event_loop.ctx.has_requested_repaint(), "{view:?}: a repaint is still pending");
    }
}

#[test]
fn both_windows_paint_no_idle_frame_and_a_running_clock_one_a_second() {
    let mut event_loop = EventLoop::with_audience_window();
    event_loop.settle("start screen");
    event_loop.command(Command::OpenSampleWorkshop, "opening the sample");
    event_loop.command(Command::ToggleAudience, "opening the audience window");
    assert!(event_loop.audience_frames.get() > 0, "the audience window was drawn");
    for view in VIEWS {
        show(&mut event_loop.app, view);
        event_loop.now += 0.1;
        event_loop.frame(Vec::new());
        event_loop.settle(&format!("{view:?} with the audience window"));
        let (before, wall_before) = (event_loop.frames, event_loop.audience_frames.get());
        let painted = event_loop.idle(IDLE_SECONDS);
        let wall = event_loop.audience_frames.get() - wall_before;
        eprintln!(
            "{view:?}, both windows: {painted} presenter and {wall} audience frames in {IDLE_SECONDS} idle seconds"
        );
        assert_eq!(
            (painted, wall),
            (0, 0),
            "{view:?}: frames painted while idle; causes: {:?}",
            event_loop.ctx.repaint_causes()
        );
        assert_eq!(event_loop.frames, before);
    }
    // The clock running: a frame a second in both windows, no more.
    show(&mut event_loop.app, View::Walkthrough);
    event_loop.command(Command::TimerTick, "the walk-through");
    // Started, the clock never settles: it ticks.
    event_loop.app.state.execute(Command::ToggleTimer);
    event_loop.now += 0.1;
    event_loop.frame(Vec::new());
    let _ = event_loop.idle(0.5);
    let wall_before = event_loop.audience_frames.get();
    let painted = event_loop.idle(IDLE_SECONDS);
    let wall = event_loop.audience_frames.get() - wall_before;
    eprintln!("clock running: {painted} presenter and {wall} audience frames in {IDLE_SECONDS} s");
    assert!(
        painted <= IDLE_SECONDS as u64 + 1,
        "{painted} frames in {IDLE_SECONDS} s with the clock running"
    );
    assert!(painted >= IDLE_SECONDS as u64 - 1, "the clock must tick: {painted} frames in {IDLE_SECONDS} s");
    assert_eq!(wall, painted, "the wall ticks with the presenter");
    // Paused again: nothing.
    event_loop.command(Command::ToggleTimer, "pausing the clock");
    let (painted, wall_before) = (event_loop.idle(IDLE_SECONDS), event_loop.audience_frames.get());
    assert_eq!((painted, event_loop.audience_frames.get() - wall_before), (0, 0));
}

#[test]
fn a_blinking_cursor_repaints_only_as_it_blinks() {
    let mut event_loop = EventLoop::new();
    event_loop.settle("start screen");
    event_loop.command(Command::OpenSampleWorkshop, "opening the sample");
    show(&mut event_loop.app, View::Walkthrough);
    // N: the focused indicator's note takes the keyboard.
    event_loop.app.state.execute(Command::OpenNote);
    event_loop.now += 0.1;
    event_loop.frame(Vec::new());
    // Let the scroll to the note finish; the cursor keeps asking.
    let _ = event_loop.idle(1.0);
    assert!(event_loop.ctx.egui_wants_keyboard_input(), "the note field has the keyboard");
    let painted = event_loop.idle(IDLE_SECONDS);
    eprintln!("note field focused: {painted} frames in {IDLE_SECONDS} idle seconds");
    let blink = event_loop.ctx.global_style().visuals.text_cursor.clone();
    let toggles = IDLE_SECONDS / f64::from(blink.on_duration.min(blink.off_duration));
    assert!(
        painted as f64 <= toggles + 1.0,
        "{painted} frames in {IDLE_SECONDS} s with only a cursor blinking every {} s",
        blink.on_duration
    );
}

#[test]
fn kittest_sees_no_repaint_request_while_time_passes() {
    let step_dt: f32 = 0.25;
    let data_dir = tempfile::tempdir().unwrap();
    let mut harness = Harness::builder().with_size(SIZE).with_step_dt(step_dt).build_ui_state(
        |ui, app: &mut WorkshopApp| app.frame_ui(ui),
        WorkshopApp::headless(data_dir.path().into()),
    );
    harness.run();
    harness.state_mut().state.execute(Command::OpenSampleWorkshop);
    harness.run();
    for view in VIEWS {
        show(harness.state_mut(), view);
        harness.run();
        // Settled: one more pass finds nothing to do.
        assert_eq!(harness.run(), 1, "{view:?} keeps asking for frames");
        // Five seconds pass, a step every quarter second; not one asks for
        // a frame, now or later.
        let steps = (IDLE_SECONDS / f64::from(step_dt)) as usize;
        let asked = (0..steps)
            .filter(|_| {
                harness.step();
                harness.ctx.has_requested_repaint()
            })
            .count();
        assert_eq!(asked, 0, "{view:?}: {asked} of {steps} idle steps asked for a repaint");
    }
}
