//! The `gloss` command: parses arguments, calls the library, prints diagnostics and sets the
//! exit code (0 success, 1 the site has errors, or warnings under `--deny-warnings`,
//! 2 bad usage).

use std::io::IsTerminal;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc instead of the system allocator: a build allocates millions of short strings
/// from several threads, where glibc's malloc spent a fifth of the render time and kept
/// freed memory in per-thread arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use gloss::BuildOptions;
use gloss::diagnostics::{Diagnostics, plural, use_colour};
use gloss::model::PartialDate;
use gloss::scaffold::{Kind, NewOptions};
use gloss::serve::ServeOptions;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// `println!` that never panics: output to a closed pipe (`gloss check | head -1`) is
/// dropped so the command ends quietly with its usual exit status (see [`emit`]).
macro_rules! println {
    ($($arg:tt)*) => {
        emit(&mut std::io::stdout(), format_args!($($arg)*))
    };
}

/// `eprintln!` that never panics, for `gloss check 2>&1 | head -1` (see [`emit`]).
macro_rules! eprintln {
    ($($arg:tt)*) => {
        emit(&mut std::io::stderr(), format_args!($($arg)*))
    };
}

/// Writes one line to `stream`. A closed pipe is the reader saying it has seen enough, so
/// the line is dropped; any other failure (a full disk under `>`) is said on stderr.
fn emit(stream: &mut dyn std::io::Write, line: std::fmt::Arguments) {
    match writeln!(stream, "{line}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(std::io::stderr(), "gloss: cannot write output: {e}");
        }
        _ => {}
    }
}

/// How `check` prints what it found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style text for people.
    Human,
    /// One JSON object per line (see docs/check-json.md).
    Json,
}

/// A static site generator for annotated news briefs.
#[derive(Parser)]
#[command(name = "gloss", version, about)]
struct Cli {
    /// The site folder (with config.toml and content/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output-dir).
    Build {
        /// Publish at this URL instead of config.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Write here instead of public/.
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// Include briefs marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that gloss did not write.
        #[arg(long)]
        force: bool,
        /// Make links end in index.html so the site works opened from disk.
        #[arg(long)]
        file_urls: bool,
        /// Print how long each stage took.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Check the site for errors and coach with warnings, without writing anything.
    Check {
        /// Include drafts (the default in check; kept for scripts that pass it).
        #[arg(long, conflicts_with = "no_drafts")]
        drafts: bool,
        /// Skip briefs marked draft = true.
        #[arg(long)]
        no_drafts: bool,
        /// Check links as in a --file-urls build (every link must name a file).
        #[arg(long)]
        file_urls: bool,
        /// Exit 1 when there are warnings, as for errors (for CI).
        #[arg(long)]
        deny_warnings: bool,
        /// Output format: human (default) or json (one object per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Preview the site at http://127.0.0.1:PORT/, rebuilt and reloaded on every change.
    Serve {
        /// The port on 127.0.0.1 (0: any free port).
        #[arg(long, default_value_t = gloss::serve::DEFAULT_PORT)]
        port: u16,
        /// Include briefs marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a brief, actor, location or incident from a template.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: Kind,
        /// Its title or name; the slug is made from it.
        name: String,
        /// Make the brief from this pasted article (briefs only): the article is copied,
        /// and the actors and locations it mentions are listed.
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Date it (YYYY-MM-DD; an incident may be YYYY-MM or YYYY) instead of today.
        #[arg(long, value_parser = gloss::markup::guess::command_line_date)]
        date: Option<PartialDate>,
        /// Use this slug instead of one made from the name.
        #[arg(long)]
        slug: Option<String>,
    },
    /// Create a new site, with a sample brief and a GitHub Pages workflow, in DIR.
    Init {
        /// A new or empty folder, or a cloned repository (`.`): its README is kept, its
        /// .gitignore extended, and files gloss does not write (LICENSE, .git) left alone.
        dir: PathBuf,
        /// Replace files of the folder that gloss init writes (config.toml, content/…).
        #[arg(long)]
        force: bool,
    },
    /// Import an ACLED or UCDP GED CSV export as incidents, actors and locations.
    Import {
        /// Which dataset the file comes from.
        #[arg(value_enum)]
        dataset: gloss::import::Dataset,
        /// The CSV file.
        file: PathBuf,
        /// Print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn print_diagnostics(diagnostics: Diagnostics) {
    let colour = use_colour(&std::io::stderr());
    for d in diagnostics.sorted() {
        eprintln!("{}", d.render(colour));
    }
}

fn fail(diagnostics: Diagnostics) -> ExitCode {
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    let outcome = if gloss::write::wrote_nothing(&diagnostics) {
        "nothing was written"
    } else {
        "the output folder is partly updated"
    };
    print_diagnostics(diagnostics);
    let also = if warnings > 0 {
        format!(" (and {})", plural(warnings, "warning"))
    } else {
        String::new()
    };
    eprintln!("gloss: {} found{also}; {outcome}", plural(errors, "error"));
    ExitCode::from(1)
}

/// A spinner on stderr for runs that take over a second; nothing when stderr is not a
/// terminal (CI logs, pipes).
fn progress(what: &'static str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    if !std::io::stderr().is_terminal() {
        return bar;
    }
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
        bar.set_style(style);
    }
    bar.set_message(what);
    let shown = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(1));
        if !shown.is_finished() {
            shown.set_draw_target(ProgressDrawTarget::stderr());
            shown.enable_steady_tick(Duration::from_millis(120));
        }
    });
    bar
}

/// The counts of a report: "3 briefs, 1 actor, 2 locations, 0 incidents".
fn counts(report: &gloss::Report) -> String {
    format!(
        "{}, {}, {}, {}",
        plural(report.briefs, "brief"),
        plural(report.actors, "actor"),
        plural(report.locations, "location"),
        plural(report.incidents, "incident")
    )
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = BuildOptions {
        root: cli.root.clone(),
        ..BuildOptions::default()
    };
    match cli.command {
        Command::Build {
            base_url,
            output_dir,
            drafts,
            force,
            file_urls,
            verbose,
        } => build_command(
            &BuildOptions {
                base_url,
                output_dir,
                drafts,
                force,
                file_urls,
                ..options
            },
            verbose,
        ),
        Command::Check {
            no_drafts,
            file_urls,
            deny_warnings,
            format,
            ..
        } => check_command(
            &BuildOptions {
                drafts: !no_drafts,
                file_urls,
                coach: true,
                ..options
            },
            deny_warnings,
            format,
        ),
        Command::Serve { port, drafts } => serve_command(BuildOptions { drafts, ..options }, port),
        Command::New {
            kind,
            name,
            from,
            date,
            slug,
        } => new_command(&cli.root, kind, &name, NewOptions { from, date, slug }),
        Command::Init { dir, force } => init_command(&dir, force),
        Command::Import {
            dataset,
            file,
            dry_run,
        } => import_command(&cli.root, dataset, &file, dry_run),
    }
}

/// `gloss build`: builds, prints the warnings, each stage's time under `--verbose`, and
/// what was built.
fn build_command(options: &BuildOptions, verbose: bool) -> ExitCode {
    let bar = progress("Building");
    let built = gloss::build(options);
    bar.finish_and_clear();
    let report = match built {
        Ok(report) => report,
        Err(diagnostics) => return fail(diagnostics),
    };
    print_diagnostics(report.warnings.clone());
    if verbose {
        print_laps(&report);
    }
    let total: f64 = report.timings.iter().map(|l| l.time.as_secs_f64()).sum();
    println!(
        "Built {} ({}) from {} in {:.0} ms into {}",
        plural(report.pages, "page"),
        plural(report.files, "file"),
        counts(&report),
        total * 1000.0,
        report
            .output
            .as_deref()
            .unwrap_or(options.output().as_path())
            .display()
    );
    println!("Site size: {}", report.size.summary());
    for line in report.closing_lines(options.drafts) {
        println!("{line}");
    }
    ExitCode::SUCCESS
}

/// `build --verbose`: each stage's time and peak memory, and how many files changed.
fn print_laps(report: &gloss::Report) {
    for lap in &report.timings {
        let peak = lap
            .peak_rss
            .map(|b| format!("  peak RSS {:>6} MB", b / 1_000_000))
            .unwrap_or_default();
        println!(
            "{:>10} {:>8.1} ms{peak}",
            lap.stage,
            lap.time.as_secs_f64() * 1000.0
        );
    }
    let w = &report.written;
    println!("{} files written, {} unchanged", w.changed, w.unchanged);
}

/// `gloss check`: every error and warning, as text or JSON lines, then a summary; exit 1
/// on errors (or warnings under `--deny-warnings`).
fn check_command(options: &BuildOptions, deny_warnings: bool, format: Format) -> ExitCode {
    let bar = progress("Checking");
    let checked = gloss::check(options);
    bar.finish_and_clear();
    let (found, report) = match checked {
        Ok(report) => (report.warnings.clone(), Some(report)),
        Err(diagnostics) => (diagnostics, None),
    };
    let failed = found.has_errors() || (deny_warnings && found.warning_count() > 0);
    if format == Format::Json {
        for d in found.sorted() {
            match d.to_json() {
                Ok(line) => println!("{line}"),
                Err(e) => {
                    eprintln!("gloss: cannot write a diagnostic as JSON: {e}");
                    return ExitCode::from(1);
                }
            }
        }
    } else if let Some(report) = report {
        let warnings = found.warning_count();
        print_diagnostics(found);
        let also = (warnings > 0).then(|| format!("; {}", plural(warnings, "warning")));
        let (counts, pages) = (counts(&report), plural(report.pages, "page"));
        println!(
            "No errors in {counts} ({pages}){}",
            also.unwrap_or_default()
        );
        let summaries = [
            gloss::coach::drafts::summary(&report.drafts, options.drafts),
            gloss::coach::lines::summary(&report.dropped),
        ];
        for line in summaries.into_iter().flatten() {
            println!("{line}");
        }
        if failed {
            eprintln!("gloss: --deny-warnings makes warnings fail the check");
        }
    } else {
        return fail(found);
    }
    ExitCode::from(u8::from(failed))
}

/// `gloss serve`: serves until stopped.
fn serve_command(build: BuildOptions, port: u16) -> ExitCode {
    match gloss::serve::serve(&ServeOptions { build, port }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `gloss new`: creates the entry and says which files it wrote.
fn new_command(root: &Path, kind: Kind, name: &str, new: NewOptions) -> ExitCode {
    match gloss::scaffold::create_entry(root, kind, name, &new) {
        Ok(created) => {
            for path in &created.files {
                println!("Created {}", shown(root, path).display());
            }
            for line in &created.report {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(d) => refuse(d),
    }
}

/// `gloss init`: creates the site and prints the next steps.
fn init_command(dir: &Path, force: bool) -> ExitCode {
    match gloss::scaffold::init(dir, force) {
        Ok(made) => {
            let kept = made
                .kept
                .iter()
                .map(|k| format!("; {k}"))
                .collect::<String>();
            println!(
                "Created a new site in {} ({}{kept})",
                dir.display(),
                plural(made.files.len(), "file")
            );
            for line in made.next_steps(dir) {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(d) => refuse(d),
    }
}

/// `gloss import`: runs the import with a progress bar on a terminal, then prints what
/// changed, each conflict and near miss, and the counts.
fn import_command(
    root: &Path,
    dataset: gloss::import::Dataset,
    file: &Path,
    dry_run: bool,
) -> ExitCode {
    let bar = ProgressBar::hidden();
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {elapsed} {msg}")
        {
            bar.set_style(style);
        }
    }
    let options = gloss::import::ImportOptions { dry_run, now: None };
    let done = gloss::import::import(root, dataset, file, &options, &bar);
    bar.finish_and_clear();
    let report = match done {
        Ok(report) => report,
        Err(d) => return fail(d),
    };
    let would = if dry_run { "would " } else { "" };
    let print = |heading: &str, lines: &gloss::import::Lines| {
        for line in &lines.kept {
            println!("{heading}{line}");
        }
        if lines.more > 0 {
            println!("{heading}… and {} more", lines.more);
        }
    };
    print(would, &report.changes);
    print("conflict: ", &report.conflicts);
    print("near miss: ", &report.near_misses);
    print("skipped: ", &report.skipped);
    let (create, update) = if dry_run {
        ("would create", "would update")
    } else {
        ("created", "updated")
    };
    println!(
        "{} {}: {create} {}, {}, {}; {update} {}, {} unchanged; {}, {} skipped",
        if dry_run { "Dry run of" } else { "Imported" },
        file.display(),
        plural(report.created_incidents, "incident"),
        plural(report.created_actors, "actor"),
        plural(report.created_locations, "location"),
        report.updated,
        report.unchanged,
        plural(
            report.conflicts.kept.len() + report.conflicts.more,
            "conflict"
        ),
        plural(report.skipped.kept.len() + report.skipped.more, "row"),
    );
    ExitCode::SUCCESS
}

/// A path in the site folder, as the editor would type it.
fn shown(root: &Path, relative: &Path) -> PathBuf {
    if root == Path::new(".") {
        relative.to_path_buf()
    } else {
        root.join(relative)
    }
}

/// `new` and `init` stop at their first problem.
fn refuse(diagnostics: Diagnostics) -> ExitCode {
    print_diagnostics(diagnostics);
    ExitCode::from(1)
}
