//! The `gloss` command: parses arguments, calls the library, prints diagnostics and sets the
//! exit code (0 success, 1 the site has errors, 2 bad usage).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gloss::BuildOptions;
use gloss::diagnostics::Diagnostics;
use gloss::scaffold::Kind;
use gloss::serve::ServeOptions;

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
    /// Check the site for errors without writing anything.
    Check {
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Check links as in a --file-urls build (every link must name a file).
        #[arg(long)]
        file_urls: bool,
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
    },
    /// Create a new site, with a sample brief and a GitHub Pages workflow, in DIR.
    Init {
        /// A new or empty folder.
        dir: PathBuf,
    },
}

fn print_diagnostics(diagnostics: Diagnostics) {
    for d in diagnostics.sorted() {
        eprintln!("{d}");
    }
}

fn fail(diagnostics: Diagnostics) -> ExitCode {
    let errors = diagnostics.error_count();
    let outcome = if gloss::write::wrote_nothing(&diagnostics) {
        "nothing was written"
    } else {
        "the output folder is partly updated"
    };
    print_diagnostics(diagnostics);
    eprintln!(
        "gloss: {errors} error{} found; {outcome}",
        if errors == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut options = BuildOptions {
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
        } => {
            options.base_url = base_url;
            options.output_dir = output_dir;
            options.drafts = drafts;
            options.force = force;
            options.file_urls = file_urls;
            match gloss::build(&options) {
                Ok(report) => {
                    print_diagnostics(std::mem::take(&mut report_warnings(&report)));
                    if verbose {
                        for (stage, time) in &report.timings {
                            println!("{stage:>10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                        }
                        let w = report.written;
                        println!("{} files written, {} unchanged", w.changed, w.unchanged);
                    }
                    let total: f64 = report.timings.iter().map(|(_, d)| d.as_secs_f64()).sum();
                    println!(
                        "Built {} pages ({} files) from {} briefs, {} actors, {} locations, {} incidents in {:.0} ms into {}",
                        report.pages,
                        report.files,
                        report.briefs,
                        report.actors,
                        report.locations,
                        report.incidents,
                        total * 1000.0,
                        report
                            .output
                            .as_deref()
                            .unwrap_or(options.output().as_path())
                            .display()
                    );
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => fail(diagnostics),
            }
        }
        Command::Check { drafts, file_urls } => {
            options.drafts = drafts;
            options.file_urls = file_urls;
            match gloss::check(&options) {
                Ok(report) => {
                    let warnings = report.warnings.iter().count();
                    print_diagnostics(report_warnings(&report));
                    println!(
                        "No errors in {} briefs, {} actors, {} locations, {} incidents ({} pages){}",
                        report.briefs,
                        report.actors,
                        report.locations,
                        report.incidents,
                        report.pages,
                        if warnings > 0 {
                            format!("; {warnings} warnings")
                        } else {
                            String::new()
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => fail(diagnostics),
            }
        }
        Command::Serve { port, drafts } => {
            options.drafts = drafts;
            match gloss::serve::serve(&ServeOptions {
                build: options,
                port,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::New { kind, name } => {
            match gloss::scaffold::new(&cli.root, kind, &name, gloss::scaffold::today()) {
                Ok(created) => {
                    for path in created {
                        println!("Created {}", shown(&cli.root, &path).display());
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => refuse(d),
            }
        }
        Command::Init { dir } => match gloss::scaffold::init(&dir) {
            Ok(written) => {
                println!(
                    "Created a new site in {} ({} files)",
                    dir.display(),
                    written.len()
                );
                println!("Next: cd {} && gloss serve", dir.display());
                println!(
                    "To publish, see \"Publish to GitHub Pages\" in its README.md. Its {} installs gloss from {}: edit GLOSS_FROM there if yours lives elsewhere.",
                    gloss::scaffold::WORKFLOW_PATH,
                    gloss::scaffold::gloss_repository()
                );
                ExitCode::SUCCESS
            }
            Err(d) => refuse(d),
        },
    }
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

fn report_warnings(report: &gloss::Report) -> Diagnostics {
    report.warnings.clone()
}
