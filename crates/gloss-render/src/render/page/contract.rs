//! The template contract, checked: every page of the base fixture (and of the demo site) is
//! built, and the top-level variables its template receives must be exactly those listed
//! under that template's heading in `docs/templates.md`; the values every page shares must be
//! those listed under `base.html`. A view that gains, loses or renames a field fails here
//! until the doc says so, and every template of `templates/` must be documented and built.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::annotate::site::annotate;
use crate::article::ArticleRules;
use crate::config::Config;
use crate::markup::markdown::Markdown;
use crate::render::prepare::prepare;
use crate::render::site::Site;
use crate::urls::Urls;

/// Top-level keys per template, the keys shared by every page, from a build of `root`.
type Keys = (BTreeMap<&'static str, BTreeSet<String>>, BTreeSet<String>);

/// Builds the site at `root` in memory, drafts included, with pages of `paginate_by` briefs
/// (so later pages of entities and tags exist), and hands it to `f`.
pub(in crate::render) fn with_site<T>(
    root: &Path,
    paginate_by: usize,
    f: impl FnOnce(&Site) -> T,
) -> T {
    let mut config = Config::load(root).expect("config");
    config.paginate_by = paginate_by;
    let rules = ArticleRules::new(&config.article.drop, &config.article.credits).expect("rules");
    let (loaded, errors) = crate::load::load_all(root, None);
    assert!(errors.is_empty(), "{errors:?}");
    let corpus = crate::resolve::resolve(
        loaded,
        &rules,
        crate::resolve::ResolveOptions { drafts: true },
    )
    .expect("resolve");
    let urls = Urls {
        file_urls: config.file_urls,
    };
    let markdown = Markdown::new(config.file_urls)
        .with_links(crate::markup::shorthand::Shorthands::new(&corpus, urls));
    let annotated = annotate(&corpus, &config, urls, &markdown).expect("annotate");
    let graph = crate::graph::link(&corpus, &annotated.briefs, config.prior_incidents.max);
    let prepared = prepare(&corpus, &graph, urls, &markdown).expect("prepare");
    let site = Site {
        config: &config,
        corpus: &corpus,
        graph: &graph,
        annotated: &annotated.briefs,
        prepared: &prepared,
        urls,
        memo: Default::default(),
    };
    f(&site)
}

/// Each template's top-level keys in a build of `root`.
fn keys_of(root: &Path, paginate_by: usize) -> Keys {
    with_site(root, paginate_by, template_keys)
}

fn template_keys(site: &Site) -> Keys {
    let common: BTreeSet<String> = object_keys(&site.page(&crate::render::Job::NotFound));
    let mut templates: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    // Entity pages split by bytes (`entity_briefs.rs`): a fixture's few briefs never fill a
    // second page, so one is rendered (empty) to check `entity_page.html`'s values too.
    let later = site
        .entity_keys()
        .next()
        .map(|key| crate::render::Job::EntityPage(key, 2));
    for job in super::jobs(site).into_iter().chain(later) {
        let page = site.page(&job);
        let keys = object_keys(&page);
        assert!(
            common.is_subset(&keys),
            "{} lacks some of base.html's values: {:?}",
            page.template,
            common.difference(&keys).collect::<Vec<_>>()
        );
        templates
            .entry(page.template)
            .or_default()
            .extend(keys.difference(&common).cloned());
    }
    (templates, common)
}

fn object_keys(page: &super::PageJob) -> BTreeSet<String> {
    page.keys.clone()
}

/// The top-level names of a page's context (serialized a second time, in tests only).
pub(super) fn keys<T: serde::Serialize>(page: &T) -> BTreeSet<String> {
    match serde_json::to_value(page) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        other => panic!("a page context is not an object: {other:?}"),
    }
}

/// `docs/templates.md`: for each `## ... `name.html`` heading, the names of its top-level
/// list items (lines starting with ``- `name` ``).
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let doc = std::fs::read_to_string(crate::testing::seed::repository().join("docs/templates.md"))
        .expect("docs/templates.md");
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
        let dir = crate::testing::seed::repository().join("templates");
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
    let root = crate::testing::seed::repository().join("tests/fixtures/sites/base");
    check(&root, 1, true);
}

#[test]
fn every_template_variable_of_the_demo_site_is_documented() {
    check(&crate::testing::seed::repository(), 2, false);
}
