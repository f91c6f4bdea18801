//! gloss: a static site generator for annotated news briefs.
//!
//! One direction of data flow, each stage a module with one job. [`generate`] times each
//! stage under the name `--verbose` prints:
//!
//! 1. `theme`: [`render::theme`] loads the templates and static files (a broken template
//!    fails the build before any content is read).
//! 2. `load`: [`load`] reads `content/` and parses front matter.
//! 3. `resolve`: [`resolve`] turns references into typed ids ([`model`]); articles are
//!    cleaned by [`article`].
//! 4. `annotate`: [`annotate`] puts mentions and notes into each article (the site graph
//!    needs the mentions, so annotation comes before linking).
//! 5. `link`: [`graph`] computes backlinks, sidebars and prior incidents.
//! 6. `prepare`: [`render::prepare`] computes once what many pages show (cards, links,
//!    summaries, rendered descriptions).
//! 7. `render`: [`render`] runs markdown and Tera, handing each file to the output sink as
//!    soon as it is made (no stage holds the whole site's output).
//! 8. `write`: [`write`](mod@write) puts the new output folder in place, only once everything
//!    rendered.
//!
//! `--verbose` also prints the peak resident memory at the end of each stage ([`Lap`]).
//!
//! Shared by the stages and owned by none: [`model`] (the vocabulary), [`markup`] (markdown,
//! escaping, TOML errors), [`urls`] (every path and relative prefix) and [`diagnostics`].
//! Each stage is a crate of the workspace (`crates/`), re-exported here under its module
//! name; a crate depends only on earlier layers (docs/architecture.md, checked by
//! `tests/architecture.rs`).

pub mod check;
pub mod coach;
pub mod import;
pub mod pipeline;
pub mod scaffold;
pub mod serve;

pub use gloss_annotate::annotate;
pub use gloss_core::{diagnostics, limits, model, output, paths, scratch, urls};
pub use gloss_link::graph;
pub use gloss_load::{article, config, load, resolve};
pub use gloss_map::map;
pub use gloss_markup::markup;
pub use gloss_render::{network, render};
pub use gloss_write::write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use diagnostics::{Diagnostic, Diagnostics};
use output::{Output, Sink};

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
    /// Time (and peak memory) per stage.
    pub timings: Vec<Lap>,
    /// Where the site was written (none for `check`).
    pub output: Option<PathBuf>,
    /// How many files the write changed and left alone.
    pub written: write::Written,
    /// The content files behind each built page (filled by `check`, for link errors).
    pub sources: Vec<(String, Vec<PathBuf>)>,
    /// The briefs marked `draft = true` (left out unless drafts were included), for the
    /// summary ([`coach::drafts::summary`]).
    pub drafts: Vec<PathBuf>,
    /// The lines drop patterns removed from each article.txt (filled by `check`).
    pub dropped: Vec<coach::lines::Dropped>,
    /// The built site's files and bytes by part, for the host's limits.
    pub size: coach::site_size::SiteSize,
    /// The pages are compact (`[publish] compact`), which the summary says.
    pub compact: bool,
}

impl Report {
    /// The lines `gloss build` ends with after the site's size, each only when it applies:
    /// the exports written gzipped only, compact pages, and the drafts left out (`drafts`:
    /// the build included them).
    pub fn closing_lines(&self, drafts: bool) -> Vec<String> {
        let compact = self
            .compact
            .then(|| coach::site_size::COMPACT_SUMMARY.to_string());
        let left_out = coach::drafts::summary(&self.drafts, drafts);
        [self.size.gzip_only(), compact, left_out]
            .into_iter()
            .flatten()
            .collect()
    }
}

/// One finished stage of a build: its name, how long it took, and the peak resident memory
/// of the process when it ended (the high-water mark so far, so the first stage showing a
/// jump is the one that caused it; `None` where the OS does not tell).
#[derive(Clone, Copy, Debug)]
pub struct Lap {
    /// Stage name (`load`, `render`…).
    pub stage: &'static str,
    /// Wall time of the stage.
    pub time: Duration,
    /// Peak resident set size in bytes, so far.
    pub peak_rss: Option<u64>,
}

/// Times the stages of a build (and of serve's rebuilds) for `build -v`: the start of the
/// current stage, and each finished stage.
pub(crate) struct Clock(pub(crate) Instant, pub(crate) Vec<Lap>);

impl Clock {
    /// Ends the current stage under the name `stage`; the next one starts now.
    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.1.push(Lap {
            stage,
            time: now - self.0,
            peak_rss: peak_rss(),
        });
        self.0 = now;
    }
}

/// The process's peak resident set size (`VmHWM`), on Linux.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
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

/// The resolved corpus, unless loading or resolving failed: then every error of both, the
/// files that failed to parse first, so that one run reports the whole site.
pub(crate) fn with_load_errors(
    resolved: Result<model::Corpus, Diagnostics>,
    mut load_errors: Diagnostics,
) -> Result<model::Corpus, Diagnostics> {
    match resolved {
        Ok(corpus) if load_errors.is_empty() => Ok(corpus),
        Ok(_) => Err(load_errors),
        Err(more) => {
            load_errors.extend(more.sorted());
            Err(load_errors)
        }
    }
}

/// Runs every stage but writing: the files of the site, in memory (sorted by path).
pub fn generate(options: &BuildOptions) -> Result<(Vec<Output>, Report), Diagnostics> {
    let memory = output::Memory::default();
    let (_, report) = generate_into(options, &memory)?;
    Ok((memory.into_outputs(), report))
}

/// Runs every stage but writing, handing each file to `sink` as soon as it is rendered.
/// Returns every file without its bytes ([`Output::skeleton`]), sorted by path, once all
/// of them rendered and their paths passed [`write::check_outputs`].
pub fn generate_into(
    options: &BuildOptions,
    sink: &dyn Sink,
) -> Result<(Vec<Output>, Report), Diagnostics> {
    let config = load_config(options)?;
    let mut pipeline = pipeline::Pipeline::run(options, config, pipeline::Documents::Drop)?;
    let outputs = pipeline.render(&options.root, sink)?;
    let report = pipeline.report(&outputs);
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
    // Files are written where no reader sees them while the site renders; a failed build
    // drops the disk sink, which removes them.
    let disk = write::Disk::begin(&options.root, &out, options.force)?;
    let (_, mut report) = generate_into(options, &disk)?;
    let mut clock = Clock(Instant::now(), Vec::new());
    let (written, files) = disk.finish()?;
    // The site as published, with any file of the user's kept in the folder.
    report.size = coach::site_size::SiteSize::of_dir(&written);
    clock.lap("write");
    let shown = out.strip_prefix(&options.root).unwrap_or(&out);
    report.warnings.extend(write::kept_warning(shown, &files));
    report.timings.extend(clock.1);
    report.output = Some(written);
    report.written = files;
    Ok(report)
}

/// Everything `build` checks, without writing, and then the built pages' links: every
/// internal `href`, `src` and `#fragment` must resolve in the URL mode the site is built for.
pub fn check(options: &BuildOptions) -> Result<Report, Diagnostics> {
    write::settle(&options.root, &options.output())?;
    let config = load_config(options)?;
    // Only each page's links and ids are kept, not its bytes.
    let scanner = check::Scanner::default();
    let (files, mut report) = generate_into(options, &scanner)?;
    report.size = scanner.size();
    report
        .warnings
        .extend(report.size.warnings(&config.publish));
    let mode = check::Mode {
        base_path: config.base_path(),
        file_urls: config.file_urls,
    };
    let broken = scanner.links(&files, mode);
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
