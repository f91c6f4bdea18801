//! File-system paths as the operating system resolves them, shared by the stages that must
//! tell whether two paths are one folder (load refuses content linked into the output
//! folder; write refuses to replace the site's own folder).

use std::io;
use std::path::{Path, PathBuf};

fn absolute(path: &Path) -> io::Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

/// Resolves `.` and `..` without touching the disk (the output folder may not exist yet),
/// then resolves symlinks of the longest existing ancestor.
pub fn normalize(path: &Path) -> io::Result<PathBuf> {
    let mut clean = PathBuf::new();
    for part in absolute(path)?.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}
