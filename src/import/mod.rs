//! `gloss import acled|ucdp FILE.csv [--dry-run]`: a dataset's events become incidents, and
//! the actors and places they name become actors and locations, all ordinary content files
//! an editor then edits (docs/data.md has the field mapping).
//!
//! The CSV file is read a row at a time, so memory grows with the site and the distinct
//! entities, not with the file. Each incident records its dataset, event id and import time
//! in `[provenance]`; importing the same file again changes nothing, and a changed event
//! rewrites only the fields nobody edited since (see [`incident`]).

mod acled;
mod event;
mod files;
mod incident;
mod known;
mod ucdp;

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use csv::StringRecord;
use indicatif::ProgressBar;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::PartialDate;
use event::{Columns, Event};
use files::Files;
use incident::Stamp;
use known::{Known, Match};

/// Report lines kept of each kind; the rest are counted.
const KEEP: usize = 1_000;

/// The datasets gloss reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Dataset {
    /// ACLED's CSV export.
    Acled,
    /// UCDP GED's CSV export.
    Ucdp,
}

impl Dataset {
    /// The name written to `[provenance] dataset`.
    pub fn name(self) -> &'static str {
        match self {
            Dataset::Acled => "acled",
            Dataset::Ucdp => "ucdp",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Dataset::Acled => "ACLED",
            Dataset::Ucdp => "UCDP GED",
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            Dataset::Acled => &acled::REQUIRED,
            Dataset::Ucdp => &ucdp::REQUIRED,
        }
    }

    fn event(self, columns: &Columns, row: &StringRecord) -> Result<Event, String> {
        match self {
            Dataset::Acled => acled::event(columns, row),
            Dataset::Ucdp => ucdp::event(columns, row),
        }
    }
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Report what would change; write nothing.
    pub dry_run: bool,
    /// The import time to record (RFC 3339); the clock's by default.
    pub now: Option<String>,
}

/// Lines of one kind, the first [`KEEP`] kept and the rest counted.
#[derive(Clone, Debug, Default)]
pub struct Lines {
    /// The kept lines.
    pub kept: Vec<String>,
    /// How many more there were.
    pub more: usize,
}

impl Lines {
    fn push(&mut self, line: String) {
        if self.kept.len() < KEEP {
            self.kept.push(line);
        } else {
            self.more += 1;
        }
    }
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// Data rows read.
    pub rows: usize,
    /// Incidents created.
    pub created_incidents: usize,
    /// Actors created.
    pub created_actors: usize,
    /// Locations created.
    pub created_locations: usize,
    /// Incidents rewritten because their event changed.
    pub updated: usize,
    /// Incidents already as the dataset has them.
    pub unchanged: usize,
    /// Each file created or changed.
    pub changes: Lines,
    /// Fields the editor changed that the dataset changed too: kept as edited.
    pub conflicts: Lines,
    /// New actors whose name is close to an existing one.
    pub near_misses: Lines,
    /// Rows skipped, with the reason.
    pub skipped: Lines,
}

/// Imports `file` of `dataset` into the site at `root`; `progress` is advanced by the bytes
/// read (hidden unless the caller drew it).
pub fn import(
    root: &Path,
    dataset: Dataset,
    file: &Path,
    options: &ImportOptions,
    progress: &ProgressBar,
) -> Result<ImportReport, Diagnostics> {
    let (loaded, found) = crate::load::load_all(root, None);
    if found.has_errors() {
        return Err(found);
    }
    let mut known = Known::new(&loaded);
    drop(loaded);
    let shown = file.display().to_string();
    let cannot = |e: csv::Error| -> Diagnostics {
        Diagnostic::file_error(file, format!("cannot read {shown}: {e}"))
            .with_hint("give the path of a CSV file exported from the dataset")
            .into()
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(file)
        .map_err(cannot)?;
    progress.set_length(std::fs::metadata(file).map(|m| m.len()).unwrap_or(0));
    let columns = Columns::new(reader.headers().map_err(cannot)?);
    let missing = columns.missing(dataset.required());
    if !missing.is_empty() {
        return Err(Diagnostic::at(file, 1, 1, None, format!(
            "{shown} is not an export of {}: it has no column {}",
            dataset.title(),
            missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
        ))
        .with_hint(format!("export the file from {} with its own header row; columns are found by name, in any order", dataset.title()))
        .with_code("import-columns")
        .into());
    }
    let now = options.now.clone().unwrap_or_else(now);
    let mut run = Run {
        dataset,
        known: &mut known,
        files: Files::new(root, options.dry_run),
        report: ImportReport::default(),
        now: &now,
        file: &shown,
    };
    let mut row = StringRecord::new();
    loop {
        match reader.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(cannot(e)),
        }
        let line = row.position().map_or(0, |p| p.line());
        run.report.rows += 1;
        match dataset.event(&columns, &row) {
            Ok(event) => run.event(&event, line)?,
            Err(why) => run.report.skipped.push(format!("{shown}:{line}: {why}")),
        }
        progress.set_position(reader.position().byte());
    }
    Ok(run.report)
}

/// The clock's time, RFC 3339 in UTC to the second.
fn now() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = PartialDate::from_days_since_epoch((seconds / 86_400) as i64);
    let s = seconds % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day.iso(),
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// One import under way.
struct Run<'a> {
    dataset: Dataset,
    known: &'a mut Known,
    files: Files,
    report: ImportReport,
    now: &'a str,
    file: &'a str,
}

impl Run<'_> {
    /// Creates or updates the incident of one event, and the entities it names.
    fn event(&mut self, event: &Event, line: u64) -> Result<(), Diagnostics> {
        let mut actors = Vec::new();
        for named in &event.actors {
            let slug = match self.known.actor(named) {
                Match::Found(slug) => slug,
                Match::New(slug, near) => {
                    let path = PathBuf::from(format!("content/actors/{slug}.md"));
                    let text = files::actor_file(
                        &named.name,
                        named.wikidata.as_deref(),
                        self.dataset.title(),
                    );
                    self.write(&path, text, "create")?;
                    self.report.created_actors += 1;
                    if let Some((name, existing)) = near {
                        self.report.near_misses.push(format!(
                            "{}:{line}: new actor `{}` ({}) is close to `{name}` (content/actors/{existing}.md); if they are one, add `{}` to that actor's aliases, delete {} and import again",
                            self.file, named.name, path.display(), named.name, path.display()
                        ));
                    }
                    slug
                }
            };
            if !actors.contains(&slug) {
                actors.push(slug);
            }
        }
        let location = match &event.place {
            None => None,
            Some(place) => Some(match self.known.place(place) {
                Match::Found(slug) => slug,
                Match::New(slug, _) => {
                    let path = PathBuf::from(format!("content/locations/{slug}.md"));
                    self.write(
                        &path,
                        files::location_file(place, self.dataset.title()),
                        "create",
                    )?;
                    self.report.created_locations += 1;
                    slug
                }
            }),
        };
        let values = incident::values(event, &actors, location.as_deref());
        let stamp = Stamp {
            dataset: self.dataset.name(),
            event_id: &event.event_id,
            imported: self.now,
            range: event.range,
        };
        match self.known.incident(stamp.dataset, stamp.event_id).cloned() {
            Some(path) => self.update(&path, &values, &stamp, line),
            None => {
                let wanted = crate::model::Slug::suggest(&format!(
                    "{} {} {}",
                    event.date.iso(),
                    stamp.dataset,
                    event.event_id
                ));
                let slug = self
                    .known
                    .new_incident(stamp.dataset, stamp.event_id, &wanted);
                let path = PathBuf::from(format!("content/incidents/{slug}.md"));
                self.write(&path, incident::create(&values, &stamp), "create")?;
                self.report.created_incidents += 1;
                Ok(())
            }
        }
    }

    /// Re-imports an event already in the site.
    fn update(
        &mut self,
        path: &Path,
        values: &incident::Values,
        stamp: &Stamp,
        line: u64,
    ) -> Result<(), Diagnostics> {
        let failed = |why: String| -> Diagnostics {
            Diagnostic::file_error(path, format!("cannot update {}: {why}", path.display()))
                .with_hint("fix the file or move it away, then import again")
                .into()
        };
        let existing = self.files.read(path).map_err(|e| failed(e.to_string()))?;
        let update = incident::update(&existing, values, stamp).map_err(failed)?;
        for (field, value) in &update.conflicts {
            let value = if value.is_empty() {
                "nothing".to_string()
            } else {
                format!("`{}`", value.trim())
            };
            self.report.conflicts.push(format!(
                "{}: `{field}` was edited since the import and {} now gives {value} ({}:{line}); kept the edit",
                path.display(),
                self.dataset.title(),
                self.file,
            ));
        }
        match update.text {
            Some(text) => {
                self.write(
                    path,
                    text,
                    &format!("update {}:", update.changed.join(", ")),
                )?;
                self.report.updated += 1;
            }
            None => self.report.unchanged += 1,
        }
        Ok(())
    }

    fn write(&mut self, path: &Path, text: String, what: &str) -> Result<(), Diagnostics> {
        self.report
            .changes
            .push(format!("{what} {}", path.display()));
        self.files.write(path, text).map_err(|e| {
            Diagnostic::file_error(path, format!("cannot write {}: {e}", path.display())).into()
        })
    }
}
