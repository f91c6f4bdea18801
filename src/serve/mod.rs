//! `gloss serve`: a preview of the site at `http://127.0.0.1:PORT/` that rebuilds when a
//! source changes and reloads the browser. The site is built in memory with the same
//! pipeline as `gloss build` and served from there, so previewing never writes into the
//! repository. A failed rebuild keeps the last good site up and shows its errors in the
//! browser. Only the loopback interface is bound: a preview is not for the network.

mod connection;
mod http;
pub mod incremental;
mod inject;
mod limit;
mod live;
mod mime;
mod site;
mod watch;

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::BuildOptions;
use crate::diagnostics::Diagnostics;
use incremental::Engine;
use live::Live;
use site::SiteFiles;

/// The port `gloss serve` uses without `--port`.
pub const DEFAULT_PORT: u16 = 1111;

/// What to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site and build settings; the base URL is replaced by the server's own.
    pub build: BuildOptions,
    /// The port on 127.0.0.1; 0 lets the system choose one (it is printed).
    pub port: u16,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    /// Something else listens on the port.
    PortInUse(u16),
    /// Another failure to listen.
    Listen(u16, io::Error),
    /// The site folder cannot be resolved.
    Root(PathBuf, io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::PortInUse(port) => write!(
                f,
                "port {port} on 127.0.0.1 is already in use (another gloss serve?)\n  = help: stop the other server, or choose another port, e.g. --port {}",
                port.checked_add(1).unwrap_or(DEFAULT_PORT)
            ),
            ServeError::Listen(port, e) => write!(f, "cannot listen on 127.0.0.1:{port}: {e}"),
            ServeError::Root(root, e) => {
                write!(f, "cannot open the site folder {}: {e}", root.display())
            }
        }
    }
}

impl std::error::Error for ServeError {}

/// Builds the site, serves it, and rebuilds on every change until the process is stopped.
/// Progress goes to stdout (one line per build) and diagnostics to stderr, as with `build`.
pub fn serve(options: &ServeOptions) -> Result<(), ServeError> {
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, options.port)) {
        Ok(listener) => listener,
        Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
            return Err(ServeError::PortInUse(options.port));
        }
        Err(e) => return Err(ServeError::Listen(options.port, e)),
    };
    let port = listener
        .local_addr()
        .map_err(|e| ServeError::Listen(options.port, e))?
        .port();
    let root = std::fs::canonicalize(&options.build.root)
        .map_err(|e| ServeError::Root(options.build.root.clone(), e))?;
    // serve never writes public/, but finishes what a killed build left there.
    if let Err(d) = crate::write::settle(&options.build.root, &options.build.output()) {
        eprintln!("{d}");
    }
    let url = format!("http://127.0.0.1:{port}/");
    let build = BuildOptions {
        root: root.clone(),
        base_url: Some(url.clone()),
        ..options.build.clone()
    };

    let title = site_title(&build);
    let mut engine = Engine::new(build);
    let (first, line) = build_site(&mut engine, &[]);
    let live = Arc::new(match first {
        Ok(site) => Live::new(site, None),
        Err(error) => Live::new(SiteFiles::default(), Some(error)),
    });
    println!("{line}");
    if let Some(drafts) =
        crate::coach::drafts::served(engine.drafts()).filter(|_| !options.build.drafts)
    {
        println!("{drafts}");
    }
    start_rebuilder(&root, engine, Arc::clone(&live));
    // Printed once the watcher runs, so every change after this line is seen.
    println!("Serving {title} at {url} (Ctrl+C to stop)");

    let slots = limit::Slots::new(limit::MAX_CONNECTIONS);
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                eprintln!("warning: a connection failed: {e}");
                continue;
            }
        };
        let Some(slot) = slots.take() else {
            busy(stream);
            continue;
        };
        let live = Arc::clone(&live);
        let spawned = std::thread::Builder::new()
            .name("gloss-connection".into())
            .spawn(move || {
                let _slot = slot;
                connection::handle(stream, &live)
            });
        if let Err(e) = spawned {
            eprintln!("warning: cannot start a thread for a connection: {e}");
        }
    }
    Ok(())
}

/// Turns a connection away when every slot is taken: a `503` written with a short timeout
/// (so a client that does not read cannot hold the accepting loop), then closed.
fn busy(mut stream: std::net::TcpStream) {
    let _ = stream.set_write_timeout(Some(std::time::Duration::from_millis(500)));
    let response = http::Response::text(503, "gloss serve has too many open connections")
        .with_header("Retry-After", "1");
    let _ = response.write_to(&mut stream, false, false);
}

/// The title for the "Serving" line: the config's, or the folder's name when the config
/// does not load (its errors were printed by the first build).
fn site_title(build: &BuildOptions) -> String {
    match crate::load_config(build) {
        Ok(config) => config.title,
        Err(_) => build.root.file_name().map_or_else(
            || build.root.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
    }
}

/// Watches the sources on a thread of its own and swaps in each rebuild. Without a watcher
/// (the system refused one) the site is still served, as built at start.
fn start_rebuilder(root: &Path, mut engine: Engine, live: Arc<Live>) {
    let mut watcher = match watch::Watcher::start(root) {
        Ok(watcher) => watcher,
        Err(e) => {
            eprintln!(
                "warning: cannot watch the site for changes ({e}); restart gloss serve to see edits"
            );
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("gloss-rebuild".into())
        .spawn(move || {
            while let Some(changed) = watcher.next_change() {
                publish(&live, build_site(&mut engine, &changed), false);
                // After a partial build, the files made from the whole site follow; the
                // pages do not change, so browsers are not reloaded again.
                if engine.pending() {
                    publish(&live, build_site(&mut engine, &[]), true);
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!(
            "warning: cannot start the rebuild thread ({e}); restart gloss serve to see edits"
        );
    }
}

/// Serves a build's outcome, then prints its line: whoever reads the line (an editor, a
/// test) finds the server already showing that build.
fn publish(live: &Live, (built, line): (Result<SiteFiles, String>, String), rest: bool) {
    match built {
        Ok(site) if rest => live.refreshed(site),
        Ok(site) => live.succeeded(site),
        Err(error) => live.failed(error),
    }
    println!("{line}");
}

/// One build in memory: its site, or on failure the diagnostics as text for the browser's
/// error overlay; and the line that reports it. Diagnostics go to stderr at once. With a
/// build pending its whole-site files, this finishes it.
fn build_site(engine: &mut Engine, changed: &[PathBuf]) -> (Result<SiteFiles, String>, String) {
    let started = Instant::now();
    let finishing = engine.pending();
    let verb = if finishing {
        "Finished"
    } else if changed.is_empty() {
        "Built"
    } else {
        "Rebuilt"
    };
    let cause = describe_change(changed);
    let result = if finishing {
        engine.finish()
    } else {
        engine.update(changed)
    };
    match result {
        Ok(built) => {
            if !finishing {
                print_diagnostics(&built.warnings);
            }
            let what = if finishing {
                "the search index, feeds, data files and sitemap".to_string()
            } else if built.partial {
                format!("{} of {} pages", built.rendered, built.site.pages())
            } else {
                format!("{} pages", built.site.pages())
            };
            let steps: Vec<String> = built
                .timings
                .iter()
                .map(|lap| format!("{} {}", lap.stage, lap.time.as_millis()))
                .collect();
            let line = format!(
                "{verb} {what} in {} ms{cause} ({})",
                started.elapsed().as_millis(),
                steps.join(", ")
            );
            (Ok(built.site), line)
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            let errors = diagnostics.error_count();
            let plural = if errors == 1 { "" } else { "s" };
            let serving = if changed.is_empty() && !finishing {
                "the browser shows them until a change fixes them"
            } else {
                "still serving the last good site"
            };
            let line = format!(
                "Build failed with {errors} error{plural} in {} ms{cause}; {serving}",
                started.elapsed().as_millis()
            );
            (Err(diagnostics.to_string()), line)
        }
    }
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
}

/// ` after a change to content/x.md (and 2 more)`, or nothing for the first build.
fn describe_change(changed: &[PathBuf]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!(" after a change to {}", one.display()),
        [first, rest @ ..] => format!(
            " after a change to {} (and {} more)",
            first.display(),
            rest.len()
        ),
    }
}
