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

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use super::site::{Body, SiteFiles};
use crate::diagnostics::Diagnostics;
use crate::output::Memory;
use crate::pipeline::{Documents, Pipeline};
use crate::render::partial::{self, deps};
use crate::render::{Job, Site};
use crate::{BuildOptions, Clock, Lap};

/// Everything one good build left in memory: the pipeline's results and every file.
struct State {
    pipeline: Pipeline,
    /// Every file of the site.
    files: HashMap<String, Body>,
    /// Job key -> the path of its page.
    pages: HashMap<Job, String>,
    /// The paths of the files made from the whole site.
    site_wide: BTreeSet<String>,
}

impl State {
    fn site(&self) -> Site<'_> {
        self.pipeline.site()
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
        let memory = Memory::default();
        let made = partial::site_wide(
            &state.site(),
            &state.pipeline.theme,
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
            warnings: state.pipeline.warnings.clone(),
            rendered: 1,
            partial: false,
            timings: clock.1,
        })
    }

    /// The whole pipeline, as `gloss build` runs it, keeping every stage's result.
    fn full(&mut self) -> Result<Built, Diagnostics> {
        self.state = None;
        let options = &self.options;
        let config = crate::load_config(options)?;
        let mut pipeline = Pipeline::run(options, config, Documents::Keep)?;
        let site = pipeline.site();
        let jobs = partial::page_jobs(&site);
        let pages = partial::pages_in_memory(&site, &pipeline.theme, &jobs)?;
        let memory = Memory::default();
        partial::site_wide(
            &site,
            &pipeline.theme,
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
        crate::write::check_outputs(&options.root, &outputs)?;
        pipeline.lap("render");
        let rendered = keys.len();
        let timings = pipeline.take_laps();
        let state = State {
            pipeline,
            pages: keys.into_iter().collect(),
            site_wide,
            files: outputs.into_iter().map(Body::from_output).collect(),
        };
        let built = Built {
            site: state.publish(),
            warnings: state.pipeline.warnings.clone(),
            rendered,
            partial: false,
            timings,
        };
        self.state = Some(state);
        Ok(built)
    }

    /// The briefs marked `draft = true` at the last full build.
    pub fn drafts(&self) -> &[PathBuf] {
        self.state.as_ref().map_or(&[], |s| &s.pipeline.drafts)
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
    let (ci, before) = reload(state, root, drafts, (slug, single_file), clock)?;
    let p = &mut state.pipeline;
    p.annotated[ci] =
        crate::annotate::site::annotate_one(&p.corpus, &p.config, p.urls, &p.markdown, ci).ok()?;
    clock.lap("annotate");
    let reshaped = relink(p, ci, &before);
    clock.lap("link");
    reprepare(p, ci)?;
    clock.lap("prepare");
    let count = rerender(state, &before, reshaped)?;
    clock.lap("render");
    Some(Built {
        site: state.publish(),
        warnings: state.pipeline.warnings.clone(),
        rendered: count,
        partial: true,
        timings: std::mem::take(&mut clock.1),
    })
}

/// Loads and resolves the brief `slug` again and puts it in the corpus. Returns its
/// position and what it showed before; `None` when it moved (its date or draft flag
/// changed) or its tags now collide.
fn reload(
    state: &mut State,
    root: &Path,
    drafts: bool,
    (slug, single_file): (&str, bool),
    clock: &mut Clock,
) -> Option<(usize, deps::Before)> {
    let p = &mut state.pipeline;
    let loaded = p.loaded.as_mut()?;
    let li = loaded
        .briefs
        .iter()
        .position(|b| b.document.slug.as_str() == slug && b.single_file == single_file)?;
    loaded.briefs[li] = if single_file {
        crate::load::load_brief_file(root, slug)?
    } else {
        crate::load::load_bundle(root, slug)?
    };
    clock.lap("load");
    let options = crate::resolve::ResolveOptions { drafts };
    let brief = crate::resolve::resolve_brief(loaded, li, &p.rules, options).ok()??;
    let ci = p
        .corpus
        .briefs
        .iter()
        .position(|b| b.slug.as_str() == slug)?;
    let old = &p.corpus.briefs[ci];
    if old.date != brief.date || old.draft != brief.draft {
        return None;
    }
    let before = deps::Before::take(&state.site(), ci);
    let p = &mut state.pipeline;
    p.corpus.briefs[ci] = brief;
    if !crate::urls::tag_collisions(&p.corpus.briefs).is_empty() {
        return None;
    }
    clock.lap("resolve");
    Some((ci, before))
}

/// Remakes the card and body of the brief `ci`.
fn reprepare(p: &mut Pipeline, ci: usize) -> Option<()> {
    let newest = p.corpus.briefs.iter().map(|b| b.date).max();
    let brief = &p.corpus.briefs[ci];
    let prepared = &mut p.prepared;
    prepared.brief_cards[ci] = crate::render::prepare::brief_card(
        brief,
        &p.graph.briefs[ci],
        p.urls,
        &prepared.actor_links,
        &prepared.location_links,
        newest,
        &p.markdown,
    );
    prepared.brief_bodies[ci] = p
        .markdown
        .render(&brief.body, &brief.file, brief.body_line)
        .ok()?;
    Some(())
}

/// Renders the pages the edit affected into the kept files (and, when the graph was
/// `reshaped`, drops the pages that no longer exist). Returns how many were rendered.
fn rerender(state: &mut State, before: &deps::Before, reshaped: bool) -> Option<usize> {
    let site = state.site();
    let all = partial::page_jobs(&site);
    let jobs = deps::affected(&site, before, &all, reshaped);
    let rendered = partial::pages_in_memory(&site, &state.pipeline.theme, &jobs).ok()?;
    if reshaped {
        // Pages that no longer exist (an entity or tag with fewer pages of briefs).
        let jobs: HashSet<&Job> = all.iter().collect();
        let gone: Vec<Job> = state
            .pages
            .keys()
            .filter(|job| !jobs.contains(job))
            .cloned()
            .collect();
        for job in gone {
            if let Some(path) = state.pages.remove(&job) {
                state.files.remove(&path);
            }
        }
    }
    let count = rendered.len();
    for (job, output) in rendered {
        let (path, body) = Body::from_output(output);
        state.pages.insert(job, path.clone());
        state.files.insert(path, body);
    }
    Some(count)
}

/// Links the brief `ci` again. Replaces its own links when its entities, incidents and
/// tags are unchanged (its backlinks then stay the same list of briefs, and what it says of
/// each entity lives in its own links), else links the whole site. Returns whether the
/// whole site was linked.
fn relink(p: &mut Pipeline, ci: usize, before: &deps::Before) -> bool {
    let max = p.config.prior_max(p.corpus.briefs.len());
    let brief = &p.corpus.briefs[ci];
    let links = crate::graph::brief_links(&p.corpus, &p.graph, brief, &p.annotated[ci], max);
    let old_links = std::mem::replace(&mut p.graph.briefs[ci], links);
    if deps::same_shape(before, &p.site()) {
        return false;
    }
    drop(old_links);
    p.graph = crate::graph::link(&p.corpus, &p.annotated, max);
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
