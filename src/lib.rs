//! gloss: a static site generator for annotated news briefs.
//!
//! One direction of data flow, each stage a module with one job:
//! [`load`] (read `content/`) → [`resolve`] (references to ids) → [`annotate`] (mentions and
//! notes in each article) → [`graph`] (backlinks, sidebars, prior incidents) → [`render`]
//! (markdown and Tera, in memory) → [`write`] (only once everything rendered; see there).
//! The site graph needs the mentions, so annotation comes before linking.

pub mod annotate;
pub mod article;
pub mod check;
pub mod coach;
pub mod config;
pub mod diagnostics;
pub mod graph;
pub mod load;
pub mod map;
pub mod model;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod urls;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use diagnostics::{Diagnostic, Diagnostics};
use render::Output;

/// What to build, from the command line.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The site folder (with `config.toml` and `content/`).
    pub root: PathBuf,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Where to write; `public/` in the site folder by default.
    pub output_dir: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Replace an output folder gloss did not write.
    pub force: bool,
    /// Links end in `index.html` (overrides the config's `file_urls`).
    pub file_urls: bool,
    /// Add `gloss check`'s coaching warnings (see [`coach`]).
    pub coach: bool,
}

impl BuildOptions {
    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug, Default)]
pub struct Report {
    /// HTML pages.
    pub pages: usize,
    /// All files.
    pub files: usize,
    /// Published briefs.
    pub briefs: usize,
    /// Actors.
    pub actors: usize,
    /// Locations.
    pub locations: usize,
    /// Incidents.
    pub incidents: usize,
    /// Warnings (ambiguous names…).
    pub warnings: Diagnostics,
    /// Time per stage.
    pub timings: Vec<(&'static str, Duration)>,
    /// Where the site was written (none for `check`).
    pub output: Option<PathBuf>,
    /// How many files the write changed and left alone.
    pub written: write::Written,
    /// The content files behind each built page (filled by `check`, for link errors).
    pub sources: Vec<(String, Vec<PathBuf>)>,
}

struct Clock(Instant, Vec<(&'static str, Duration)>);

impl Clock {
    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.1.push((stage, now - self.0));
        self.0 = now;
    }
}

/// Reads the config with the command line's overrides.
pub fn load_config(options: &BuildOptions) -> Result<Config, Diagnostics> {
    let mut config = Config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url)?;
    }
    config.file_urls |= options.file_urls;
    Ok(config)
}

/// The config's article rules, compiled (shared with `gloss serve`'s incremental builds).
pub(crate) fn article_rules(config: &Config) -> Result<article::ArticleRules, Diagnostics> {
    article::ArticleRules::new(&config.article.drop, &config.article.credits).map_err(|e| {
        let list = if e.credits { "credits" } else { "drop" };
        Diagnostics::from(
            Diagnostic::file_error(
                "config.toml",
                format!(
                    "[article] {list} pattern {} is not a valid regular expression: {}",
                    e.index + 1,
                    e.message
                ),
            )
            .with_hint("patterns use Rust regex syntax and match a whole line"),
        )
    })
}

/// Runs every stage but writing: the files of the site, in memory.
pub fn generate(options: &BuildOptions) -> Result<(Vec<Output>, Report), Diagnostics> {
    generate_into(options, None)
}

/// [`generate`], handing pages to a staging folder as they are rendered.
fn generate_into(
    options: &BuildOptions,
    staging: Option<&write::Staging>,
) -> Result<(Vec<Output>, Report), Diagnostics> {
    let mut clock = Clock(Instant::now(), Vec::new());
    let root = &options.root;
    let config = load_config(options)?;
    let rules = article_rules(&config)?;
    let theme = render::theme::Theme::load(root, &config.highlight.theme)?;
    clock.lap("theme");
    // A file that fails to load is reported and skipped; resolving the rest still runs so
    // that every error of the site arrives in one run.
    let (mut loaded, mut load_errors) = load::load_all(root, Some(&options.output()));
    let read_warnings = std::mem::take(&mut loaded.warnings);
    clock.lap("load");
    let resolved = resolve::resolve(
        loaded,
        &rules,
        resolve::ResolveOptions {
            drafts: options.drafts,
        },
    );
    let corpus = match resolved {
        Ok(corpus) if load_errors.is_empty() => corpus,
        Ok(_) => return Err(load_errors),
        Err(more) => {
            load_errors.extend(more.sorted());
            return Err(load_errors);
        }
    };
    clock.lap("resolve");
    let urls = urls::Urls {
        file_urls: config.file_urls,
    };
    let markdown = render::markdown::Markdown::new(config.file_urls);
    let mut annotated = annotate::site::annotate(&corpus, &config, urls, &markdown)?;
    clock.lap("annotate");
    let sources = if options.coach {
        let coached = coach::warnings(root, &config, &corpus, &annotated.briefs);
        annotated.warnings.extend(coached.sorted());
        coach::sources(&corpus, urls)
    } else {
        Vec::new()
    };
    let graph = graph::link(&corpus, &annotated.briefs, config.prior_incidents.max);
    clock.lap("link");
    let prepared = render::prepare::prepare(&corpus, &graph, urls, &markdown)?;
    clock.lap("prepare");
    let site = render::Site {
        config: &config,
        corpus: &corpus,
        graph: &graph,
        annotated: &annotated.briefs,
        prepared: &prepared,
        urls,
    };
    let outputs = render::render(&site, &theme, staging)?;
    write::check_outputs(root, &outputs)?;
    clock.lap("render");
    let report = Report {
        pages: outputs
            .iter()
            .filter(|o| o.path().ends_with(".html"))
            .count(),
        files: outputs.len(),
        briefs: corpus.briefs.len(),
        actors: corpus.actors.len(),
        locations: corpus.locations.len(),
        incidents: corpus.incidents.len(),
        warnings: {
            let mut warnings = read_warnings;
            warnings.extend(annotated.warnings.sorted());
            warnings
        },
        timings: clock.1,
        output: None,
        written: write::Written::default(),
        sources,
    };
    Ok((outputs, report))
}

/// Builds the site and writes it to the output folder.
pub fn build(options: &BuildOptions) -> Result<Report, Diagnostics> {
    let out = options.output();
    // One build at a time per output folder, for the whole build; leftovers of a killed
    // build are finished or rolled back first.
    let target = write::check_output_dir(&options.root, &out, options.force)?;
    let _lock = write::OutputLock::acquire(&target)?;
    write::recover(&target)?;
    // A new output folder is staged while rendering; a failed build drops (and deletes) it.
    let staging = write::Staging::begin(&options.root, &out, options.force)?;
    let (outputs, mut report) = generate_into(options, staging.as_ref())?;
    let started = Instant::now();
    let (written, files) = match staging {
        Some(staging) => staging.finish(&out, &outputs)?,
        None => write::write(&options.root, &out, &outputs, options.force)?,
    };
    report.timings.push(("write", started.elapsed()));
    report.output = Some(written);
    report.written = files;
    Ok(report)
}

/// Everything `build` checks, without writing, and then the built pages' links: every
/// internal `href`, `src` and `#fragment` must resolve in the URL mode the site is built for.
pub fn check(options: &BuildOptions) -> Result<Report, Diagnostics> {
    write::settle(&options.root, &options.output())?;
    let config = load_config(options)?;
    let (outputs, report) = generate(options)?;
    let mode = check::Mode {
        base_path: config.base_path(),
        file_urls: config.file_urls,
    };
    let broken = check::links(&outputs, mode);
    if broken.has_errors() {
        let mut all = coach::map_links(&options.root, broken, &report.sources);
        all.extend(report.warnings.sorted());
        return Err(all);
    }
    Ok(report)
}

/// Does `path` look like a site folder?
pub fn is_site(path: &Path) -> bool {
    path.join("config.toml").is_file()
}
