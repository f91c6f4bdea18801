//! Every hint that says what to write is right: for each fault case with a `fix.toml`, the
//! help gloss gives is followed literally, and `gloss check` must then find no error in
//! that file. A hint that leads to a second error fails here.
//!
//! `fix.toml` names the file and how the help is followed:
//!
//! ```toml
//! file = "content/incidents/2021-06-27-drone.md"
//! apply = "write"    # the line of the error becomes the help's "write `…`" text
//! # apply = "delete"   # the line of the error is deleted ("delete this line")
//! # apply = "add-line" # "(line N): add a line `…` below it"
//! ```

mod common;

use std::path::Path;

use common::Site;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fix {
    file: String,
    apply: String,
}

/// The first error `gloss check --format json` reports in `file`: its line and help.
fn first_error(site: &Site, file: &str) -> Option<(usize, String)> {
    let run = site.run(&["check", "--format", "json"]);
    run.stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|d| d["severity"] == "error" && d["file"] == file)
        .map(|d| {
            let line = d["line"].as_u64().unwrap_or(0) as usize;
            (line, d["help"].as_str().unwrap_or("").to_string())
        })
}

/// The text between the backticks that follow `after` in `help`.
fn quoted_after<'h>(help: &'h str, after: &str) -> Option<&'h str> {
    let rest = &help[help.find(after)? + after.len()..];
    let rest = rest.strip_prefix('`')?;
    Some(&rest[..rest.find('`')?])
}

/// `text` with its 1-based line `line` replaced by `new` (deleted when `None`), and
/// `added` put after it.
fn edit(text: &str, line: usize, new: Option<&str>, added: Option<&str>) -> String {
    let mut out = String::new();
    for (i, old) in text.lines().enumerate() {
        if i + 1 == line {
            if let Some(new) = new {
                out.push_str(new);
                out.push('\n');
            }
            if let Some(added) = added {
                out.push_str(added);
                out.push('\n');
            }
        } else {
            out.push_str(old);
            out.push('\n');
        }
    }
    out
}

/// Follows the help of `case`'s first error; returns what went wrong, if anything.
fn follow(case: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(case.join("fix.toml")).map_err(|e| e.to_string())?;
    let fix: Fix = toml::from_str(&text).map_err(|e| format!("fix.toml: {e}"))?;
    let site = Site::fixture();
    site.overlay(&case.join("site"));
    let (line, help) = first_error(&site, &fix.file)
        .ok_or_else(|| format!("no error in {} before the fix", fix.file))?;
    let before = std::fs::read_to_string(site.root().join(&fix.file)).map_err(|e| e.to_string())?;
    let after = match fix.apply.as_str() {
        "write" => {
            let new = quoted_after(&help, "write ").ok_or("the help has no \"write `…`\"")?;
            let old = before.lines().nth(line - 1).unwrap_or("");
            let indent = &old[..old.len() - old.trim_start().len()];
            edit(&before, line, Some(&format!("{indent}{new}")), None)
        }
        "delete" if help.contains("delete") => edit(&before, line, None, None),
        "add-line" => {
            let below: usize = help
                .split("(line ")
                .nth(1)
                .and_then(|rest| rest.split(')').next())
                .and_then(|n| n.parse().ok())
                .ok_or("the help names no line")?;
            let added = quoted_after(&help, "add a line ").ok_or("the help has no line to add")?;
            let kept = before.lines().nth(below - 1).unwrap_or("").to_string();
            edit(&before, below, Some(&kept), Some(added))
        }
        other => {
            return Err(format!(
                "fix.toml: cannot apply {other:?} with help {help:?}"
            ));
        }
    };
    site.write(&fix.file, &after);
    match first_error(&site, &fix.file) {
        None => Ok(()),
        Some((line, again)) => Err(format!(
            "following {help:?} left an error at line {line} (help: {again:?}):\n{after}"
        )),
    }
}

#[test]
fn every_written_fix_makes_the_file_valid() {
    let root = common::fixtures().join("faults");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures/faults")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("fix.toml").is_file())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 18,
        "only {} cases have a fix.toml",
        cases.len()
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            follow(case)
                .err()
                .map(|e| format!("{}: {e}", case.display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixes did not make the file valid:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn edits_follow_the_help_literally() {
    assert_eq!(
        quoted_after("close it: write `a = 1`", "write "),
        Some("a = 1")
    );
    assert_eq!(edit("a\nb\nc\n", 2, None, None), "a\nc\n");
    assert_eq!(edit("a\nb\n", 1, Some("a"), Some("]")), "a\n]\nb\n");
}

/// The warnings `gloss check --format json` gives about `file`: code and help.
fn warnings_in(site: &Site, file: &str) -> Vec<(String, String)> {
    let run = site.run(&["check", "--format", "json"]);
    run.stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|d| d["severity"] == "warning" && d["file"] == file)
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or("").to_string();
            (text("code"), text("help"))
        })
        .collect()
}

/// The number in `help` right after `after`, up to the first character not a digit.
fn number_after(help: &str, after: &str) -> Option<usize> {
    let rest = &help[help.find(after)? + after.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[test]
fn deleting_the_page_furniture_as_told_leaves_the_article() {
    let site = Site::fixture();
    site.overlay(&common::fixtures().join("faults/slip-article-page-furniture/site"));
    let file = "content/briefs/paste/article.txt";
    let helps: Vec<String> = warnings_in(&site, file)
        .into_iter()
        .filter(|(code, _)| code == "page-furniture")
        .map(|(_, help)| help)
        .collect();
    assert_eq!(helps.len(), 2, "{helps:?}");
    let text = std::fs::read_to_string(site.root().join(file)).expect("the pasted article");
    let lines: Vec<&str> = text.lines().collect();
    // "delete lines A–B from …" and "delete everything from line N to the end of …".
    let (mut keep_from, mut keep_to) = (1, lines.len());
    for help in &helps {
        if let Some(to) = number_after(help, "–") {
            keep_from = to + 1;
            assert_eq!(number_after(help, "delete lines "), Some(1), "{help}");
        } else {
            let from = number_after(help, "delete everything from line ").expect(help);
            keep_to = from - 1;
        }
    }
    let kept = lines[keep_from - 1..keep_to].join("\n") + "\n";
    site.write(file, &kept);
    assert_eq!(warnings_in(&site, file), [], "after the edit:\n{kept}");
    assert!(kept.starts_with("Farmers blocked the ring road"), "{kept}");
    assert!(
        kept.contains("failed in March, their union said."),
        "{kept}"
    );
}
