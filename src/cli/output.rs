//! What the commands print. `println!` panics when stdout is a pipe whose
//! reader has gone (`maturity-workshop info *.ron | head -3`); a command
//! here stops printing instead, finishes its work quietly and exits with
//! the status it would have had, which is what a Unix tool is expected to do.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

fn write_line(mut to: impl Write, closed: &AtomicBool, args: fmt::Arguments<'_>) {
    if closed.load(Ordering::Relaxed) {
        return;
    }
    // Any failure (a closed pipe, a full disk behind a redirect) ends the
    // output for good: half-lines after a failure help nobody.
    if to.write_fmt(args).and_then(|()| to.write_all(b"\n")).and_then(|()| to.flush()).is_err() {
        closed.store(true, Ordering::Relaxed);
    }
}

/// One line on stdout; nothing once stdout has failed.
pub fn out(args: fmt::Arguments<'_>) {
    write_line(io::stdout().lock(), &STDOUT_CLOSED, args);
}

/// One line on stderr; nothing once stderr has failed.
pub fn err(args: fmt::Arguments<'_>) {
    write_line(io::stderr().lock(), &STDERR_CLOSED, args);
}

/// Whether stdout has failed (its reader is gone), for commands that
/// could stop early.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_output_is_remembered_not_a_panic() {
        let closed = AtomicBool::new(false);
        write_line(Closed, &closed, format_args!("one"));
        assert!(closed.load(Ordering::Relaxed));
        let mut written = Vec::new();
        write_line(&mut written, &closed, format_args!("two"));
        assert!(written.is_empty(), "nothing after the first failure");
        let open = AtomicBool::new(false);
        write_line(&mut written, &open, format_args!("three {}", 3));
        assert_eq!(written, b"three 3\n");
    }
}
