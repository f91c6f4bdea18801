//! The GitHub Pages workflow `gloss init` writes installs gloss from the address in its
//! `GLOSS_GIT` line. When the gloss that made the site did not know where it is published,
//! that line holds a placeholder and the first deploy would fail far from the cause; `gloss
//! init` and `gloss check` both warn about it here, at the line to edit.

use std::path::Path;

use crate::diagnostics::{Diagnostic, SourceFile};

/// Where a site's workflow lives, relative to the site.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The `GLOSS_GIT` value written when gloss does not know its own repository.
pub const PLACEHOLDER: &str = "https://github.com/OWNER/gloss";

/// The warning for a workflow (its text, shown as `path`) whose `GLOSS_GIT` is still the
/// placeholder, or `None` when it names a real address (or the site has no such line).
pub fn placeholder(path: &Path, text: &str) -> Option<Diagnostic> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(value) = trimmed.strip_prefix("GLOSS_GIT:") {
            let value = value.split(" #").next().unwrap_or("").trim();
            if value.contains("/OWNER/") {
                let start = offset + line.len() - trimmed.len()
                    + line[line.len() - trimmed.len()..].find(value)?;
                let source = SourceFile {
                    path: path.to_path_buf(),
                    text: text.to_string(),
                };
                return Some(
                    source
                        .error(
                            start..start + value.len(),
                            format!("GLOSS_GIT is still the placeholder `{value}`, so the workflow cannot install gloss"),
                        )
                        .warning()
                        .with_hint("set GLOSS_GIT to the git URL of the gloss repository to install from (it must have the tag v<GLOSS_VERSION>)")
                        .with_code("placeholder-gloss-git"),
                );
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_line_is_named() {
        let text =
            "env:\n  GLOSS_VERSION: \"0.1.0\"\n  GLOSS_GIT: https://github.com/OWNER/gloss\n";
        let d = placeholder(Path::new(WORKFLOW_PATH), text).expect("a warning");
        assert_eq!((d.line, d.column), (3, 14));
        assert_eq!(d.code, "placeholder-gloss-git");
        assert!(!d.is_error());
        let real = text.replace("OWNER", "alice");
        assert!(placeholder(Path::new(WORKFLOW_PATH), &real).is_none());
    }
}
