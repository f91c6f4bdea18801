//! Incremental builds for `gloss serve`. The loaded documents, the resolved corpus, the
//! annotations, the graph, the prepared values and every output file stay in memory between
//! builds. An edit confined to one brief (its bundle `content/briefs/<slug>/` or its file
//! `content/briefs/<slug>.md`) that keeps the brief's date and draft flag (so no brief
//! moves) is applied to that brief alone:
//!
//! 1. reload the brief's files only ([`crate::load::load_bundle`],
//!    [`crate::load::load_brief_file`]);
//! 2. resolve that brief against the loaded entities ([`crate::resolve::resolve_brief`]) and
//!    check tag collisions over all briefs (cheap);
//! 3. annotate that brief alone: the matcher (entity names) is the same, so every other
//!    brief's annotation is too;
//! 4. relink that brief ([`crate::graph::brief_links`]): when its entities, incidents and
//!    tags are the same as before only its own links change (backlinks are brief ids, and
//!    what the brief says of each entity lives in its links); otherwise link the whole site;
//! 5. remake its card and body, then render the pages [`deps::affected`] names.
//!
//! The files made from the whole site (search index, feeds, data files, sitemap) come in a
//! second step, [`Engine::finish`], so the edited page is served as soon as it is ready.
//! Anything else (config, templates, static files, entities, incidents, pages, a brief
//! added or removed, a brief that moves, any error) rebuilds everything, exactly as
//! `gloss build` would; the serve tests compare both ways with clean builds byte for byte.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use super::site::{Body, SiteFiles};
use crate::article::ArticleRules;
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::graph::Graph;
use crate::load::Loaded;
use crate::markup::markdown::Markdown;
use crate::model::AnnotatedBrief;
use crate::model::Corpus;
use crate::output::Memory;
use crate::render::partial::{self, deps};
use crate::render::prepare::Prepared;
use crate::render::theme::Theme;
use crate::render::{Memo, Site};
use crate::urls::Urls;
use crate::{BuildOptions, Clock, Lap};

/// Everything one good build left in memory.
struct State {
    config: Config,
    rules: ArticleRules,
    theme: Theme,
    markdown: Markdown,
    urls: Urls,
    loaded: Loaded,
    corpus: Corpus,
    annotated: Vec<AnnotatedBrief>,
    graph: Graph,
    prepared: Prepared,
    warnings: Diagnostics,
    /// Every file of the site.
    files: HashMap<String, Body>,
    /// Job key -> the path of its page.
    pages: HashMap<String, String>,
    /// The paths of the files made from the whole site.
    site_wide: BTreeSet<String>,
}

impl State {
    fn site(&self) -> Site<'_> {
        Site {
            config: &self.config,
            corpus: &self.corpus,
            graph: &self.graph,
            annotated: &self.annotated,
            prepared: &self.prepared,
            urls: self.urls,
            memo: Memo::default(),
        }
    }

    fn publish(&self) -> SiteFiles {
        SiteFiles::from_map(self.files.clone())
    }
}

/// What one build did, for the terminal.
#[derive(Debug)]
pub struct Built {
    /// The site to serve.
    pub site: SiteFiles,
    /// Warnings of the site (as a full build reports them).
    pub warnings: Diagnostics,
    /// Pages rendered by this build.
    pub rendered: usize,
    /// Whether only part of the site was rebuilt (and [`Engine::finish`] is due).
    pub partial: bool,
    /// Time per step.
    pub timings: Vec<Lap>,
}

/// The in-memory site and how to update it.
pub struct Engine {
    options: BuildOptions,
    state: Option<State>,
    /// A partial build is served whose whole-site files are not made yet.
    pending: bool,
}

impl Engine {
    /// An engine for the site `options` describes; nothing is built yet.
    pub fn new(options: BuildOptions) -> Engine {
        Engine {
            options,
            state: None,
            pending: false,
        }
    }

    /// Whether the last build was partial and [`Engine::finish`] is due.
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// Builds after the sources at `changed` (relative to the site folder) changed; the
    /// first build passes none. Incremental when it can be (see the module docs).
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Built, Diagnostics> {
        if self.pending {
            // Never apply an edit over a site whose whole-site files lag behind.
            self.finish()?;
        }
        if let Some((slug, single_file)) = one_brief(changed) {
            if let Some(built) = self.update_brief(&slug, single_file) {
                self.pending = true;
                return Ok(built);
            }
        }
        self.full()
    }

    /// Remakes the files made from the whole site after a partial build.
    pub fn finish(&mut self) -> Result<Built, Diagnostics> {
        self.pending = false;
        let mut clock = Clock(Instant::now(), Vec::new());
        let Some(state) = self.state.as_mut() else {
            return self.full();
        };
        let site = Site {
            config: &state.config,
            corpus: &state.corpus,
            graph: &state.graph,
            annotated: &state.annotated,
            prepared: &state.prepared,
            urls: state.urls,
            memo: Memo::default(),
        };
        let memory = Memory::default();
        let made = partial::site_wide(
            &site,
            &state.theme,
            state.pages.values().map(String::as_str),
            &memory,
        );
        if made.is_err() {
            return self.full();
        }
        let outputs = memory.into_outputs();
        for path in std::mem::take(&mut state.site_wide) {
            state.files.remove(&path);
        }
        for output in outputs {
            let (path, body) = Body::from_output(output);
            state.site_wide.insert(path.clone());
            state.files.insert(path, body);
        }
        clock.lap("site files");
        Ok(Built {
            site: state.publish(),
            warnings: state.warnings.clone(),
            rendered: 1,
            partial: false,
            timings: clock.1,
        })
    }

    /// The whole pipeline, as `gloss build` runs it, keeping every stage's result.
    fn full(&mut self) -> Result<Built, Diagnostics> {
        self.state = None;
        let mut clock = Clock(Instant::now(), Vec::new());
        let options = &self.options;
        let root = &options.root;
        let config = crate::load_config(options)?;
        let rules = crate::article_rules(&config)?;
        let theme = Theme::load(root, &config.highlight.theme)?;
        let (mut loaded, load_errors) = crate::load::load_all(root, Some(&options.output()));
        let mut warnings = std::mem::take(&mut loaded.warnings);
        clock.lap("load");
        let resolve_options = crate::resolve::ResolveOptions {
            drafts: options.drafts,
        };
        let resolved = crate::resolve::resolve_all(&loaded, &rules, resolve_options);
        let corpus = crate::with_load_errors(resolved, load_errors)?;
        clock.lap("resolve");
        let urls = Urls {
            file_urls: config.file_urls,
        };
        let markdown = Markdown::new(config.file_urls)
            .with_links(crate::markup::shorthand::Shorthands::new(&corpus, urls));
        let annotated = crate::annotate::site::annotate(&corpus, &config, urls, &markdown)?;
        warnings.extend(annotated.warnings.sorted());
        clock.lap("annotate");
        let graph = crate::graph::link(&corpus, &annotated.briefs, config.prior_incidents.max);
        clock.lap("link");
        let prepared = crate::render::prepare::prepare(&corpus, &graph, urls, &markdown)?;
        clock.lap("prepare");
        let mut state = State {
            config,
            rules,
            theme,
            markdown,
            urls,
            loaded,
            corpus,
            annotated: annotated.briefs,
            graph,
            prepared,
            warnings,
            files: HashMap::new(),
            pages: HashMap::new(),
            site_wide: BTreeSet::new(),
        };
        let site = state.site();
        let jobs = partial::page_jobs(&site);
        let pages = partial::pages_in_memory(&site, &state.theme, &jobs)?;
        let memory = Memory::default();
        partial::site_wide(
            &site,
            &state.theme,
            pages.iter().map(|(_, o)| o.path()),
            &memory,
        )?;
        let wide = memory.into_outputs();
        let mut keys = Vec::with_capacity(pages.len());
        let mut outputs = Vec::with_capacity(pages.len() + wide.len());
        for (key, output) in pages {
            keys.push((key, output.path().to_string()));
            outputs.push(output);
        }
        let site_wide: BTreeSet<String> = wide.iter().map(|o| o.path().to_string()).collect();
        outputs.extend(wide);
        crate::write::check_outputs(root, &outputs)?;
        clock.lap("render");
        let rendered = keys.len();
        state.pages = keys.into_iter().collect();
        state.site_wide = site_wide;
        state.files = outputs.into_iter().map(Body::from_output).collect();
        let built = Built {
            site: state.publish(),
            warnings: state.warnings.clone(),
            rendered,
            partial: false,
            timings: clock.1,
        };
        self.state = Some(state);
        Ok(built)
    }

    /// The edit-one-brief path; `None` when a full build is needed instead.
    fn update_brief(&mut self, slug: &str, single_file: bool) -> Option<Built> {
        let mut clock = Clock(Instant::now(), Vec::new());
        let root = self.options.root.clone();
        let drafts = self.options.drafts;
        let state = self.state.as_mut()?;
        // From here on the state is changed in place: on any failure it is dropped, and the
        // full build that follows starts over from the files.
        let built = apply(state, &root, drafts, (slug, single_file), &mut clock);
        if built.is_none() {
            self.state = None;
        }
        built
    }
}

/// The one brief all of `changed` belongs to, if so: its slug, and whether it is a single
/// file (`content/briefs/<slug>.md`) rather than a bundle (`content/briefs/<slug>/<file>`).
fn one_brief(changed: &[PathBuf]) -> Option<(String, bool)> {
    let mut briefs = changed.iter().map(|path| {
        let parts: Vec<&str> = path
            .components()
            .map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect::<Option<_>>()?;
        match parts.as_slice() {
            ["content", "briefs", slug, _file] => Some((slug.to_string(), false)),
            ["content", "briefs", file] => file
                .strip_suffix(".md")
                .map(|slug| (slug.to_string(), true)),
            _ => None,
        }
    });
    let first = briefs.next()??;
    briefs
        .all(|brief| brief.as_ref() == Some(&first))
        .then_some(first)
}

/// Applies an edit of the brief `slug` (a single file or a bundle) to `state` (see the
/// module docs).
fn apply(
    state: &mut State,
    root: &Path,
    drafts: bool,
    (slug, single_file): (&str, bool),
    clock: &mut Clock,
) -> Option<Built> {
    let li = state
        .loaded
        .briefs
        .iter()
        .position(|b| b.document.slug.as_str() == slug && b.single_file == single_file)?;
    state.loaded.briefs[li] = if single_file {
        crate::load::load_brief_file(root, slug)?
    } else {
        crate::load::load_bundle(root, slug)?
    };
    clock.lap("load");
    let options = crate::resolve::ResolveOptions { drafts };
    let brief = crate::resolve::resolve_brief(&state.loaded, li, &state.rules, options).ok()??;
    let ci = state
        .corpus
        .briefs
        .iter()
        .position(|b| b.slug.as_str() == slug)?;
    let old = &state.corpus.briefs[ci];
    if old.date != brief.date || old.draft != brief.draft {
        return None;
    }
    let before = deps::Before::take(&state.site(), ci);
    state.corpus.briefs[ci] = brief;
    if !crate::urls::tag_collisions(&state.corpus.briefs).is_empty() {
        return None;
    }
    clock.lap("resolve");
    state.annotated[ci] = crate::annotate::site::annotate_one(
        &state.corpus,
        &state.config,
        state.urls,
        &state.markdown,
        ci,
    )
    .ok()?;
    clock.lap("annotate");
    let reshaped = relink(state, ci, &before);
    clock.lap("link");
    let newest = state.corpus.briefs.iter().map(|b| b.date).max();
    let brief = &state.corpus.briefs[ci];
    let prepared = &mut state.prepared;
    prepared.brief_cards[ci] = crate::render::prepare::brief_card(
        brief,
        &state.graph.briefs[ci],
        state.urls,
        &prepared.actor_links,
        &prepared.location_links,
        newest,
        &state.markdown,
    );
    prepared.brief_bodies[ci] = state
        .markdown
        .render(&brief.body, &brief.file, brief.body_line)
        .ok()?;
    clock.lap("prepare");
    let site = state.site();
    let all = partial::page_jobs(&site);
    let jobs = deps::affected(&site, &before, &all, reshaped);
    let rendered = partial::pages_in_memory(&site, &state.theme, &jobs).ok()?;
    if reshaped {
        // Pages that no longer exist (an entity or tag with fewer pages of briefs).
        let keys: BTreeSet<String> = all.iter().map(partial::job_key).collect();
        let gone: Vec<String> = state
            .pages
            .keys()
            .filter(|key| !keys.contains(*key))
            .cloned()
            .collect();
        for key in gone {
            if let Some(path) = state.pages.remove(&key) {
                state.files.remove(&path);
            }
        }
    }
    let count = rendered.len();
    for (key, output) in rendered {
        let (path, body) = Body::from_output(output);
        state.pages.insert(key, path.clone());
        state.files.insert(path, body);
    }
    clock.lap("render");
    Some(Built {
        site: state.publish(),
        warnings: state.warnings.clone(),
        rendered: count,
        partial: true,
        timings: std::mem::take(&mut clock.1),
    })
}

/// Links the brief `ci` again. Replaces its own links when its entities, incidents and
/// tags are unchanged (its backlinks then stay the same list of briefs, and what it says of
/// each entity lives in its own links), else links the whole site. Returns whether the
/// whole site was linked.
fn relink(state: &mut State, ci: usize, before: &deps::Before) -> bool {
    let max = state.config.prior_incidents.max;
    let brief = &state.corpus.briefs[ci];
    let links = crate::graph::brief_links(
        &state.corpus,
        &state.graph,
        brief,
        &state.annotated[ci],
        max,
    );
    let old_links = std::mem::replace(&mut state.graph.briefs[ci], links);
    if deps::same_shape(before, &state.site()) {
        return false;
    }
    drop(old_links);
    state.graph = crate::graph::link(&state.corpus, &state.annotated, max);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_inside_one_brief_are_incremental() {
        let p = |s: &str| PathBuf::from(s);
        let bundle = Some(("a".to_string(), false));
        assert_eq!(
            one_brief(&[
                p("content/briefs/a/article.txt"),
                p("content/briefs/a/index.md")
            ]),
            bundle
        );
        assert_eq!(
            one_brief(&[p("content/briefs/a.md")]),
            Some(("a".into(), true))
        );
        assert_eq!(
            one_brief(&[p("content/briefs/a.md"), p("content/briefs/a/index.md")]),
            None
        );
        assert_eq!(one_brief(&[p("content/briefs/a/x/y.jpg")]), None);
        assert_eq!(one_brief(&[p("content/briefs/a.txt")]), None);
        assert_eq!(
            one_brief(&[
                p("content/briefs/a/index.md"),
                p("content/briefs/b/index.md")
            ]),
            None
        );
        assert_eq!(one_brief(&[p("templates/brief.html")]), None);
        assert_eq!(one_brief(&[]), None);
    }
}
