//! The output folder's marker (`.gloss-output`) doubles as its manifest: it lists every file
//! gloss wrote there, so the next build can tell the site's own stale files (removed) from
//! files someone else put in the folder (a `CNAME`, a search-console verification file, a
//! folder of PDFs), which are kept and named in a warning. A marker without the list, left
//! by an older gloss or a `--force` takeover, lists nothing: every file it covers counts as
//! gloss's, as before.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use super::{MARKER, MARKER_TEXT};

/// The line that starts the list of files.
const LIST: &str = "Files gloss wrote here (any other file is kept, with a warning):\n";

/// The marker's text listing `paths` (sorted here, so the marker is deterministic).
pub(super) fn text(mut paths: Vec<&str>) -> Vec<u8> {
    paths.sort_unstable();
    paths.dedup();
    let size = paths.iter().map(|p| p.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(MARKER_TEXT.len() + LIST.len() + size);
    text.push_str(MARKER_TEXT);
    text.push_str(LIST);
    for path in paths.into_iter().filter(|p| *p != MARKER) {
        text.push_str(path);
        text.push('\n');
    }
    text.into_bytes()
}

/// The files the marker in `dir` says gloss wrote; `None` when it has no list (every file
/// then counts as gloss's) or there is no marker.
pub(super) fn read(dir: &Path) -> io::Result<Option<HashSet<String>>> {
    let text = match std::fs::read(dir.join(MARKER)) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some((_, list)) = text.split_once(LIST) else {
        return Ok(None);
    };
    Ok(Some(list.lines().map(str::to_string).collect()))
}

/// The warning for files gloss found in its output folder and kept.
pub(super) fn kept_warning(out: &Path, kept: &[String]) -> Option<crate::diagnostics::Diagnostic> {
    let first = kept.first()?;
    let more = match kept.len() {
        1 => String::new(),
        n => format!(
            " (and {} more: {})",
            n - 1,
            kept[1..]
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Some(
        crate::diagnostics::Diagnostic::file_error(
            out.join(first),
            format!("gloss did not write this file, so it was kept in the output folder{more}"),
        )
        .with_hint(
            "move it into static/ (static/CNAME is published as CNAME): gloss copies static/ \
             into every build, and a file only in the output folder is lost when the folder \
             is deleted or built elsewhere (CI)",
        )
        .warning(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()).unwrap(), None);
        std::fs::write(dir.path().join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(read(dir.path()).unwrap(), None);
        let bytes = text(vec!["b/index.html", MARKER, "a.css", "a.css"]);
        std::fs::write(dir.path().join(MARKER), bytes).unwrap();
        let listed = read(dir.path()).unwrap().unwrap();
        let mut listed: Vec<_> = listed.into_iter().collect();
        listed.sort();
        assert_eq!(listed, ["a.css", "b/index.html"]);
    }
}
