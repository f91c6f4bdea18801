//! The drafts line of the `build` and `check` summaries: a brief marked `draft = true` is
//! left out of a build, so the summary names it instead of letting it drop off the site
//! unnoticed. `check` includes drafts, and still says which briefs would not be published.

use std::path::PathBuf;

use crate::diagnostics::plural;

/// How many drafts the summary names before "and N more".
pub const SHOWN: usize = 3;

/// The briefs marked `draft = true`, by their `index.md` or `<slug>.md`, in slug order.
pub fn drafts(loaded: &crate::load::Loaded) -> Vec<PathBuf> {
    loaded
        .briefs
        .iter()
        .filter(|b| b.document.front.draft)
        .map(|b| b.document.source.path.clone())
        .collect()
}

/// The summary line for `drafts`: "1 draft not published: content/briefs/x/index.md
/// (draft = true); build with --drafts to include it" when they were left out, or, when
/// they were `included` (check, `--drafts`), that they would not be published by a plain
/// build. `None` when there are no drafts.
pub fn summary(drafts: &[PathBuf], included: bool) -> Option<String> {
    let list = named(drafts)?;
    let one = drafts.len() == 1;
    let (it, them) = if one {
        ("it", "its")
    } else {
        ("them", "their")
    };
    Some(if included {
        format!(
            "{} checked, which `gloss build` leaves out: {list} (draft = true); delete {them} `draft` line to publish {it}",
            plural(drafts.len(), "draft"),
        )
    } else {
        format!(
            "{} not published: {list} (draft = true); build with --drafts to include {it}, or delete {them} `draft` line to publish {it}",
            plural(drafts.len(), "draft"),
        )
    })
}

/// The line `gloss serve` prints when it leaves `drafts` out (without `--drafts`): an
/// editor previewing the site is told why a brief is missing from it.
pub fn served(drafts: &[PathBuf]) -> Option<String> {
    let list = named(drafts)?;
    let (it, its) = if drafts.len() == 1 {
        ("it", "its")
    } else {
        ("them", "their")
    };
    Some(format!(
        "{} not shown: {list} (draft = true); serve with --drafts to preview {it}, or delete {its} `draft` line to publish {it}",
        plural(drafts.len(), "draft"),
    ))
}

/// The first [`SHOWN`] drafts, then "and N more"; `None` when there are none.
fn named(drafts: &[PathBuf]) -> Option<String> {
    drafts.first()?;
    let mut named: Vec<String> = drafts
        .iter()
        .take(SHOWN)
        .map(|p| p.display().to_string())
        .collect();
    if drafts.len() > SHOWN {
        named.push(format!("and {} more", drafts.len() - SHOWN));
    }
    Some(named.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_draft_is_named_with_what_to_do() {
        let one = [PathBuf::from("content/briefs/x/index.md")];
        assert_eq!(
            summary(&one, false).as_deref(),
            Some(
                "1 draft not published: content/briefs/x/index.md (draft = true); build with --drafts to include it, or delete its `draft` line to publish it"
            )
        );
        let checked = summary(&one, true).unwrap_or_default();
        assert!(
            checked.starts_with(
                "1 draft checked, which `gloss build` leaves out: content/briefs/x/index.md"
            ),
            "{checked}"
        );
        assert_eq!(summary(&[], false), None);
    }

    #[test]
    fn many_drafts_are_cut_to_a_few_and_a_count() {
        let many: Vec<PathBuf> = (1..=5)
            .map(|i| PathBuf::from(format!("content/briefs/d{i}.md")))
            .collect();
        let line = summary(&many, false).unwrap_or_default();
        assert!(
            line.starts_with("5 drafts not published: content/briefs/d1.md, content/briefs/d2.md, content/briefs/d3.md, and 2 more (draft = true); build with --drafts to include them"),
            "{line}"
        );
    }

    #[test]
    fn serve_names_the_drafts_it_leaves_out() {
        let two = [
            PathBuf::from("content/briefs/a/index.md"),
            PathBuf::from("content/briefs/b.md"),
        ];
        assert_eq!(
            served(&two).as_deref(),
            Some(
                "2 drafts not shown: content/briefs/a/index.md, content/briefs/b.md (draft = true); serve with --drafts to preview them, or delete their `draft` line to publish them"
            )
        );
        assert_eq!(served(&[]), None);
    }
}
