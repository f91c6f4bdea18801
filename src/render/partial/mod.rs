//! Rendering part of a site, for `gloss serve`'s incremental rebuilds: the pages of chosen
//! jobs, and apart from them the files made from the whole site (search index, feeds, data
//! files, the "Open data" page that shows their sizes, sitemaps, hosting files, theme
//! assets and bundle copies). Together, over every job, the two give exactly the files of
//! [`super::render`]; the serve tests compare them with a clean build byte for byte.
//! Which jobs an edit touches is [`deps`]'s business.

pub mod deps;

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::theme::{Theme, template_error};
use super::{Job, Output, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A page that failed to render: its file and why.
type Failed = (String, Box<Diagnostic>);

/// A job's identity across builds (its variant and arguments), to tell which pages of the
/// last build no longer exist.
pub fn job_key(job: &Job) -> String {
    format!("{job:?}")
}

/// Whether a job is rendered with the whole-site files: the "Open data" page shows the
/// sizes of the data files, which any brief changes.
pub fn is_site_wide(job: &Job) -> bool {
    matches!(job, Job::Data)
}

/// Every page job of the site but the whole-site ones ([`is_site_wide`]).
pub fn page_jobs(site: &Site) -> Vec<Job> {
    super::pages::jobs(site)
        .into_iter()
        .filter(|job| !is_site_wide(job))
        .collect()
}

/// Renders `jobs` (in parallel), each with its key. Template errors are reported as
/// [`super::render`] reports them: once per message, with a count of the pages.
pub fn render_jobs(
    site: &Site,
    theme: &Theme,
    jobs: &[Job],
) -> Result<Vec<(String, Output)>, Diagnostics> {
    let rendered: Vec<Result<(String, Output), Failed>> = jobs
        .par_iter()
        .map(|job| {
            let page = site.page(job);
            match theme.tera.render(page.template, &page.context) {
                Ok(html) => Ok((
                    job_key(job),
                    Output::Bytes {
                        path: page.file,
                        bytes: html.into_bytes(),
                    },
                )),
                Err(e) => Err((page.file, Box::new(template_error(&e)))),
            }
        })
        .collect();
    let mut failures: BTreeMap<String, (Diagnostic, Vec<String>)> = BTreeMap::new();
    let mut outputs = Vec::with_capacity(rendered.len());
    for result in rendered {
        match result {
            Ok(output) => outputs.push(output),
            Err((file, d)) => failures
                .entry(d.message.clone())
                .or_insert_with(|| (*d, Vec::new()))
                .1
                .push(file),
        }
    }
    if failures.is_empty() {
        return Ok(outputs);
    }
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
    Err(diagnostics)
}

/// Every file of the site that is not a page job's: the same list, made the same way, as
/// in [`super::render`]. `page_paths` are the paths of every page (for the sitemap).
pub fn site_wide<'p>(
    site: &Site,
    theme: &Theme,
    page_paths: impl Iterator<Item = &'p str>,
) -> Result<Vec<Output>, Diagnostics> {
    let (data_page, (feeds, data)) = rayon::join(
        || render_jobs(site, theme, &[Job::Data]),
        || rayon::join(|| super::feeds::feeds(site), || super::data::files(site)),
    );
    let mut outputs: Vec<Output> = data_page?.into_iter().map(|(_, o)| o).collect();
    for (path, bytes) in &theme.assets {
        outputs.push(Output::Bytes {
            path: path.clone(),
            bytes: bytes.clone(),
        });
    }
    outputs.extend(super::search::files(site));
    outputs.extend(feeds);
    outputs.extend(data.map_err(Diagnostics::from)?);
    outputs.extend(super::hosting(site.config));
    // The sitemap reads only the paths of the pages among the outputs.
    let mut listed: Vec<Output> = page_paths
        .map(|path| Output::Bytes {
            path: path.to_string(),
            bytes: Vec::new(),
        })
        .collect();
    listed.extend(outputs.iter().map(|o| Output::Bytes {
        path: o.path().to_string(),
        bytes: Vec::new(),
    }));
    outputs.extend(super::sitemap::files(site, &listed));
    for brief in &site.corpus.briefs {
        for asset in &brief.assets {
            let name = asset
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            outputs.push(Output::Copy {
                path: format!("briefs/{}/{name}", brief.slug),
                from: asset.clone(),
            });
        }
    }
    Ok(outputs)
}
