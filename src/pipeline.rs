//! The one pipeline: every stage from `theme` to `prepare` in order, timed by one clock, and
//! the results kept together. `gloss build`, `gloss check`, `gloss serve` (its full
//! rebuilds; its incremental ones update the kept results in place) and the template
//! contract test (`tests/template_contract.rs`) all run [`Pipeline::run`], so they cannot
//! drift apart: the same stages, the same laps, the same resolve, and the coach wherever
//! [`BuildOptions::coach`] asks for it. (Render's own unit tests join a site by hand in
//! `render/test_site.rs`: render may not import this later layer, even in a test.)

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::article::ArticleRules;
use crate::coach::lines::Dropped;
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::graph::Graph;
use crate::load::Loaded;
use crate::markup::markdown::Markdown;
use crate::model::{AnnotatedBrief, Corpus};
use crate::output::{Output, Sink};
use crate::render::prepare::Prepared;
use crate::render::theme::Theme;
use crate::render::{Memo, Site};
use crate::urls::Urls;
use crate::{BuildOptions, Clock, Lap, Report};

/// Whether the pipeline keeps the loaded documents after resolving them: `gloss serve`
/// reloads one brief and resolves it against the rest, a build has no use for them and
/// frees their memory before annotating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Documents {
    /// Keep them in [`Pipeline::loaded`].
    Keep,
    /// Drop them once resolved.
    Drop,
}

/// What `gloss check`'s coach adds to a build ([`BuildOptions::coach`]); empty otherwise.
#[derive(Debug, Default)]
pub struct Coached {
    /// The content files behind each built page, for link errors.
    pub sources: Vec<(String, Vec<PathBuf>)>,
    /// The lines drop patterns removed from each article.txt.
    pub dropped: Vec<Dropped>,
}

/// The results of every stage up to rendering, and the clock that timed them.
pub struct Pipeline {
    /// Settings, with the command line's overrides.
    pub config: Config,
    /// The config's article rules, compiled.
    pub rules: ArticleRules,
    /// Templates and static files.
    pub theme: Theme,
    /// Page paths for links.
    pub urls: Urls,
    /// Markdown with the site's shorthand links.
    pub markdown: Markdown,
    /// The loaded documents, when [`Documents::Keep`] asked for them.
    pub loaded: Option<Loaded>,
    /// The validated content.
    pub corpus: Corpus,
    /// Articles and mentions, per brief.
    pub annotated: Vec<AnnotatedBrief>,
    /// Backlinks, sidebars and prior incidents.
    pub graph: Graph,
    /// What many pages show, computed once.
    pub prepared: Prepared,
    /// Warnings of the site: reading first, then the rest sorted.
    pub warnings: Diagnostics,
    /// The briefs marked `draft = true`.
    pub drafts: Vec<PathBuf>,
    /// The coach's extras.
    pub coached: Coached,
    clock: Clock,
}

/// The stage names, in the order [`Pipeline::run`] and a build lap them.
pub const STAGES: [&str; 8] = [
    "theme", "load", "resolve", "annotate", "link", "prepare", "render", "write",
];

impl Pipeline {
    /// Runs the stages `theme` to `prepare` for the site `options` describes, with `config`
    /// (read by [`crate::load_config`], or changed by a test). A file that fails to load is
    /// reported and skipped; resolving the rest still runs, so every error of the site
    /// arrives in one run.
    pub fn run(
        options: &BuildOptions,
        config: Config,
        documents: Documents,
    ) -> Result<Pipeline, Diagnostics> {
        let mut clock = Clock(Instant::now(), Vec::new());
        let root = &options.root;
        let rules = crate::article_rules(&config)?;
        let theme = Theme::load(root, &config.highlight.theme)?;
        clock.lap("theme");
        let (mut loaded, load_errors) = crate::load::load_all(root, Some(&options.output()));
        let mut warnings = std::mem::take(&mut loaded.warnings);
        let drafts = crate::coach::drafts::drafts(&loaded);
        clock.lap("load");
        let resolve = crate::resolve::ResolveOptions {
            drafts: options.drafts,
        };
        let resolved = crate::resolve::resolve_all(&loaded, &rules, resolve);
        let corpus = crate::with_load_errors(resolved, load_errors)?;
        let read = match options.coach {
            true => crate::coach::article_sources(&loaded),
            false => Vec::new(),
        };
        let loaded = (documents == Documents::Keep).then_some(loaded);
        clock.lap("resolve");
        let urls = Urls {
            file_urls: config.file_urls,
        };
        let markdown = Markdown::new(config.file_urls)
            .with_links(crate::markup::shorthand::Shorthands::new(&corpus, urls));
        let mut annotated = crate::annotate::site::annotate(&corpus, &config, urls, &markdown)?;
        clock.lap("annotate");
        let coached = if options.coach {
            coach(options, &config, &rules, (read, &corpus), &mut annotated)
        } else {
            Coached::default()
        };
        warnings.extend(annotated.warnings.sorted());
        let graph = crate::graph::link(
            &corpus,
            &annotated.briefs,
            config.prior_max(corpus.briefs.len()),
        );
        clock.lap("link");
        let prepared = crate::render::prepare::prepare(&corpus, &graph, urls, &markdown)?;
        clock.lap("prepare");
        Ok(Pipeline {
            config,
            rules,
            theme,
            urls,
            markdown,
            loaded,
            corpus,
            annotated: annotated.briefs,
            graph,
            prepared,
            warnings,
            drafts,
            coached,
            clock,
        })
    }

    /// The join the render stage reads.
    pub fn site(&self) -> Site<'_> {
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

    /// The `render` stage: every file of the site into `sink`, then the paths checked
    /// ([`crate::write::check_outputs`]). Returns every file without its bytes.
    pub fn render(&mut self, root: &Path, sink: &dyn Sink) -> Result<Vec<Output>, Diagnostics> {
        let outputs = crate::render::render(&self.site(), &self.theme, sink)?;
        crate::write::check_outputs(root, &outputs)?;
        self.lap("render");
        Ok(outputs)
    }

    /// Ends the current stage under the name `stage` (one of [`STAGES`], or a step of
    /// serve's); the next one starts now.
    pub fn lap(&mut self, stage: &'static str) {
        self.clock.lap(stage);
    }

    /// The laps so far; the clock starts over.
    pub fn take_laps(&mut self) -> Vec<Lap> {
        self.clock.0 = Instant::now();
        std::mem::take(&mut self.clock.1)
    }

    /// What the build did, for the terminal, given every file it made.
    pub fn report(mut self, outputs: &[Output]) -> Report {
        let report = Report {
            pages: outputs
                .iter()
                .filter(|o| o.path().ends_with(".html"))
                .count(),
            files: outputs.len(),
            briefs: self.corpus.briefs.len(),
            actors: self.corpus.actors.len(),
            locations: self.corpus.locations.len(),
            incidents: self.corpus.incidents.len(),
            timings: self.take_laps(),
            warnings: std::mem::take(&mut self.warnings),
            output: None,
            written: crate::write::Written::default(),
            sources: std::mem::take(&mut self.coached.sources),
            drafts: std::mem::take(&mut self.drafts),
            dropped: std::mem::take(&mut self.coached.dropped),
            size: crate::coach::site_size::SiteSize::default(),
            compact: self.config.publish.is_compact(self.corpus.briefs.len()),
        };
        // Freeing the corpus, the graph and the annotated articles (2 GB in millions of
        // allocations at 100,000 briefs) took about a second after the last page; another
        // thread frees them while the files are moved into place and the process exits.
        // Should no thread start, they are freed here, as before.
        let _ = std::thread::Builder::new()
            .name("free".into())
            .spawn(move || drop(self));
        report
    }
}

/// `gloss check`'s coaching, given the article.txt files load read: its warnings join the
/// annotation's; returns the rest.
fn coach(
    options: &BuildOptions,
    config: &Config,
    rules: &ArticleRules,
    (read, corpus): (Vec<crate::diagnostics::SourceFile>, &Corpus),
    annotated: &mut crate::annotate::site::Annotated,
) -> Coached {
    let (coached, dropped) = crate::coach::warnings(crate::coach::Coaching {
        root: &options.root,
        config,
        rules,
        read,
        corpus,
        annotated: &annotated.briefs,
    });
    annotated.warnings.extend(coached.sorted());
    let urls = Urls {
        file_urls: config.file_urls,
    };
    Coached {
        sources: crate::coach::sources(corpus, urls),
        dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BuildOptions {
        BuildOptions {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/base"),
            ..BuildOptions::default()
        }
    }

    #[test]
    fn the_stages_are_lapped_in_order_once_each() {
        let options = base();
        let config = crate::load_config(&options).expect("config");
        let mut pipeline = Pipeline::run(&options, config, Documents::Drop).expect("run");
        assert!(pipeline.loaded.is_none());
        let memory = crate::output::Memory::default();
        pipeline.render(&options.root, &memory).expect("render");
        pipeline.lap("write");
        let laps: Vec<&str> = pipeline.take_laps().iter().map(|l| l.stage).collect();
        assert_eq!(laps, STAGES);
        assert!(pipeline.take_laps().is_empty(), "the clock starts over");
    }

    #[test]
    fn serve_keeps_the_documents_and_only_check_coaches() {
        let options = base();
        let config = crate::load_config(&options).expect("config");
        let kept = Pipeline::run(&options, config, Documents::Keep).expect("run");
        assert!(kept.loaded.is_some());
        assert!(kept.coached.sources.is_empty());
        let coaching = BuildOptions {
            coach: true,
            ..base()
        };
        let config = crate::load_config(&coaching).expect("config");
        let checked = Pipeline::run(&coaching, config, Documents::Drop).expect("run");
        assert!(!checked.coached.sources.is_empty());
    }
}
