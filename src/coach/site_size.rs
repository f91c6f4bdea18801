//! How big the built site is, by part, against the host's limits: GitHub Pages refuses a
//! published site over 1 GB and GitLab Pages also caps its files, so an archive that grows
//! past them fails to deploy one day without warning. `gloss build` prints the size;
//! `gloss check` warns (`site-size`) past 80% of a limit and names the largest parts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::PublishConfig;
use crate::diagnostics::Diagnostic;

/// GitHub Pages' limit on a published site, in bytes (1 GB): the limit when `[publish]
/// max_bytes` is unset.
pub const GITHUB_PAGES_BYTES: u64 = 1_000_000_000;

/// The share of a limit past which `gloss check` warns, in percent: room for a few months of
/// briefs before a deploy fails.
pub const WARN_PERCENT: u64 = 80;

/// What `gloss build` says when pages are compact, so an editor whose archive crossed
/// 20,000 briefs learns why its entity pages quote less.
pub const COMPACT_SUMMARY: &str = "Compact pages (`[publish] compact`, on from 20,000 briefs unless set): one short quote per brief on actor and place pages, five briefs per actor and place feed, three related briefs, folded sidebar entries by name, fifty pages of the front page (the timeline has every brief); docs/limits.md#compact-pages";

/// Parts named in the warning, largest first.
const PARTS_NAMED: usize = 3;

/// Files and bytes of a part of the site.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// Number of files.
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
}

/// The site's files and bytes, in total and by top-level folder (`briefs/`, `actors/`…;
/// files at the top are one part, `(top-level files)`).
#[derive(Clone, Debug, Default)]
pub struct SiteSize {
    parts: BTreeMap<String, Part>,
    /// The files under `data/`, to name the exports written gzipped only.
    data: BTreeSet<String>,
}

impl SiteSize {
    /// Counts one output file, `path` relative to the output folder, `/`-separated.
    pub fn add(&mut self, path: &str, bytes: u64) {
        let part = match path.split_once('/') {
            Some((top, _)) => format!("{top}/"),
            None => "(top-level files)".to_string(),
        };
        if path.starts_with("data/") {
            self.data.insert(path.to_string());
        }
        let entry = self.parts.entry(part).or_default();
        entry.files += 1;
        entry.bytes += bytes;
    }

    /// Counts every file below `dir` (a built output folder).
    pub fn of_dir(dir: &Path) -> SiteSize {
        let mut size = SiteSize::default();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let bytes = entry.metadata().map_or(0, |m| m.len());
            size.add(&rel.to_string_lossy().replace('\\', "/"), bytes);
        }
        size
    }

    /// The whole site.
    pub fn total(&self) -> Part {
        self.parts.values().fold(Part::default(), |sum, p| Part {
            files: sum.files + p.files,
            bytes: sum.bytes + p.bytes,
        })
    }

    /// The largest parts by bytes, largest first (ties by name).
    pub fn largest(&self, n: usize) -> Vec<(&str, Part)> {
        let mut parts: Vec<(&str, Part)> =
            self.parts.iter().map(|(k, p)| (k.as_str(), *p)).collect();
        parts.sort_by(|a, b| b.1.bytes.cmp(&a.1.bytes).then(a.0.cmp(b.0)));
        parts.truncate(n);
        parts
    }

    /// One line for `gloss build`: `412.3 MB in 30,118 files (briefs/ 120.4 MB in 10,000
    /// files, …)`.
    pub fn summary(&self) -> String {
        let total = self.total();
        format!(
            "{} in {} ({})",
            human(total.bytes),
            files(total.files),
            self.parts_named()
        )
    }

    fn parts_named(&self) -> String {
        self.largest(PARTS_NAMED)
            .iter()
            .map(|(name, p)| format!("{name} {} in {}", human(p.bytes), files(p.files)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// For `gloss build`: the exports written gzipped only (`[publish]
    /// uncompressed_exports`), so a reader of `/data/briefs.json` on a large site is not
    /// left to find a 404; `None` when every export has its uncompressed copy.
    pub fn gzip_only(&self) -> Option<String> {
        let only: Vec<&str> = (self.data.iter())
            .filter(|p| {
                p.strip_suffix(".gz")
                    .is_some_and(|plain| !self.data.contains(plain))
            })
            .map(String::as_str)
            .collect();
        (!only.is_empty()).then(|| {
            format!(
                "Written gzipped only: {} (`[publish] uncompressed_exports = true` also writes them uncompressed; docs/data.md)",
                only.join(", ")
            )
        })
    }

    /// `site-size` warnings for `gloss check`: one per limit the site has passed 80% of, on
    /// `config.toml` where `[publish]` sets the limits.
    pub fn warnings(&self, publish: &PublishConfig) -> Vec<Diagnostic> {
        let total = self.total();
        let max_bytes = publish.max_bytes.unwrap_or(GITHUB_PAGES_BYTES);
        let mut found = Vec::new();
        if past_share(total.bytes, max_bytes) {
            let limit = match publish.max_bytes {
                Some(_) => format!("[publish] max_bytes ({})", human(max_bytes)),
                None => "GitHub Pages' 1 GB limit".to_string(),
            };
            found.push(self.warning(format!(
                "the built site is {}, past {WARN_PERCENT}% of {limit}",
                human(total.bytes)
            )));
        }
        if let Some(max_files) = publish.max_files.filter(|&m| past_share(total.files, m)) {
            found.push(self.warning(format!(
                "the built site has {} files, past {WARN_PERCENT}% of [publish] max_files ({})",
                thousands(total.files),
                thousands(max_files)
            )));
        }
        found
    }

    fn warning(&self, message: String) -> Diagnostic {
        Diagnostic::file_error("config.toml", message)
            .warning()
            .with_code("site-size")
            .with_hint(format!(
                "the largest parts are {}; `[publish] compact = true` makes every page repeat less (about a fifth smaller), `[publish] uncompressed_exports = false` keeps only the .gz copy of exports over 1 MB and a lower `[prior_incidents] max` shortens every brief, or publish to a host with more room (docs/limits.md)",
                self.parts_named()
            ))
    }
}

/// Is `value` past [`WARN_PERCENT`] of `limit`?
fn past_share(value: u64, limit: u64) -> bool {
    value.saturating_mul(100) > limit.saturating_mul(WARN_PERCENT)
}

/// Bytes as `412.3 MB`, `12.5 KB` or `900 bytes` (decimal units, as hosts state their
/// limits).
fn human(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// `1 file`, `30,118 files`.
fn files(n: u64) -> String {
    match n {
        1 => "1 file".to_string(),
        n => format!("{} files", thousands(n)),
    }
}

/// `30118` as `30,118`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{SiteSize, thousands};
    use crate::config::PublishConfig;

    fn site() -> SiteSize {
        let mut size = SiteSize::default();
        size.add("index.html", 1_000);
        for i in 0..8 {
            size.add(&format!("briefs/b{i}/index.html"), 10_000);
        }
        size.add("data/briefs.json", 5_000);
        size
    }

    #[test]
    fn counts_by_top_folder_and_names_the_largest() {
        let size = site();
        assert_eq!((size.total().files, size.total().bytes), (10, 86_000));
        let largest: Vec<&str> = size.largest(2).iter().map(|(n, _)| *n).collect();
        assert_eq!(largest, ["briefs/", "data/"]);
        assert_eq!(
            size.summary(),
            "86.0 KB in 10 files (briefs/ 80.0 KB in 8 files, data/ 5.0 KB in 1 file, (top-level files) 1.0 KB in 1 file)"
        );
        assert_eq!(thousands(30_118), "30,118");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn names_the_exports_written_gzipped_only() {
        let mut size = site();
        assert_eq!(size.gzip_only(), None, "no .gz at all");
        size.add("data/briefs.json.gz", 500);
        assert_eq!(size.gzip_only(), None, "both copies");
        size.add("data/annotations.jsonld.gz", 500);
        size.add("search/x.gz", 1);
        let line = size.gzip_only().expect("one gzipped only");
        assert!(
            line.starts_with("Written gzipped only: data/annotations.jsonld.gz ("),
            "{line}"
        );
    }

    #[test]
    fn warns_past_eighty_percent_of_a_limit() {
        let size = site();
        let quiet = PublishConfig::default();
        assert!(size.warnings(&quiet).is_empty(), "far below 1 GB");
        let near = PublishConfig {
            max_bytes: Some(100_000),
            max_files: Some(12),
            ..PublishConfig::default()
        };
        let found = size.warnings(&near);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|d| d.code == "site-size" && !d.is_error()));
        assert!(
            found[0].message.contains("max_bytes"),
            "{}",
            found[0].message
        );
        assert!(found[0].hint.as_deref().unwrap_or("").contains("briefs/"));
        let roomy = PublishConfig {
            max_bytes: Some(200_000),
            max_files: Some(100),
            ..PublishConfig::default()
        };
        assert!(size.warnings(&roomy).is_empty());
    }
}
