//! What the screens, keys and the app's tasks ask of the state: carried
//! out by `AppState::execute` (`execute.rs`), or by the app for what needs
//! the disk, the window or the network.

use std::path::PathBuf;

use super::{Notice, Screen};
use crate::model::MaturityModel;
use crate::pdf::Paper;
use crate::storage::autosave::RecoveredWorkshop;
use crate::ui::portfolio::PortfolioCommand;
use crate::ui::theme::ThemeChoice;
use crate::workshop::{Answer, Edit, ModelDrift, Workshop};

/// Commands that reach the disk; the app runs them as tasks.
#[derive(Clone, Debug, PartialEq)]
pub enum FileCommand {
    Open,
    OpenRecent(PathBuf),
    Save,
    SaveAs,
    OpenModel,
    ExportPdf,
    ExportMarkdown,
    /// Shows a folder in the desktop's file manager.
    OpenFolder(PathBuf),
    /// Close the workshop, asking first about unsaved changes.
    Close,
    Quit,
    /// Answers to the unsaved-changes question.
    SaveThenContinue,
    DiscardThenContinue,
    CancelPrompt,
    Recover,
    DiscardRecovery,
    UpgradeModels,
    KeepModelVersions,
    /// Answers to the preview of a model read from a file.
    AddPreviewedModel,
    ReadPreviewedModelAgain,
    /// Choose a folder of workshop files and read it as a portfolio.
    OpenPortfolio,
    /// Read this folder (or file) as the portfolio.
    OpenPortfolioAt(PathBuf),
    /// Read the portfolio's folders again (files changed on disk).
    ReloadPortfolio,
    /// Stop a portfolio read that is under way.
    CancelPortfolio,
}

/// A workshop file that was read, for [`Command::OpenFile`].
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedFile {
    pub workshop: Workshop,
    pub path: PathBuf,
    /// The file's format version when it was older than this build's.
    pub migrated_from: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    File(FileCommand),
    Edit(Edit),
    Undo,
    Redo,
    /// Ends a run of merged text edits (a text field lost focus).
    SealUndo,
    Show(Screen),
    SelectModel(usize),
    SelectLevel(usize),
    FocusIndicator(usize),
    NextIndicator,
    PreviousIndicator,
    NextLevel,
    PreviousLevel,
    OpenNote,
    EditAction(Option<usize>),
    CreateWorkshop,
    OpenSampleWorkshop,
    /// A workshop read from its file: shown clean.
    OpenFile(Box<OpenedFile>),
    /// Work from an autosave: shown unsaved, with the file it belongs to.
    OpenRecovered(Box<RecoveredWorkshop>),
    /// A save of `revision` of session `generation` reached `path`.
    MarkSaved {
        generation: u64,
        revision: u64,
        path: PathBuf,
    },
    /// Upgrade each drifted model, each as one undoable step.
    UpgradeModels(Vec<ModelDrift>),
    /// A model read from a file joins the library and is picked.
    AddModel {
        model: Box<MaturityModel>,
        path: PathBuf,
    },
    CloseWorkshop,
    SetTheme(ThemeChoice),
    SetPaper(Paper),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleFullscreen,
    TogglePresenting,
    Notify(Notice),
    DismissNotice,
    Portfolio(PortfolioCommand),
    /// Jump to a screen or a model's walk-through (Alt+digit, Alt+S, …).
    GoTo(Place),
    /// Keys on the focused level: make it the target (again: no target),
    /// place the team on it, or accept the suggested level.
    TargetFocusedLevel,
    PlaceTeamOnFocusedLevel,
    AcceptSuggestedLevel,
    /// Start or pause the time-box clock.
    ToggleTimer,
    /// Hands the running timer's time to the level shown (each frame
    /// while it runs; it records at most once a minute).
    TimerTick,
    /// Every second run so far into the workshop, before a save.
    FlushTimer,
    /// Open or close the audience window.
    ToggleAudience,
    /// The audience window's own close button.
    CloseAudience,
    ToggleAudienceFullscreen,
    AudienceZoomIn,
    AudienceZoomOut,
    AudienceZoomReset,
    /// The audience window moved or was resized (points).
    RememberAudienceWindow {
        position: Option<[f32; 2]>,
        size: Option<[f32; 2]>,
        fullscreen: bool,
    },
    /// A blank wall (B), as presentation tools do for a pause.
    ToggleBlank,
    ToggleHelp,
    CloseHelp,
    TogglePresenterStrip,
    /// Open or close the room's vote (the app runs the server).
    ToggleVoting,
    /// Show the focused indicator's votes to everyone.
    RevealVotes,
    /// One more raised hand for an answer on the focused indicator.
    AddHand(Answer),
    /// Forget the focused indicator's spread: the room votes again.
    ClearVotes,
    /// The app opened the voting server, or closed it (`None`).
    VotingStatus(Option<crate::ui::voting::VotingStatus>),
    /// What the room did so far, from the voting server.
    VotingTally(crate::voting::Tally),
}

/// A place to go by key: a screen, or a model's walk-through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Start,
    Model(usize),
    Summary,
    Roadmap,
}

/// Where the walk-through forward (PageDown) and back (PageUp) lead: an
/// indicator, or a screen after or before the levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Indicator {
        model: usize,
        level: usize,
        indicator: usize,
    },
    Screen(Screen),
    /// Nowhere further.
    End,
}
