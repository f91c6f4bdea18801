//! `gloss new` and `gloss init`: files an editor would otherwise copy from an old one, written
//! from templates embedded in the binary. Both only ever create files; an existing file is
//! never overwritten.

mod from;
mod init;
mod new;
mod remote;

use std::io::{self, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

pub use init::{Initialized, PACKAGE, WORKFLOW_PATH, gloss_releases, init};
pub use new::{Created, Kind, NewOptions, create_entry, new, slugify};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::PartialDate;

/// Today's date (UTC) from the system clock, for new briefs and incidents.
pub fn today() -> PartialDate {
    let seconds = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    };
    PartialDate::from_days_since_epoch(seconds.div_euclid(86_400))
}

/// Creates `root/relative` (and its folders) with `text`, refusing if it exists.
fn create(root: &Path, relative: &str, text: &str) -> Result<(), Diagnostics> {
    let path = root.join(relative);
    let fail =
        |e: io::Error| Diagnostic::file_error(relative, format!("cannot create {relative}: {e}"));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(already_exists(relative).into());
        }
        Err(e) => return Err(fail(e).into()),
    };
    file.write_all(text.as_bytes()).map_err(fail)?;
    Ok(())
}

/// The refusal to overwrite `relative`.
fn already_exists(relative: &str) -> Diagnostic {
    Diagnostic::file_error(relative, format!("{relative} already exists"))
        .with_hint("gloss never overwrites a file: choose another name, or edit the existing one")
}

/// `text` as a TOML string, quoted and escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
