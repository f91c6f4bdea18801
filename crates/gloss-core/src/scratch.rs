//! Editor scratch files: the temporary, lock, swap and backup files editors leave beside the
//! file being edited. gloss never reads, copies or rebuilds for them, in any site folder
//! (`content/`, `templates/`, `static/`) and in `gloss serve`'s watcher, so an open editor
//! can neither break a build nor publish a half-saved file.

use std::path::Path;

/// Whether a file or folder name is an editor's scratch file or a hidden file:
///
/// - `.*`: hidden files, which include Emacs locks `.#name` (often a dangling symbolic
///   link) and Vim swap files `.name.swp`, `.name.swx`;
/// - `#name#`: an Emacs autosave;
/// - `name~`: a backup (Emacs, Vim, gedit);
/// - `4913`: the file Vim writes to test that a folder is writable;
/// - `name.tmp`: the temporary file many editors write and then rename over the original.
pub fn is_scratch(name: &str) -> bool {
    name.starts_with('.')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name == "4913"
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.to_ascii_lowercase().ends_with(".tmp")
}

/// Whether the last component of `path` is a scratch file ([`is_scratch`]).
pub fn is_scratch_path(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| is_scratch(&name.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_scratch() {
        for name in [
            ".#index.md",
            "#index.md#",
            "index.md~",
            ".index.md.swp",
            ".index.md.swx",
            "4913",
            "index.md.tmp",
            "x.TMP",
            ".hidden",
        ] {
            assert!(is_scratch(name), "{name}");
        }
        for name in ["index.md", "article.txt", "#", "c#.md", "49130", "tmp.md"] {
            assert!(!is_scratch(name), "{name}");
        }
        assert!(is_scratch_path(Path::new("content/briefs/a/#index.md#")));
    }
}
