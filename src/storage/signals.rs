//! SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C in the terminal)
//! are a close the window did not see coming. Without a handler the process
//! dies mid-frame and the last changes live only in the autosave's queue;
//! with one, the autosave is flushed first.
//!
//! signal-hook does the unsafe part: the handler it installs only wakes a
//! thread, and the work (disk writes, locks) happens on that thread, where
//! anything is allowed.

use std::io::Write;
use std::time::Duration;

use super::autosave::AutosaveHandle;

/// How long a panic waits for the autosave before the panic goes on to
/// end the thread (and, on the window's thread, the app).
pub const FLUSH_ON_PANIC: Duration = Duration::from_secs(5);

/// How long a termination signal waits for the autosave. Whoever sent the
/// signal will not wait forever either (systemd sends SIGKILL after 90 s).
pub const FLUSH_ON_SIGNAL: Duration = Duration::from_secs(5);

/// Calls `handler` with the signal number on a dedicated thread for every
/// SIGTERM, SIGINT or SIGHUP. Once registered these no longer end the
/// process by themselves: the handler must (see [`flush_on_termination`]).
/// Does nothing on platforms without such signals.
pub fn on_termination_signal(handler: impl FnMut(i32) + Send + 'static) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut handler = handler;
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
        std::thread::Builder::new().name("signals".into()).spawn(move || {
            for signal in signals.forever() {
                handler(signal);
            }
        })?;
    }
    #[cfg(not(unix))]
    drop(handler);
    Ok(())
}

/// The usual policy: on the first signal, flush the autosave and call
/// `close` (which should ask the window to close, as Ctrl+Q would); on a
/// second one, flush and exit at once, for a window that is stuck.
pub fn flush_on_termination(
    autosave: AutosaveHandle,
    mut close: impl FnMut() + Send + 'static,
) -> std::io::Result<()> {
    let mut seen = 0;
    on_termination_signal(move |signal| {
        seen += 1;
        if let Err(error) = autosave.flush_timeout(FLUSH_ON_SIGNAL) {
            // Not eprintln!: it panics if stderr is a closed pipe.
            let _ = writeln!(std::io::stderr(), "maturity-workshop: {error}");
        }
        if seen == 1 {
            close();
        } else {
            std::process::exit(128 + signal);
        }
    })
}

/// Installs a panic hook that writes the autosave before the panic is
/// reported, then hands over to the hook that was there (the standard one
/// prints the message). A panic on the window's thread ends the app; this
/// makes sure whatever the autosave had queued (every change up to the
/// last finished frame) is on disk first, whether or not the panic then
/// unwinds through the code that owns the autosave. A panic on a worker
/// thread that is caught (src/ui/tasks.rs) flushes too, which costs one
/// early write and nothing else.
pub fn flush_on_panic(autosave: AutosaveHandle) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The autosave's own thread cannot wait for itself.
        if std::thread::current().name() != Some(super::autosave::WORKER_THREAD)
            && let Err(error) = autosave.flush_timeout(FLUSH_ON_PANIC)
        {
            eprintln!("maturity-workshop: {error}");
        }
        previous(info);
    }));
}
