//! Stage 5, render: markdown, highlighting and Tera, producing every output file and handing
//! each to a [`Sink`](crate::output::Sink) as soon as it is finished. Render does not know
//! where files go; a disk sink writes them where no reader sees them until the build
//! succeeds, so a failed render still leaves the published site untouched.

mod data;
mod feeds;
mod jsonld;
pub mod page;
mod paginate;
pub mod prepare;
mod public;
mod reading;
mod related;
pub mod search;
mod site;
mod sitemap;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;
use std::sync::Mutex;

use rayon::prelude::*;

pub use crate::output::Output;
pub use site::{BriefRef, EntityRef, IncidentEntry, Job, Robots, Section, Site};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Sink;
use theme::{Theme, template_error};

/// The files of the "Open data" page: name, format, what it holds.
pub const DATA_FILES: [(&str, &str, &str); 4] = [
    (
        "briefs.json",
        "JSON",
        "Every brief: metadata, actors, locations, prior incidents and URLs.",
    ),
    (
        "entities.json",
        "JSON",
        "Actors, locations and incidents with their relations and backlinks.",
    ),
    (
        "incidents.geojson",
        "GeoJSON (RFC 7946)",
        "Incidents with a located place, as points.",
    ),
    (
        "incidents.csv",
        "CSV",
        "One row per incident, for spreadsheets.",
    ),
];

/// Files GitHub Pages reads: `.nojekyll`, so folders and files are served as written
/// instead of through Jekyll, and `CNAME` for a custom domain.
fn hosting(config: &crate::config::Config) -> Vec<Output> {
    let mut files = vec![Output::Bytes {
        path: ".nojekyll".into(),
        bytes: Vec::new(),
    }];
    if let Some(domain) = config
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        files.push(Output::Bytes {
            path: "CNAME".into(),
            bytes: format!("{domain}\n").into_bytes(),
        });
    }
    files
}

/// Renders every page and asset of the site into `sink`, each file as soon as it is
/// finished, so only the pages in flight are in memory at once (not the whole site). Returns
/// what is left of every file once sunk ([`Output::skeleton`]: paths and copy sources),
/// sorted by path, for the path checks and the report.
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<Vec<Output>, Diagnostics> {
    let jobs = page::jobs(site);
    let kept: Mutex<Vec<Output>> = Mutex::new(Vec::with_capacity(jobs.len() + 64));
    let keep = |output: Output| {
        let skeleton = output.skeleton();
        sink.accept(output);
        kept.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(skeleton);
    };
    let keep_all = |outputs: Vec<Output>| outputs.into_iter().for_each(keep);
    // Pages, feeds and data files are independent: rayon interleaves all three.
    let (failed, data) = rayon::join(
        || -> Vec<(String, Box<Diagnostic>)> {
            jobs.par_iter()
                .filter_map(|job| {
                    let page = site.page(job);
                    match theme.tera.render(page.template, &page.context) {
                        Ok(html) => {
                            keep(Output::Bytes {
                                path: page.file,
                                bytes: html.into_bytes(),
                            });
                            None
                        }
                        Err(e) => Some((page.file, Box::new(template_error(&e)))),
                    }
                })
                .collect()
        },
        || {
            rayon::join(
                || feeds::feeds(site, &keep),
                || data::each_file(site, &mut |output| keep(output)),
            )
            .1
        },
    );
    // One template mistake fails every page that uses it: report it once, with a count.
    let mut failures: BTreeMap<String, (Diagnostic, Vec<String>)> = BTreeMap::new();
    for (file, d) in failed {
        failures
            .entry(d.message.clone())
            .or_insert_with(|| (*d, Vec::new()))
            .1
            .push(file);
    }
    if !failures.is_empty() {
        let mut diagnostics = Diagnostics::default();
        for (_, (mut d, files)) in failures {
            let more = if files.len() > 1 {
                format!(" (and {} more pages)", files.len() - 1)
            } else {
                String::new()
            };
            d.message = format!("cannot render {}{more}: {}", files[0], d.message);
            diagnostics.push(d);
        }
        return Err(diagnostics);
    }
    data.map_err(Diagnostics::from)?;
    for (path, bytes) in &theme.assets {
        keep(Output::Bytes {
            path: path.clone(),
            bytes: bytes.clone(),
        });
    }
    keep_all(search::files(site));
    keep_all(hosting(site.config));
    let sitemaps = {
        let pages = kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        sitemap::files(site, &pages)
    };
    keep_all(sitemaps);
    for brief in &site.corpus.briefs {
        for asset in &brief.assets {
            let name = asset
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            keep(Output::Copy {
                path: format!("briefs/{}/{name}", brief.slug),
                from: asset.clone(),
            });
        }
    }
    let mut outputs = kept
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    outputs.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(outputs)
}
