//! What several integration tests share: an HTTP client for the voting
//! server, the app with voting open, and finding a Debian package's program.

#![allow(dead_code, reason = "each test file uses its own part")]

pub mod http;
pub mod voting;

/// A program on PATH: tests that need a Debian package look for its
/// program and, without it, say why and pass.
pub fn find_program(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| p.is_file())
}
