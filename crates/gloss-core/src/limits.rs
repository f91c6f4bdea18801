//! What gloss accepts: the limits that keep every build's time and memory bounded, and the
//! one bounded way to read a content file. Each limit is listed in docs/limits.md with
//! what happens past it; keep the two in step.

use std::io::Read;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// The largest content file (an article, a brief, an actor…) gloss reads, in bytes. The
/// longest news articles are a few hundred kilobytes; a larger file is an error that
/// names this limit, so that a pasted log or data dump cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The longest name, alias, short name, tag or title, in characters. Past it the value
/// is an error at its file:line:col: every such label is matched in every article, turned
/// into a page name or shown in lists.
pub const MAX_LABEL_CHARS: usize = 200;

/// The longest "sentence" an entity page quotes, in bytes: text without full stops is
/// cut into pieces of at most this size at spaces (about 160 English words).
pub const MAX_SENTENCE_BYTES: usize = 1_000;

/// The most tags one brief may list.
pub const MAX_TAGS: usize = 2_000;

/// The most aliases (or short names) one actor or location may list.
pub const MAX_ALIASES: usize = 200;

/// The most passage notes one brief may have.
pub const MAX_NOTES: usize = 2_000;

/// The most markdown elements (paragraphs, table cells, list items, emphasis, text runs…)
/// one piece of markdown may hold. Each costs about 200 bytes while a page is made, so a
/// 4 MB table of two-byte cells took 1.3 GB; a long real article has a few thousand.
pub const MAX_MARKDOWN_EVENTS: usize = 500_000;

/// The most entries of a list of `what` ("tag", "alias", "short name") one file may give.
pub fn list_max(what: &str) -> usize {
    if what == "tag" { MAX_TAGS } else { MAX_ALIASES }
}

/// The plural of a list's entry name: "tag" -> "tags", "alias" -> "aliases".
pub fn plural_of(what: &str) -> String {
    if what.ends_with('s') {
        format!("{what}es")
    } else {
        format!("{what}s")
    }
}

/// Reads the regular file at `path` whole, refusing anything else: a folder, a device
/// (`/dev/zero` never ends), a FIFO (it blocks), or a file over [`MAX_FILE_BYTES`]. The
/// read itself stops one byte past the limit, so a file that grows while it is read is
/// refused too. `shown` is the path the error names.
pub fn read_bounded(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot =
        |e: std::io::Error| Diagnostic::file_error(shown, format!("cannot read the file: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Diagnostic::file_error(
            shown,
            "this is not a regular file (a folder, device or pipe)",
        )
        .with_hint("give the path of a text file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(shown, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(shown, bytes.len() as u64));
    }
    Ok(bytes)
}

/// The error for a file over [`MAX_FILE_BYTES`].
fn too_large(shown: &Path, len: u64) -> Diagnostic {
    Diagnostic::file_error(
        shown,
        format!(
            "the file is {} KB; gloss reads content files of at most {} KB",
            len.div_ceil(1024),
            MAX_FILE_BYTES / 1024
        ),
    )
    .with_hint("an article this long is likely not one article: split it, or cut what is not the article's text (see docs/limits.md)")
}

/// An error at `value` when the label (a name, alias, tag, title) is longer than
/// [`MAX_LABEL_CHARS`]; `what` names it ("alias").
pub fn label_too_long(text: &str, what: &str) -> Option<(String, String)> {
    let chars = text.chars().count();
    (chars > MAX_LABEL_CHARS).then(|| {
        (
            format!("this {what} is {chars} characters long; gloss accepts at most {MAX_LABEL_CHARS}"),
            format!("shorten the {what}: names, aliases, short names, tags and titles are at most {MAX_LABEL_CHARS} characters (see docs/limits.md)"),
        )
    })
}

/// The error when a list (`what`, e.g. "tags") has more than `max` entries.
pub fn too_many(count: usize, max: usize, what: &str) -> Option<(String, String)> {
    (count > max).then(|| {
        (
            format!("{count} {what} listed; gloss accepts at most {max}"),
            format!("keep the {max} that matter most (see docs/limits.md)"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_large_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let shown = Path::new("x");
        let err = read_bounded(Path::new("/dev/zero"), shown).unwrap_err();
        assert!(
            err.message.contains("not a regular file"),
            "{}",
            err.message
        );
        let err = read_bounded(dir.path(), shown).unwrap_err();
        assert!(err.message.contains("not a regular file"));
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; MAX_FILE_BYTES as usize + 1]).unwrap();
        let err = read_bounded(&big, shown).unwrap_err();
        assert!(err.message.contains("at most 4096 KB"), "{}", err.message);
        let ok = dir.path().join("ok.txt");
        std::fs::write(&ok, "text").unwrap();
        assert_eq!(read_bounded(&ok, shown).unwrap(), b"text");
    }

    #[test]
    fn labels_and_lists_name_their_limit() {
        assert!(label_too_long(&"a".repeat(MAX_LABEL_CHARS), "alias").is_none());
        let (message, hint) = label_too_long(&"ب".repeat(MAX_LABEL_CHARS + 1), "alias").unwrap();
        assert!(message.contains("201 characters") && message.contains("at most 200"));
        assert!(hint.contains("shorten the alias"));
        assert!(too_many(MAX_TAGS, MAX_TAGS, "tags").is_none());
        assert!(too_many(MAX_TAGS + 1, MAX_TAGS, "tags").is_some());
    }
}
