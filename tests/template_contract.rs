//! The template contract, checked: every page of the base fixture (and of the demo site) is
//! built through the one [`Pipeline`], and the top-level variables its template receives must
//! be exactly those listed under that template's heading in `docs/templates.md`; the values
//! every page shares must be those listed under `base.html`. A view that gains, loses or
//! renames a field fails here until the doc says so, and every template of `templates/` must
//! be documented and built. (The page's names come from `PageJob::keys`, which gloss-render
//! keeps only with its feature `contract`, enabled for these tests.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use gloss::BuildOptions;
use gloss::pipeline::{Documents, Pipeline};
use gloss::render::Job;
use gloss::render::page::jobs;

/// Top-level keys per template, the keys shared by every page, from a build of `root`.
type Keys = (BTreeMap<&'static str, BTreeSet<String>>, BTreeSet<String>);

/// The repository: the demo site, `docs/` and `templates/`.
fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each template's top-level keys in a build of `root`, drafts included, with pages of
/// `paginate_by` briefs (so later pages of entities and tags exist).
fn keys_of(root: &Path, paginate_by: usize) -> Keys {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: true,
        ..BuildOptions::default()
    };
    let mut config = gloss::load_config(&options).expect("config");
    config.paginate_by = paginate_by;
    let pipeline = Pipeline::run(&options, config, Documents::Drop).expect("the site builds");
    let site = pipeline.site();
    let common = site.page(&Job::NotFound).keys;
    let mut templates: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    // Entity pages split by bytes (`entity_briefs.rs`): a fixture's few briefs never fill a
    // second page, so one is rendered (empty) to check `entity_page.html`'s values too.
    let later = site.entity_keys().next().map(|key| Job::EntityPage(key, 2));
    for job in jobs(&site).into_iter().chain(later) {
        let page = site.page(&job);
        assert!(
            common.is_subset(&page.keys),
            "{} lacks some of base.html's values: {:?}",
            page.template,
            common.difference(&page.keys).collect::<Vec<_>>()
        );
        templates
            .entry(page.template)
            .or_default()
            .extend(page.keys.difference(&common).cloned());
    }
    (templates, common)
}

/// `docs/templates.md`: for each `## ... `name.html`` heading, the names of its top-level
/// list items (lines starting with ``- `name` ``).
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let doc =
        std::fs::read_to_string(repository().join("docs/templates.md")).expect("docs/templates.md");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            current = heading
                .split('`')
                .find(|part| part.ends_with(".html"))
                .map(str::to_string);
            if let Some(name) = &current {
                out.entry(name.clone()).or_default();
            }
        } else if let (Some(name), Some(item)) = (&current, line.strip_prefix("- `")) {
            let key = item.split('`').next().unwrap_or_default();
            out.entry(name.clone()).or_default().insert(key.to_string());
        }
    }
    out
}

/// Compares the pages built from `root` with `docs/templates.md`; with `every_template`, also
/// that every template of `templates/` is built and documented, and nothing else is.
fn check(root: &Path, paginate_by: usize, every_template: bool) {
    let (templates, common) = keys_of(root, paginate_by);
    let doc = documented();
    let mut problems = Vec::new();
    let base = doc.get("base.html").cloned().unwrap_or_default();
    if base != common {
        problems.push(format!("base.html: built {common:?}, documented {base:?}"));
    }
    for (template, keys) in &templates {
        match doc.get(*template) {
            None => problems.push(format!(
                "{template} has no `## ` heading in docs/templates.md"
            )),
            Some(listed) if listed != keys => {
                problems.push(format!("{template}: built {keys:?}, documented {listed:?}"))
            }
            Some(_) => {}
        }
    }
    if every_template {
        let dir = repository().join("templates");
        for entry in std::fs::read_dir(dir).expect("templates/") {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            if name.ends_with(".html") && name != "base.html" {
                if !templates.contains_key(name.as_str()) {
                    problems.push(format!("{name}: no page of the fixture uses it"));
                }
                if !doc.contains_key(&name) {
                    problems.push(format!("{name}: not documented in docs/templates.md"));
                }
            }
        }
        for name in doc.keys() {
            if name != "base.html" && !templates.contains_key(name.as_str()) {
                problems.push(format!("{name}: documented but no page uses it"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs/templates.md and the page views disagree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_template_variable_of_the_base_fixture_is_documented() {
    let root = repository().join("tests/fixtures/sites/base");
    check(&root, 1, true);
}

#[test]
fn every_template_variable_of_the_demo_site_is_documented() {
    check(&repository(), 2, false);
}
