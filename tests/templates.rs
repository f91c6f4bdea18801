//! gloss's own templates never trap the editor: every `gloss new` kind with every option
//! combination makes a file `gloss check` accepts, uncommenting any optional key as the
//! template says never sets a key twice, and the starter README names the files gloss
//! really makes.

mod common;

use std::path::Path;

use common::cli::{new_site, run};

/// The files a `gloss new` run in the site at `root` reports as created, relative to it.
fn created(root: &str, stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("Created "))
        .map(|p| {
            let p = p.trim();
            let p = p.strip_prefix(root).unwrap_or(p);
            p.trim_start_matches(['/', '\\']).replace('\\', "/")
        })
        .collect()
}

/// Warnings a fresh, still empty entry may get: they coach the editor to fill it in.
const COACHING: [&str; 6] = [
    "unused-entity",
    "incident-no-location",
    "incident-no-sources",
    "no-source-url",
    "placeholder-base-url",
    "unlinked-name",
];

/// Every `# key = value` example of a front matter, uncommented one at a time, still parses:
/// no example duplicates a key the file already sets.
fn examples_uncomment_cleanly(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let front = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split("\n+++").next())
        .ok_or("no front matter")?;
    let lines: Vec<&str> = front.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(example) = line.strip_prefix("# ") else {
            continue;
        };
        if example.starts_with('[') {
            break; // the examples of a commented table go with it
        }
        let is_key = example
            .split_once(" = ")
            .is_some_and(|(k, _)| !k.is_empty() && !k.contains(' '));
        if !is_key {
            continue;
        }
        let example = example.split("  #").next().unwrap_or(example);
        let mut edited = lines.clone();
        edited[i] = example;
        if let Err(e) = edited.join("\n").parse::<toml::Table>() {
            return Err(format!(
                "uncommenting `{example}` in {}: {e}",
                path.display()
            ));
        }
    }
    Ok(())
}

#[test]
fn every_new_option_combination_passes_check() {
    let (dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    let article = dir.path().join("pasted.txt");
    std::fs::write(
        &article,
        "The Northbridge Port Authority closed the pier on Monday.\n\nThe Northbridge Port Authority said repairs would take a month.\n",
    )
    .expect("write article");
    let kinds = ["brief", "actor", "location", "incident"];
    let dates = [None, Some("2021-04"), Some("2021"), Some("2021-04-05")];
    let mut made = Vec::new();
    let mut number = 0;
    for kind in kinds {
        for date in dates {
            for slug in [false, true] {
                for from in [false, true] {
                    if from && kind != "brief" {
                        continue;
                    }
                    number += 1;
                    let name = format!("Rockets over Qayyarah number {number}");
                    let slug_arg = format!("given-slug-{number}");
                    let mut args = vec!["new", kind, name.as_str(), "--root", root];
                    if let Some(date) = date {
                        args.extend(["--date", date]);
                    }
                    if slug {
                        args.extend(["--slug", slug_arg.as_str()]);
                    }
                    if from {
                        args.extend(["--from", article.to_str().expect("utf-8")]);
                    }
                    let (code, stdout, stderr) = run(&args);
                    let partial = date.is_some_and(|d| d.len() < 10);
                    if kind == "brief" && partial {
                        // A brief needs a full day: refused with what to write, no file made.
                        assert_eq!(code, 1, "{args:?}: {stdout}{stderr}");
                        assert!(stderr.contains("help: write --date YYYY-MM-DD"), "{stderr}");
                        continue;
                    }
                    assert_eq!(code, 0, "{args:?}: {stdout}{stderr}");
                    let files = created(root, &stdout);
                    assert!(!files.is_empty(), "{args:?}: {stdout}");
                    made.extend(files.into_iter().map(|f| (args.join(" "), f)));
                }
            }
        }
    }
    let (_, stdout, stderr) = run(&["check", "--root", root, "--format", "json"]);
    let diagnostics: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    for (command, file) in &made {
        for d in diagnostics.iter().filter(|d| d["file"] == file.as_str()) {
            let coaching =
                d["severity"] == "warning" && COACHING.contains(&d["code"].as_str().unwrap_or(""));
            assert!(
                coaching,
                "`gloss {command}` made {file}, which check flags: {d}\n{stderr}"
            );
        }
        if file.ends_with(".md") {
            examples_uncomment_cleanly(&site.join(file)).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    assert!(made.len() > 20, "{made:?}");
}

#[test]
fn month_and_year_incidents_are_quoted() {
    let (_dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    let (code, stdout, stderr) = run(&[
        "new",
        "incident",
        "Erbil fire",
        "--date",
        "2021-04",
        "--root",
        root,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let file = created(root, &stdout).remove(0);
    assert_eq!(file, "content/incidents/2021-04-erbil-fire.md");
    let text = std::fs::read_to_string(site.join(&file)).expect("read");
    assert!(text.contains("\ndate = \"2021-04\""), "{text}");
}

#[test]
fn starter_readme_names_the_files_gloss_makes() {
    let (_dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    let readme = std::fs::read_to_string(site.join("README.md")).expect("starter README");
    let mut checked = 0;
    for line in readme.lines().filter(|l| l.starts_with("gloss new ")) {
        let (command, said) = line.split_once('#').expect("a comment naming the file");
        let said = said.trim();
        let mut words = command["gloss new ".len()..].splitn(2, ' ');
        let kind = words.next().expect("kind");
        let name = words.next().expect("name").trim().trim_matches('"');
        let (code, stdout, stderr) = run(&["new", kind, name, "--root", root]);
        assert_eq!(code, 0, "{line}: {stderr}");
        let made = created(root, &stdout).remove(0);
        // The README writes YYYY-MM-DD for the day an incident is made.
        let made = match made.strip_prefix("content/incidents/") {
            Some(file) if file.len() > 10 => format!("content/incidents/YYYY-MM-DD{}", &file[10..]),
            _ => made,
        };
        assert!(
            made.starts_with(said),
            "the starter README says `{line}` makes {said}, but gloss made {made}"
        );
        checked += 1;
    }
    assert_eq!(checked, 4, "{readme}");
}

#[test]
fn a_date_in_another_order_says_what_to_pass() {
    let (_dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    let (code, _, stderr) = run(&[
        "new",
        "incident",
        "Erbil fire",
        "--date",
        "27/06/2021",
        "--root",
        root,
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("did you mean `--date 2021-06-27`?"),
        "{stderr}"
    );
}
