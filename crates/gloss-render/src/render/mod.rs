//! Stage 5, render: markdown, highlighting and Tera, producing every output file and handing
//! each to a [`Sink`](crate::output::Sink) as soon as it is finished. Render does not know
//! where files go; a disk sink writes them where no reader sees them until the build
//! succeeds, so a failed render still leaves the published site untouched.

mod bidi;
pub mod budget;
mod cards;
mod data;
mod feeds;
mod jsonld;
mod language;
mod memo;
pub mod page;
mod paginate;
pub mod partial;
pub mod prepare;
mod public;
pub mod reading;
mod related;
pub mod search;
mod site;
mod sitemap;
#[cfg(test)]
mod test_site;
pub mod theme;
pub mod views;

use rayon::slice::ParallelSliceMut;

pub use crate::output::Output;
pub use memo::Memo;
pub use site::{BriefRef, EntityRef, IncidentEntry, Job, PlainPageRef, Robots, Section, Site};

use crate::diagnostics::Diagnostics;
use crate::output::{Keeping, Sink};
use theme::Theme;

/// The files of the "Open data" page: name, format, what it holds.
pub const DATA_FILES: [(&str, &str, &str); 6] = [
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
    (
        "incidents-acled.csv",
        "CSV (ACLED columns)",
        "One row per incident under ACLED's column names and precision codes, to merge with ACLED data.",
    ),
    (
        "annotations.jsonld",
        "JSON-LD (W3C Web Annotation)",
        "Every note as a Web Annotation on the original article and on the brief's page.",
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
/// sorted by path, for the path checks and the report. The pages and the files made from
/// the whole site's data are made together, then the data page and the sitemap, which
/// need both; `serve` renders the pages and the rest ([`partial::site_wide`]) separately.
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<Vec<Output>, Diagnostics> {
    let jobs = partial::page_jobs(site);
    let pages = Keeping::new(sink, jobs.len());
    let made = Keeping::new(sink, 0);
    // The feeds, data files and search index need no page: made while the pages render,
    // each one's serial stretches are filled with pages instead of leaving a core idle.
    let (rendered, sizes) = rayon::join(
        || partial::render_jobs(site, theme, &jobs, &|_, output| pages.accept(output)),
        || partial::generated(site, &made),
    );
    let sizes = match (rendered, sizes) {
        (Ok(()), Ok(sizes)) => sizes,
        (Err(mut errors), Err(more)) => {
            errors.extend(more.sorted());
            return Err(errors);
        }
        (Err(errors), _) | (_, Err(errors)) => return Err(errors),
    };
    let mut outputs = pages.into_kept();
    outputs.extend(made.into_kept());
    let last = Keeping::new(sink, 0);
    partial::finish(site, theme, &sizes, outputs.iter().map(Output::path), &last)?;
    outputs.extend(last.into_kept());
    // Stable: two bundle files bound for one path stay in the order they were found, so
    // `write::check_outputs` names them the same way every time.
    outputs.par_sort_by(|a, b| a.path().cmp(b.path()));
    Ok(outputs)
}
