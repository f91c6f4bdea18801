//! The content files an import writes: new actors and locations in the shape `gloss new`
//! writes, and every write either to disk or, under `--dry-run`, kept in memory so later
//! rows see it.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use super::event::Place;

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A new actor's file.
pub fn actor_file(name: &str, wikidata: Option<&str>, dataset: &str) -> String {
    let wikidata = wikidata.map_or_else(
        || "# wikidata = \"Q42\"                          # the Wikidata item\n".to_string(),
        |q| format!("wikidata = {}\n", quoted(q)),
    );
    format!(
        "+++\nname = {}\n{wikidata}# Optional keys (remove the # to use one):\n\
         # aliases = [\"Other name\", \"ACRONYM\"]       # other names the article text may use\n\
         # kind = \"militia\"                          # person, militia, government, military, organization…\n\
         # affiliation = [\"actor-slug\"]              # groups this actor belongs to\n\
         +++\nImported from {dataset}: who this is, in markdown.\n",
        quoted(name)
    )
}

/// A new location's file.
pub fn location_file(place: &Place, dataset: &str) -> String {
    let mut keys = format!("+++\nname = {}\n", quoted(&place.name));
    if let Some((lat, lon)) = place.coordinates {
        keys.push_str(&format!("coordinates = [{lat}, {lon}]\n"));
    }
    if !place.country.is_empty() {
        keys.push_str(&format!("country = {}\n", quoted(&place.country)));
    }
    if let Some(p) = place.geo_precision {
        keys.push_str(&format!(
            "geo_precision = {p}                           # 1 exact, 2 near, 3 only the region\n"
        ));
    }
    if let Some(id) = place.geonames {
        keys.push_str(&format!("geonames = {id}\n"));
    }
    format!(
        "{keys}# Optional keys (remove the # to use one):\n\
         # aliases = [\"Other spelling\"]              # other names the article text may use\n\
         # kind = \"city\"                             # city, province, military base, country…\n\
         # within = \"location-slug\"                  # the location this one lies within\n\
         # wikidata = \"Q42\"                          # the Wikidata item\n\
         +++\nImported from {dataset}: what this place is, in markdown.\n"
    )
}

/// Reads and writes content files under a site root.
pub struct Files {
    root: PathBuf,
    dry_run: bool,
    pending: HashMap<PathBuf, String>,
}

impl Files {
    /// Files of the site at `root`; with `dry_run`, nothing reaches the disk.
    pub fn new(root: &Path, dry_run: bool) -> Files {
        Files {
            root: root.to_path_buf(),
            dry_run,
            pending: HashMap::new(),
        }
    }

    /// The text of `relative`, as this import left it.
    pub fn read(&self, relative: &Path) -> io::Result<String> {
        match self.pending.get(relative) {
            Some(text) => Ok(text.clone()),
            None => std::fs::read_to_string(self.root.join(relative)),
        }
    }

    /// Writes `text` to `relative`: a new file directly, an existing one through a
    /// temporary file renamed into place, so it is never left half written.
    pub fn write(&mut self, relative: &Path, text: String) -> io::Result<()> {
        if self.dry_run {
            self.pending.insert(relative.to_path_buf(), text);
            return Ok(());
        }
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match created {
            Ok(mut file) => return io::Write::write_all(&mut file, text.as_bytes()),
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            Err(_) => {}
        }
        let temporary = path.with_extension("md.gloss-import");
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, &path)
    }
}
