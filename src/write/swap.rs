//! The staging folders, the spare tree and the atomic swap. Staging
//! lives in the cache folder (`cache`); a folder beside the output is only
//! the fallback when the cache cannot be used (another file system).

use std::path::Path;

use super::{io, WriteError};

fn prefix(output: &Path) -> String {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.gazette-")
}

/// A fresh folder next to `output`, removed on drop unless swapped in.
/// Its name carries this process's id so that a later build can tell a
/// leftover of a dead build from the folder of a build still running.
pub(super) fn staging_beside(output: &Path) -> std::io::Result<tempfile::TempDir> {
    let parent = output.parent().unwrap_or(Path::new("."));
    tempfile::Builder::new()
        .prefix(&format!("{}{}-", prefix(output), std::process::id()))
        .tempdir_in(parent)
}

/// Where earlier versions of gazette kept the previous tree: beside the
/// output. A marked one is removed (gazette wrote it).
fn legacy_spare(output: &Path) -> std::path::PathBuf {
    let parent = output.parent().unwrap_or(Path::new("."));
    parent.join(format!("{}spare", prefix(output)))
}

/// Move the spare tree (if any, and if it is gazette's) into the empty
/// staging folder. Two builds at once: one gets it, the other starts empty.
pub(super) fn claim_spare(spare: &Path, staging: &Path) {
    if spare.join(super::MARKER).is_file() {
        let _ = std::fs::rename(spare, staging);
    }
}

/// After a swap, `staged` holds the previous output: keep it as the spare
/// for the next build. If a spare is already there, the tree is left for
/// the staging handle to delete.
pub(super) fn keep_as_spare(staged: &Path, spare: &Path) {
    if staged.join(super::MARKER).is_file() {
        let _ = std::fs::rename(staged, spare);
    }
}

fn pid_of(name: &str, prefix: &str) -> Option<i32> {
    name.strip_prefix(prefix)?.split('-').next()?.parse().ok()
}

fn alive(pid: i32) -> bool {
    match rustix::process::Pid::from_raw(pid) {
        Some(p) => {
            rustix::process::test_kill_process(p).is_ok() || pid == std::process::id() as i32
        }
        None => false,
    }
}

/// Remove what earlier builds left beside `output`: staging folders of
/// killed builds, and the spare tree older gazettes kept there.
pub(super) fn clean_leftovers_beside(output: &Path) {
    let Some(parent) = output.parent() else {
        return;
    };
    clean_dead(parent, &prefix(output));
    let legacy = legacy_spare(output);
    if legacy.join(super::MARKER).is_file() {
        let _ = std::fs::remove_dir_all(legacy);
    }
}

/// Remove the folders in `dir` named `<prefix><pid>-...` whose build
/// (process `pid`) is dead.
pub(super) fn clean_dead(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(pid) = pid_of(&name, prefix) {
            if !alive(pid) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// Put `staged` at `output`. The old output, if any, ends up at `staged`'s
/// path and is deleted by the caller's drop of the staging handle.
pub(super) fn swap_into_place(staged: &Path, output: &Path) -> Result<(), WriteError> {
    match std::fs::rename(staged, output) {
        Ok(()) => {
            // `staged` no longer exists; recreate it empty so the TempDir
            // drop has nothing to remove but its own empty folder.
            let _ = std::fs::create_dir(staged);
            Ok(())
        }
        Err(_) if output.is_dir() => exchange(staged, output),
        Err(e) => Err(io(format!("moving the new site to {}", output.display()))(
            e,
        )),
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<(), WriteError> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)
        .map_err(|e| io(format!("swapping the new site into {}", b.display()))(e.into()))
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> Result<(), WriteError> {
    // Without an atomic exchange: move the old tree aside, then the new one
    // in. A crash between the two leaves the old tree beside the output.
    let aside: std::path::PathBuf = a.with_extension("old");
    std::fs::rename(b, &aside).map_err(io(format!("moving {} aside", b.display())))?;
    std::fs::rename(a, b).map_err(io(format!("moving the new site to {}", b.display())))?;
    std::fs::rename(&aside, a).map_err(io("cleaning up"))
}
