//! Writes that never leave a half-written file behind.

use std::io::Write;
use std::path::{Path, PathBuf};

/// `FILE.bak` beside `FILE`: the version before the last save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|name| name.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Temporary files end in this; with [`temp_prefix`] they name their target.
const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the old or the new content: write a temporary file in the same folder,
/// sync it, then rename it over the target. With `keep_backup`, the previous
/// content first becomes `FILE.bak` (a hard link where the file system has
/// them, else a copy written the same way).
///
/// On error the target is untouched and the temporary file removed. A
/// temporary file orphaned by a killed writer is removed by the next write
/// to the same target, so kills never pile them up.
pub fn atomic_write(path: &Path, bytes: &[u8], keep_backup: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let backup = backup_path(path);
    sweep_stale_temps(dir, &[path, &backup]);
    if keep_backup && path.is_file() && link_backup(dir, path, &backup).is_err() {
        let previous = std::fs::read(path)?;
        write_replace(dir, &backup, &previous)?;
    }
    write_replace(dir, path, bytes)
}

/// Makes `backup` a second name for the file at `path`. Its content is
/// already on disk, so unlike a copy this needs no read and no sync of the
/// data: on a busy disk a save takes a few milliseconds instead of tens.
/// The link is made under a temporary name and renamed, so an existing
/// backup is replaced atomically too.
fn link_backup(dir: &Path, path: &Path, backup: &Path) -> std::io::Result<()> {
    let linked = tempfile::Builder::new()
        .prefix(&temp_prefix(backup))
        .suffix(TEMP_SUFFIX)
        .make_in(dir, |temp| std::fs::hard_link(path, temp))?;
    linked.persist(backup).map_err(|error| error.error)?;
    sync_dir(dir);
    Ok(())
}

/// `.NAME.mw-`: hidden, and naming its target so that a sweep only ever
/// touches the temporary files of the file being written. The name is cut
/// short so that prefix, random part and suffix stay within a file name's
/// 255 bytes.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let mut cut = name.len().min(120);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(".{}.mw-", &name[..cut])
}

fn write_replace(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // Temporary files are private (0600) by default, and the rename would
    // carry that over: a workshop in a shared folder would lock the team
    // out. New files get the usual 0666 less umask, as any editor's would.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    // A replaced file keeps its own permissions.
    if let Ok(metadata) = std::fs::metadata(path) {
        let _ = temp.as_file().set_permissions(metadata.permissions());
    }
    // The lock tells a concurrent sweep that this file is alive; the
    // operating system drops it when the process dies, which is what makes
    // an orphan recognisable. Where locks are unsupported nothing is swept.
    let _ = temp.as_file().try_lock();
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    sync_dir(dir);
    Ok(())
}

/// Removes temporary files left for `targets` by writers that died before
/// renaming them. Only files nobody holds a lock on are removed.
fn sweep_stale_temps(dir: &Path, targets: &[&Path]) {
    let prefixes: Vec<String> = targets.iter().map(|target| temp_prefix(target)).collect();
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.ends_with(TEMP_SUFFIX) || !prefixes.iter().any(|prefix| name.starts_with(prefix.as_str())) {
            continue;
        }
        let path = entry.path();
        let orphaned = std::fs::File::open(&path).is_ok_and(|file| file.try_lock().is_ok());
        if orphaned {
            let _ = std::fs::remove_file(&path);
        }
    }
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

    #[test]
    fn orphaned_temporary_files_are_swept_but_live_ones_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.workshop.ron");
        let orphan = dir.path().join(".w.workshop.ron.mw-dead01.tmp");
        let orphan_backup = dir.path().join(".w.workshop.ron.bak.mw-dead02.tmp");
        let live = dir.path().join(".w.workshop.ron.mw-live01.tmp");
        let other = dir.path().join(".other.ron.mw-dead03.tmp");
        for file in [&orphan, &orphan_backup, &live, &other] {
            std::fs::write(file, b"partial").unwrap();
        }
        let holder = std::fs::File::open(&live).unwrap();
        holder.lock().unwrap();
        atomic_write(&path, b"new", true).unwrap();
        assert!(!orphan.exists());
        assert!(!orphan_backup.exists());
        assert!(live.exists(), "a temporary file someone holds is not theirs to remove");
        assert!(other.exists(), "only the target's own temporary files are swept");
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn long_names_still_fit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{}.workshop.ron", "é".repeat(115)));
        atomic_write(&path, b"one", true).unwrap();
        atomic_write(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        atomic_write(&path, b"one", false).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "not the private mode of a temporary file");
        assert_eq!(mode & 0o600, 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        atomic_write(&path, b"two", true).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
