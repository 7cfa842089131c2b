//! Writes that never leave a half-written file behind.

use std::io::Write;
use std::path::{Path, PathBuf};

/// `FILE.bak` beside `FILE`: the version before the last save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|name| name.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the old or the new content: write a temporary file in the same folder,
/// sync it, then rename it over the target. With `keep_backup`, the previous
/// content is first copied (the same way) to `FILE.bak`.
///
/// On error the target is untouched and the temporary file removed.
pub fn atomic_write(path: &Path, bytes: &[u8], keep_backup: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if keep_backup && path.is_file() {
        let previous = std::fs::read(path)?;
        write_replace(dir, &backup_path(path), &previous)?;
    }
    write_replace(dir, path, bytes)
}

fn write_replace(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temp = tempfile::Builder::new().prefix(".mw-").suffix(".tmp").tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable. Not every platform can open a folder
/// for syncing; the rename is still atomic there.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_new_file_and_keeps_backup_of_old() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.workshop.ron");
        atomic_write(&path, b"one", true).unwrap();
        assert!(!backup_path(&path).exists());
        atomic_write(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"one");
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn failed_write_leaves_old_file_intact_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        atomic_write(&path, b"old", false).unwrap();
        // A non-empty folder where the backup should go makes the write fail,
        // even for root (who ignores permission bits).
        std::fs::create_dir(backup_path(&path)).unwrap();
        std::fs::write(backup_path(&path).join("x"), b"x").unwrap();
        assert!(atomic_write(&path, b"new", true).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(leftovers, 0);
    }
}
