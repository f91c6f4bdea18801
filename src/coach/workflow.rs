//! The GitHub Pages workflow `gloss init` writes installs the gloss version in its
//! `GLOSS_VERSION` line. When the editor runs another gloss, the site they check is not the
//! one CI publishes; `gloss check` warns about it here, at the line to change.

use std::path::Path;

use crate::diagnostics::{Diagnostic, SourceFile};

/// Where a site's workflow lives, relative to the site.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The version of this gloss, which `gloss init` pins in the workflow it writes.
pub const RUNNING: &str = env!("CARGO_PKG_VERSION");

/// The warning for a workflow (its text, shown as `path`) whose `GLOSS_VERSION` is not
/// `running`, or `None` when it is (or the workflow has no such line).
pub fn pinned_version(path: &Path, text: &str, running: &str) -> Option<Diagnostic> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if let Some(rest) = line[indent..].strip_prefix("GLOSS_VERSION:") {
            let value = rest.split(" #").next().unwrap_or("").trim();
            let version = value.trim_matches(|c| c == '"' || c == '\'');
            if version == running || value.is_empty() {
                return None;
            }
            let start = offset + indent + "GLOSS_VERSION:".len() + rest.find(value)?;
            let source = SourceFile {
                path: path.to_path_buf(),
                text: text.to_string(),
            };
            return Some(
                source
                    .error(
                        start..start + value.len(),
                        format!(
                            "the workflow installs gloss {version}, but this is gloss {running}: the published site may differ from what you check"
                        ),
                    )
                    .warning()
                    .with_hint(format!(
                        "once the site checks clean with gloss {running}, change this line to `GLOSS_VERSION: \"{running}\"`; or install gloss {version}"
                    ))
                    .with_code("workflow-gloss-version"),
            );
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_version_is_named_at_its_line() {
        let text = "env:\n  GLOSS_VERSION: \"0.0.9\" # pinned\n  GLOSS_PACKAGE: gloss-briefs\n";
        let d = pinned_version(Path::new(WORKFLOW_PATH), text, "0.1.0").expect("a warning");
        assert_eq!((d.line, d.column), (2, 18));
        assert_eq!(d.code, "workflow-gloss-version");
        assert!(!d.is_error());
        assert!(d.message.contains("gloss 0.0.9, but this is gloss 0.1.0"));
        let hint = d.hint.as_deref().unwrap_or("");
        assert!(hint.contains("`GLOSS_VERSION: \"0.1.0\"`"), "{hint}");
    }

    #[test]
    fn the_same_version_or_no_pin_is_quiet() {
        for text in [
            "env:\n  GLOSS_VERSION: \"0.1.0\"\n",
            "env:\n  GLOSS_VERSION: 0.1.0\n",
            "env:\n  GLOSS_VERSION: '0.1.0'\n",
            "on: push\n",
            "env:\n  GLOSS_VERSION:\n",
        ] {
            assert!(pinned_version(Path::new(WORKFLOW_PATH), text, "0.1.0").is_none());
        }
    }
}
