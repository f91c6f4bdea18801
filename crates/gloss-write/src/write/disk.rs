//! The disk [`Sink`]: files arrive from render while the rest of the site is still
//! rendering and go to a pool of writer threads through a bounded queue, so at most a few
//! hundred finished files wait in memory however big the site is. A first build writes into
//! a staging folder ([`Staging`]); a rebuild stages temporaries beside their targets
//! ([`Stager`]). Nothing a reader sees changes before [`Disk::finish`], which only runs once
//! render succeeded; dropping an unfinished `Disk` removes everything it staged.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::plan::{Stager, WriteFailed};
use super::staging::Staging;
use super::{
    MARKER, PARTLY_WRITTEN, PARTLY_WRITTEN_CODE, WRITERS, Written, check_output_dir, commit,
    test_hook,
};
use crate::diagnostics::Diagnostic;
use crate::output::{Output, Sink, Writer, hold_whole};

/// Files handed to a writer at once. Waking a writer for every file cost more than writing
/// it: 45,000 wake-ups and context switches at 10,000 briefs, 8% of the build's CPU on two
/// cores.
const BATCH: usize = 16;

/// Bytes that close a batch early, so a few large files do not wait for company.
const BATCH_BYTES: usize = 1 << 20;

/// Batches waiting for a writer, at most: with [`BATCH`], bounds the memory of the write
/// stage to a few hundred finished files.
const QUEUE: usize = 16;

/// Where the files go.
enum Target {
    /// A new output folder, staged whole beside it (taken by [`Disk::finish`]).
    Fresh(Option<Staging>),
    /// An existing output folder (its path), rebuilt in two phases.
    Rebuild(Box<Stager>, PathBuf),
}

struct Shared {
    target: Target,
    /// The first failure; later files are dropped.
    failed: Mutex<Option<WriteFailed>>,
    /// The `write` test hook of a rebuild runs before the first file is staged.
    hook: std::sync::Once,
}

impl Shared {
    /// Whether a file failed already (later files are dropped).
    fn has_failed(&self) -> bool {
        self.failed.lock().map(|f| f.is_some()).unwrap_or(true)
    }

    /// Runs a rebuild's `write` test hook before its first file; false once any failed.
    fn ready(&self) -> bool {
        if self.has_failed() {
            return false;
        }
        if let Target::Rebuild(..) = self.target {
            self.hook.call_once(|| {
                if let Err(error) = test_hook("write") {
                    self.fail(WriteFailed {
                        path: String::new(),
                        reading: false,
                        error,
                    });
                }
            });
            return !self.has_failed();
        }
        true
    }

    fn write(&self, output: &Output) {
        if !self.ready() {
            return;
        }
        let result = match &self.target {
            Target::Fresh(staging) => staging
                .as_ref()
                .map_or(Ok(()), |staging| staging.write(output))
                .map_err(|error| WriteFailed {
                    path: output.path().to_string(),
                    reading: false,
                    error,
                }),
            Target::Rebuild(stager, _) => stager.stage(output),
        };
        if let Err(failed) = result {
            self.fail(failed);
        }
    }

    fn fail(&self, failed: WriteFailed) {
        if let Ok(mut first) = self.failed.lock() {
            first.get_or_insert(failed);
        }
    }
}

/// Files gathering into the next batch, and the queue it goes to.
#[derive(Default)]
struct Queue {
    /// `None` once the writers were told to stop.
    sender: Option<SyncSender<Vec<Output>>>,
    pending: Vec<Output>,
    /// Bytes in `pending`.
    bytes: usize,
}

impl Queue {
    /// The pending files, if `full` or the batch is, with the sender to send them on
    /// (outside the lock, so a full queue does not hold up the other render threads).
    fn take(&mut self, full: bool) -> Option<(Vec<Output>, SyncSender<Vec<Output>>)> {
        if self.pending.is_empty()
            || !(full || self.pending.len() >= BATCH || self.bytes >= BATCH_BYTES)
        {
            return None;
        }
        self.bytes = 0;
        let batch = std::mem::take(&mut self.pending);
        self.sender.clone().map(|sender| (batch, sender))
    }
}

/// A build's output folder, taking files as they are rendered.
pub struct Disk {
    shared: Arc<Shared>,
    queue: Mutex<Queue>,
    writers: Vec<JoinHandle<()>>,
    out: PathBuf,
    root: PathBuf,
    finished: bool,
}

impl Disk {
    /// Starts writing the site to `out` (checked with [`check_output_dir`]; the caller holds
    /// its [`super::OutputLock`]): a staging folder for a new folder, temporaries beside
    /// their targets for an existing one (its journal in the staging phase).
    pub fn begin(root: &Path, out: &Path, force: bool) -> Result<Disk, Diagnostic> {
        let target = match Staging::begin(root, out, force)? {
            Some(staging) => Target::Fresh(Some(staging)),
            None => {
                let target = check_output_dir(root, out, force)?;
                let unchanged = "the output folder was left as it was";
                commit::begin(&target).map_err(|e| {
                    Diagnostic::file_error(out, format!("cannot write the site: {e}"))
                        .with_hint(unchanged)
                })?;
                match Stager::begin(&target) {
                    Ok(stager) => Target::Rebuild(Box::new(stager), target),
                    Err(failed) => {
                        let _ = commit::end(&target);
                        return Err(Diagnostic::file_error(
                            out,
                            format!("cannot write the site: {}", failed.error),
                        )
                        .with_hint(unchanged));
                    }
                }
            }
        };
        let shared = Arc::new(Shared {
            target,
            failed: Mutex::new(None),
            hook: std::sync::Once::new(),
        });
        let (sender, receiver) = sync_channel::<Vec<Output>>(QUEUE);
        let receiver = Arc::new(Mutex::new(receiver));
        // A thread the system cannot start (no memory for its stack) is one writer fewer,
        // not a panic; with none at all the build stops with an error.
        let writers: Vec<_> = (0..WRITERS)
            .filter_map(|_| {
                let shared = Arc::clone(&shared);
                let receiver: Arc<Mutex<Receiver<Vec<Output>>>> = Arc::clone(&receiver);
                std::thread::Builder::new()
                    .spawn(move || {
                        loop {
                            let next = match receiver.lock() {
                                Ok(receiver) => receiver.recv(),
                                Err(_) => return,
                            };
                            let Ok(batch) = next else { return };
                            for output in &batch {
                                shared.write(output);
                            }
                        }
                    })
                    .ok()
            })
            .collect();
        if writers.is_empty() {
            return Err(Diagnostic::file_error(
                out,
                "cannot start a thread to write the site (the system is out of memory or threads)",
            )
            .with_hint("free some memory and build again; the previous site is unchanged"));
        }
        Ok(Disk {
            shared,
            queue: Mutex::new(Queue {
                sender: Some(sender),
                ..Queue::default()
            }),
            writers,
            out: out.to_path_buf(),
            root: root.to_path_buf(),
            finished: false,
        })
    }

    /// Sends the last batch and waits for the writers; the first failure, if any.
    fn join(&mut self) -> Option<WriteFailed> {
        if let Ok(mut queue) = self.queue.lock() {
            if let Some((batch, sender)) = queue.take(true) {
                let _ = sender.send(batch);
            }
            queue.sender = None;
        }
        for writer in self.writers.drain(..) {
            if writer.join().is_err() {
                let failed = WriteFailed {
                    path: String::new(),
                    reading: false,
                    error: io::Error::other("a writer thread panicked"),
                };
                if let Ok(mut first) = self.shared.failed.lock() {
                    first.get_or_insert(failed);
                }
            }
        }
        self.shared.failed.lock().ok().and_then(|mut f| f.take())
    }

    /// Every file was accepted: waits for the writes, then puts the new site in place (a
    /// rename for a new folder, phase two of the protocol for an existing one).
    pub fn finish(mut self) -> Result<(PathBuf, Written), Diagnostic> {
        let failed = self.join();
        self.finished = true;
        let out = self.out.clone();
        let Some(shared) = Arc::get_mut(&mut self.shared) else {
            return Err(Diagnostic::file_error(
                &out,
                "cannot write the site: a writer is still running",
            ));
        };
        match &mut shared.target {
            Target::Fresh(staging) => {
                let result = match (failed, staging.take()) {
                    (Some(failed), _) => Err(failed.error),
                    (None, Some(staging)) => staging.finish(),
                    (None, None) => Err(io::Error::other("the staging folder is gone")),
                };
                match result {
                    Ok((target, written)) => Ok((
                        target,
                        Written {
                            changed: written,
                            unchanged: 0,
                            kept: Vec::new(),
                        },
                    )),
                    Err(e) => Err(Diagnostic::file_error(
                        &out,
                        format!("cannot write the site: {e}"),
                    )
                    .with_hint("nothing was written")),
                }
            }
            Target::Rebuild(stager, target) => {
                let target = target.clone();
                rebuild(stager, &target, failed, &self.root, &out)
            }
        }
    }
}

/// Phase one's end and phase two of a rebuild.
fn rebuild(
    stager: &Stager,
    target: &Path,
    failed: Option<WriteFailed>,
    root: &Path,
    out: &Path,
) -> Result<(PathBuf, Written), Diagnostic> {
    let unchanged = "the output folder was left as it was";
    let plan = match failed {
        Some(failed) => Err(failed),
        None => stager
            .stage(&Output::Bytes {
                path: MARKER.to_string(),
                bytes: stager.manifest(),
            })
            .and_then(|()| stager.finish()),
    };
    let plan = match plan {
        Ok(plan) => plan,
        Err(failed) => {
            stager.abort();
            let _ = commit::end(target);
            let shown = |path: &str| {
                if failed.reading {
                    let source = Path::new(path);
                    source.strip_prefix(root).unwrap_or(source).to_path_buf()
                } else {
                    out.join(path)
                }
            };
            let verb = if failed.reading { "read" } else { "write" };
            return Err(Diagnostic::file_error(
                shown(&failed.path),
                format!(
                    "cannot {verb} {}: {}",
                    shown(&failed.path).display(),
                    failed.error
                ),
            )
            .with_hint(unchanged));
        }
    };
    if plan.steps.is_empty() {
        let _ = commit::end(target);
    } else {
        commit::commit(target, &plan.steps).map_err(|failed| {
            let message = format!("cannot move the new files into place: {}", failed.error);
            if failed.undone {
                Diagnostic::file_error(out, message).with_hint(unchanged)
            } else {
                Diagnostic::file_error(out, format!("{PARTLY_WRITTEN}{message}"))
                    .with_code(PARTLY_WRITTEN_CODE)
                    .with_hint(
                        "the output folder is partly updated: the next gloss build finishes it",
                    )
            }
        })?;
    }
    Ok((
        target.to_path_buf(),
        Written {
            changed: plan.changed,
            unchanged: plan.unchanged,
            kept: plan.kept,
        },
    ))
}

impl Sink for Disk {
    fn accept(&self, output: Output) {
        let ready = self.queue.lock().ok().and_then(|mut queue| {
            queue.bytes += match &output {
                Output::Bytes { bytes, .. } => bytes.len(),
                Output::Copy { .. } => 0,
            };
            queue.pending.push(output);
            queue.take(false)
        });
        if let Some((batch, sender)) = ready {
            // A closed queue means the writers are gone; `finish` reports why.
            let _ = sender.send(batch);
        }
    }

    /// A first build streams the file into the staging folder; a rebuild streams it beside
    /// the file it replaces, comparing the two on the way.
    fn accept_written(&self, path: &str, write: Writer<'_>) -> io::Result<u64> {
        match &self.shared.target {
            Target::Fresh(Some(staging)) => staging.write_with(path, write),
            Target::Rebuild(stager, _) if self.shared.ready() => stager.stage_written(path, write),
            _ => hold_whole(self, path, write),
        }
    }
}

impl Drop for Disk {
    /// An unfinished build (render failed, or a path check did) removes what it staged.
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let _ = self.join();
        if let Target::Rebuild(stager, target) = &self.shared.target {
            stager.abort();
            let _ = commit::end(target);
        }
    }
}
