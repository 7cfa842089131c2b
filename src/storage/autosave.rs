//! Autosave: every change reaches a file in the data folder within two
//! seconds, written by a worker thread so the window never waits on the
//! disk; and, after a crash, the workshop that file holds.
//!
//! The autosave file is an ordinary workshop file behind a few comment
//! lines saying which file the work belongs to. Comments are invisible to
//! the parser, so an autosave is read, migrated and reported on exactly
//! like a saved workshop, and could even be opened as one.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{AppPaths, atomic_write, read_limited};
use crate::problem::{Problem, Problems};
use crate::workshop::Workshop;
use crate::workshop::clock::now_rfc3339;
use crate::workshop::file::{MAX_WORKSHOP_FILE_BYTES, parse_workshop, workshop_to_ron};

/// Wait this long after the last change, so a burst of typing is one write.
pub const DEBOUNCE: Duration = Duration::from_secs(1);
/// But never longer than this after the first unsaved change, so typing
/// without pause is still saved within two seconds (with time to write).
pub const MAX_DELAY: Duration = Duration::from_millis(1500);

/// The worker thread's name, known to the panic hook (see
/// [`super::signals::flush_on_panic`]).
pub(crate) const WORKER_THREAD: &str = "autosave";

const HEADER: &str =
    "// Maturity Workshop autosave: work not yet saved to its file. The app offers to recover it at start.";
const BELONGS_TO: &str = "// belongs-to: ";
const AUTOSAVED_AT: &str = "// autosaved-at: ";

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AutosaveError {
    #[error("autosave failed: {0}")]
    Write(String),
    #[error("autosave failed: the autosave worker has stopped")]
    Stopped,
    #[error("autosave did not finish within {0:?}")]
    Timeout(Duration),
}

/// What the autosave has done, for the status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AutosaveStatus {
    /// The revision last written, and when (RFC 3339).
    pub saved_revision: Option<u64>,
    pub saved_at: Option<String>,
    /// Why the last write failed; cleared by the next success.
    pub last_error: Option<String>,
    /// A change is waiting to be written.
    pub pending: bool,
}

/// Tuning, for tests and for the app's repaint hook.
#[derive(Clone)]
pub struct AutosaveOptions {
    pub debounce: Duration,
    pub max_delay: Duration,
    /// Called from the worker after every write or failure, e.g. to ask
    /// the window to repaint so the status line is current.
    pub on_change: Option<Arc<dyn Fn() + Send + Sync>>,
    /// What the debounce and the retries measure time with.
    pub clock: Arc<dyn Clock>,
}

impl Default for AutosaveOptions {
    fn default() -> Self {
        Self { debounce: DEBOUNCE, max_delay: MAX_DELAY, on_change: None, clock: Arc::new(SystemClock) }
    }
}

/// The worker's sense of time. The app uses [`SystemClock`]; tests use a
/// [`SimulatedClock`] and [`AutosaveHandle::settle`], so a debounce is
/// tested on simulated time and never on a loaded machine's speed.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told to.
pub struct SimulatedClock {
    start: Instant,
    elapsed: Mutex<Duration>,
}

impl SimulatedClock {
    pub fn new() -> Arc<Self> {
        Arc::new(Self { start: Instant::now(), elapsed: Mutex::new(Duration::ZERO) })
    }

    pub fn advance(&self, by: Duration) {
        *self.elapsed.lock().unwrap_or_else(PoisonError::into_inner) += by;
    }
}

impl Clock for SimulatedClock {
    fn now(&self) -> Instant {
        self.start + *self.elapsed.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

enum Message {
    /// Stamped by the sender's clock: a change counts from when it was
    /// made, not from when the worker got round to it.
    Submit(u64, Box<Workshop>, Instant),
    SetFile(Option<PathBuf>, Instant),
    Clear,
    Flush(Sender<Result<(), AutosaveError>>),
    /// Act on the clock as it reads now, then answer.
    Settle(Sender<()>),
}

/// A cheap, cloneable way to talk to the worker from any thread (a signal
/// handler thread, say). Everything it sends is handled in order.
#[derive(Clone)]
pub struct AutosaveHandle {
    sender: Sender<Message>,
    status: Arc<Mutex<AutosaveStatus>>,
    clock: Arc<dyn Clock>,
}

impl AutosaveHandle {
    /// Queues `workshop` for the autosave; returns at once. Only the newest
    /// of a burst is written. `revision` is reported back in the status.
    pub fn submit(&self, revision: u64, workshop: Workshop) {
        lock(&self.status).pending = true;
        let now = self.clock.now();
        if self.sender.send(Message::Submit(revision, Box::new(workshop), now)).is_err() {
            lock(&self.status).last_error = Some(AutosaveError::Stopped.to_string());
        }
    }

    /// Records which file the work belongs to (after Open or Save as), so
    /// recovery can say "recover <file>". `None` for a new workshop.
    pub fn set_file(&self, file: Option<PathBuf>) {
        let _ = self.sender.send(Message::SetFile(file, self.clock.now()));
    }

    /// After a save to the real file or a deliberate discard: drops what is
    /// queued and removes the autosave file. Returns at once.
    pub fn clear(&self) {
        let _ = self.sender.send(Message::Clear);
    }

    /// Blocks until everything sent before is on disk (or has failed).
    /// For a normal close and for SIGTERM.
    pub fn flush(&self) -> Result<(), AutosaveError> {
        let (ack, done) = mpsc::channel();
        self.sender.send(Message::Flush(ack)).map_err(|_| AutosaveError::Stopped)?;
        done.recv().map_err(|_| AutosaveError::Stopped)?
    }

    /// [`Self::flush`], giving up after `timeout` (the write goes on).
    pub fn flush_timeout(&self, timeout: Duration) -> Result<(), AutosaveError> {
        let (ack, done) = mpsc::channel();
        self.sender.send(Message::Flush(ack)).map_err(|_| AutosaveError::Stopped)?;
        match done.recv_timeout(timeout) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => Err(AutosaveError::Timeout(timeout)),
            Err(RecvTimeoutError::Disconnected) => Err(AutosaveError::Stopped),
        }
    }

    /// Blocks until the worker has handled everything sent before and
    /// done what is due by its clock's current time (without writing early
    /// as a flush would). For tests on a [`SimulatedClock`].
    pub fn settle(&self) {
        let (ack, done) = mpsc::channel();
        if self.sender.send(Message::Settle(ack)).is_ok() {
            let _ = done.recv();
        }
    }

    pub fn status(&self) -> AutosaveStatus {
        lock(&self.status).clone()
    }

    /// "autosave failed: ..." when the last write failed.
    pub fn last_error(&self) -> Option<String> {
        lock(&self.status).last_error.clone()
    }
}

/// The autosave worker. Dropping it writes whatever is queued, then stops
/// the thread.
pub struct Autosaver {
    handle: AutosaveHandle,
    thread: Option<JoinHandle<()>>,
}

impl Autosaver {
    /// Starts a worker that autosaves to `path` (normally
    /// [`AppPaths::autosave_file`]).
    pub fn start(path: PathBuf) -> std::io::Result<Self> {
        Self::start_with(path, AutosaveOptions::default())
    }

    pub fn start_with(path: PathBuf, options: AutosaveOptions) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let status = Arc::new(Mutex::new(AutosaveStatus::default()));
        let clock = Arc::clone(&options.clock);
        let worker =
            Worker { path, options, status: Arc::clone(&status), file: None, written: None, error: None };
        let thread =
            std::thread::Builder::new().name(WORKER_THREAD.into()).spawn(move || worker.run(receiver))?;
        Ok(Self { handle: AutosaveHandle { sender, status, clock }, thread: Some(thread) })
    }

    pub fn handle(&self) -> AutosaveHandle {
        self.handle.clone()
    }

    pub fn submit(&self, revision: u64, workshop: Workshop) {
        self.handle.submit(revision, workshop);
    }

    pub fn set_file(&self, file: Option<PathBuf>) {
        self.handle.set_file(file);
    }

    pub fn clear(&self) {
        self.handle.clear();
    }

    pub fn flush(&self) -> Result<(), AutosaveError> {
        self.handle.flush()
    }

    pub fn flush_timeout(&self, timeout: Duration) -> Result<(), AutosaveError> {
        self.handle.flush_timeout(timeout)
    }

    pub fn settle(&self) {
        self.handle.settle();
    }

    pub fn status(&self) -> AutosaveStatus {
        self.handle.status()
    }

    pub fn last_error(&self) -> Option<String> {
        self.handle.last_error()
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        let _ = self.handle.flush();
        // The worker ends when every sender is gone; a handle kept elsewhere
        // keeps it alive, so do not wait for it.
        drop(self.thread.take());
    }
}

/// A poisoned lock only means a panic elsewhere mid-update of a status
/// line; the status is still worth showing.
fn lock(status: &Mutex<AutosaveStatus>) -> std::sync::MutexGuard<'_, AutosaveStatus> {
    status.lock().unwrap_or_else(PoisonError::into_inner)
}

/// After a failed write, try again this often until a change or a flush
/// comes first: the disk may have been full for a moment.
const RETRY: Duration = Duration::from_secs(5);

struct Pending {
    revision: u64,
    workshop: Box<Workshop>,
    first: Instant,
    last: Instant,
    retry_at: Option<Instant>,
}

impl Pending {
    fn new(revision: u64, workshop: Box<Workshop>, now: Instant) -> Self {
        Self { revision, workshop, first: now, last: now, retry_at: None }
    }

    fn due(&self, options: &AutosaveOptions) -> Instant {
        self.retry_at.unwrap_or_else(|| (self.last + options.debounce).min(self.first + options.max_delay))
    }
}

struct Worker {
    path: PathBuf,
    options: AutosaveOptions,
    status: Arc<Mutex<AutosaveStatus>>,
    file: Option<PathBuf>,
    /// What the autosave file holds now, to rewrite it when only the file
    /// it belongs to changes.
    written: Option<(u64, Box<Workshop>)>,
    /// Why the last write failed, as the operating system said it.
    error: Option<String>,
}

impl Worker {
    fn run(mut self, receiver: Receiver<Message>) {
        let mut pending: Option<Pending> = None;
        loop {
            // Everything already sent counts before the clock is read: a
            // change queued behind a wait that just ran out restarts the
            // debounce, so a burst is never cut by how the threads happen
            // to be scheduled.
            while let Ok(message) = receiver.try_recv() {
                pending = self.handle(message, pending);
            }
            let now = self.options.clock.now();
            if pending.as_ref().is_some_and(|queued| queued.due(&self.options) <= now) {
                pending = self.write(pending.take());
                continue;
            }
            lock(&self.status).pending = pending.is_some();
            let message = match &pending {
                None => receiver.recv().ok(),
                // On a simulated clock this real wait only makes the loop
                // look at the clock again; `Settle` does it at once.
                Some(queued) => {
                    match receiver.recv_timeout(queued.due(&self.options).saturating_duration_since(now)) {
                        Ok(message) => Some(message),
                        Err(RecvTimeoutError::Timeout) => continue,
                        Err(RecvTimeoutError::Disconnected) => None,
                    }
                }
            };
            let Some(message) = message else {
                // Every handle is gone: the app is closing.
                self.write(pending.take());
                return;
            };
            pending = self.handle(message, pending);
        }
    }

    fn handle(&mut self, message: Message, mut pending: Option<Pending>) -> Option<Pending> {
        let now = self.options.clock.now();
        match message {
            Message::Submit(revision, workshop, now) => {
                let mut next = Pending::new(revision, workshop, now);
                if let Some(queued) = &pending {
                    next.first = queued.first;
                }
                pending = Some(next);
            }
            // Sent with every change by a caller that need not track
            // it; only a different file rewrites the header.
            Message::SetFile(file, _) if file == self.file => {}
            Message::SetFile(file, now) => {
                self.file = file;
                if pending.is_none()
                    && let Some((revision, workshop)) = self.written.take()
                {
                    pending = Some(Pending::new(revision, workshop, now));
                }
            }
            Message::Clear => {
                pending = None;
                self.written = None;
                let result = clear_file(&self.path)
                    .map_err(|error| format!("cannot remove {}: {error}", self.path.display()));
                self.report(result.err(), None);
            }
            Message::Flush(ack) => {
                pending = self.write(pending.take());
                let result = match &self.error {
                    Some(error) => Err(AutosaveError::Write(error.clone())),
                    None => Ok(()),
                };
                let _ = ack.send(result);
            }
            Message::Settle(ack) => {
                if pending.as_ref().is_some_and(|queued| queued.due(&self.options) <= now) {
                    pending = self.write(pending.take());
                }
                lock(&self.status).pending = pending.is_some();
                let _ = ack.send(());
            }
        }
        pending
    }

    /// Writes `pending`; on failure hands it back to be retried.
    fn write(&mut self, pending: Option<Pending>) -> Option<Pending> {
        let mut pending = pending?;
        let result = autosave_text(&pending.workshop, self.file.as_deref())
            .and_then(|text| write_autosave(&self.path, &text));
        match result {
            Ok(()) => {
                self.report(None, Some(pending.revision));
                self.written = Some((pending.revision, pending.workshop));
                None
            }
            Err(error) => {
                self.report(Some(error.to_string()), None);
                pending.retry_at = Some(self.options.clock.now() + RETRY);
                Some(pending)
            }
        }
    }

    fn report(&mut self, error: Option<String>, saved: Option<u64>) {
        let mut status = lock(&self.status);
        status.last_error = error.as_ref().map(|error| AutosaveError::Write(error.clone()).to_string());
        if saved.is_some() {
            status.saved_revision = saved;
            status.saved_at = Some(now_rfc3339());
        }
        drop(status);
        self.error = error;
        if let Some(on_change) = &self.options.on_change {
            on_change();
        }
    }
}

fn autosave_text(workshop: &Workshop, file: Option<&Path>) -> std::io::Result<String> {
    let mut text = format!("{HEADER}\n");
    if let Some(file) = file {
        // A RON string keeps any path on one line, whatever it contains.
        let quoted = ron::to_string(&file.to_string_lossy()).map_err(std::io::Error::other)?;
        text.push_str(&format!("{BELONGS_TO}{quoted}\n"));
    }
    text.push_str(&format!("{AUTOSAVED_AT}{}\n", now_rfc3339()));
    text.push_str(&workshop_to_ron(workshop).map_err(std::io::Error::other)?);
    Ok(text)
}

fn write_autosave(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    atomic_write(path, text.as_bytes(), false)
}

fn clear_file(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Removes the autosave, for when no [`Autosaver`] runs (after the
/// facilitator declined a recovery, say). A missing file is fine.
pub fn clear_autosave(paths: &AppPaths) -> std::io::Result<()> {
    clear_file(&paths.autosave_file())
}

/// Unsaved work found at start.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveredWorkshop {
    pub workshop: Workshop,
    /// The file the work belongs to, when it had been opened or saved.
    pub file: Option<PathBuf>,
    /// RFC 3339, when the header says.
    pub autosaved_at: Option<String>,
    pub migrated_from: Option<u32>,
}

/// What [`recoverable_autosave`] found.
#[derive(Clone, Debug, PartialEq)]
pub enum Recovery {
    Recovered(Box<RecoveredWorkshop>),
    /// The autosave would not read. It is never deleted: it was renamed to
    /// `kept_as` (or left in place if even that failed, see
    /// `rename_error`), out of the way of the next autosave.
    Broken {
        problems: Problems,
        kept_as: PathBuf,
        rename_error: Option<String>,
    },
}

/// The autosave left by a run that did not close normally, if any. An
/// autosave identical to the file it belongs to holds nothing unsaved and
/// is removed instead of offered.
pub fn recoverable_autosave(paths: &AppPaths) -> Option<Recovery> {
    let path = paths.autosave_file();
    if !path.is_file() {
        return None;
    }
    match read_autosave(&path) {
        Ok(recovered) => {
            let saved = recovered.file.as_deref().and_then(|file| super::read_workshop_file(file).ok());
            if saved.is_some_and(|saved| saved.workshop == recovered.workshop) {
                let _ = clear_file(&path);
                return None;
            }
            Some(Recovery::Recovered(Box::new(recovered)))
        }
        Err(problems) => {
            let kept_as = broken_name(paths);
            let (kept_as, rename_error) = match std::fs::rename(&path, &kept_as) {
                Ok(()) => (kept_as, None),
                Err(error) => (path, Some(error.to_string())),
            };
            Some(Recovery::Broken { problems, kept_as, rename_error })
        }
    }
}

/// Reads an autosave file: its header, then the workshop.
pub fn read_autosave(path: &Path) -> Result<RecoveredWorkshop, Problems> {
    let name = path.display().to_string();
    let bytes = read_limited(path, MAX_WORKSHOP_FILE_BYTES)
        .map_err(|message| Problems::single(Problem { file: name.clone(), line: 1, column: 1, message }))?;
    let loaded = parse_workshop(&name, &bytes)?;
    // The parse succeeded, so the text is UTF-8.
    let text = std::str::from_utf8(&bytes).unwrap_or_default();
    let mut file = None;
    let mut autosaved_at = None;
    for line in text.lines().take_while(|line| line.starts_with("//")) {
        if let Some(quoted) = line.strip_prefix(BELONGS_TO) {
            file = ron::from_str::<String>(quoted).ok().map(PathBuf::from);
        } else if let Some(at) = line.strip_prefix(AUTOSAVED_AT) {
            autosaved_at = Some(at.trim().to_owned());
        }
    }
    Ok(RecoveredWorkshop {
        workshop: loaded.workshop,
        file,
        autosaved_at,
        migrated_from: loaded.migrated_from,
    })
}

/// `autosave.broken-20261122T101500Z.workshop.ron`, unused so far.
fn broken_name(paths: &AppPaths) -> PathBuf {
    let stamp: String = now_rfc3339().chars().filter(|c| !matches!(c, '-' | ':')).collect();
    let mut candidate = paths.data_dir.join(format!("autosave.broken-{stamp}.workshop.ron"));
    let mut n = 2;
    while candidate.exists() {
        candidate = paths.data_dir.join(format!("autosave.broken-{stamp}-{n}.workshop.ron"));
        n += 1;
    }
    candidate
}

#[cfg(test)]
#[path = "autosave_tests.rs"]
mod tests;
