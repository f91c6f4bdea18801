//! Rendering part of a site, for `gloss serve`'s incremental rebuilds: the pages of chosen
//! jobs, and apart from them the files made from the whole site (search index, feeds, data
//! files, the "Open data" page that shows their sizes, sitemaps, hosting files, theme
//! assets and bundle copies). Together, over every job, the two give exactly the files of
//! [`super::render`]; the serve tests compare them with a clean build byte for byte.
//! Which jobs an edit touches is [`deps`]'s business.

pub mod deps;

use std::collections::BTreeMap;
use std::sync::Mutex;

use rayon::prelude::*;

use super::page::PageJob;
use super::theme::{Theme, has_highlighted_code, template_error};
use super::{Job, Output, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{Keeping, Sink};

/// A page that failed to render: its file and why.
type PageFailure = (String, Box<Diagnostic>);

/// Whether a job is rendered with the whole-site files: the "Open data" page shows the
/// sizes of the data files, which any brief changes.
pub fn is_site_wide(job: &Job) -> bool {
    matches!(job, Job::Data)
}

/// Every page job of the site but the whole-site ones ([`is_site_wide`]).
pub fn page_jobs(site: &Site) -> Vec<Job> {
    super::page::jobs(site)
        .into_iter()
        .filter(|job| !is_site_wide(job))
        .collect()
}

/// Renders `jobs` (in parallel), handing each page to `each` with its job as soon as it is
/// rendered. One template mistake fails every page that uses it: it is reported once, with
/// a count of the pages.
pub fn render_jobs(
    site: &Site,
    theme: &Theme,
    jobs: &[Job],
    each: &(dyn Fn(&Job, Output) + Sync),
) -> Result<(), Diagnostics> {
    let failed: Vec<PageFailure> = jobs
        .par_iter()
        .with_max_len(PAGES_PER_TASK)
        .filter_map(|job| match render_page(theme, site.page(job)) {
            Ok(output) => {
                each(job, output);
                None
            }
            Err(failed) => Some(failed),
        })
        .collect();
    report_failures(failed)
}

/// Pages one rayon task renders in a row at most. Pages differ a lot in cost (an entity page
/// of a large archive takes many times a brief's), and rayon only splits a range while a
/// thread is free to steal it: without a cap the last large range ran on one core while
/// the other slept (the last 20 s of a 65 s build at 100,000 briefs).
const PAGES_PER_TASK: usize = 64;

/// Room a page's bytes start with: most pages fit (a brief page is about 28 KB), so the
/// buffer is not copied as it grows.
const PAGE_BYTES: usize = 32 * 1024;

/// One page through its template; a page that turns out to hold highlighted code is
/// rendered again with `highlight` set, so that it alone links `highlight.css`.
fn render_page(theme: &Theme, page: PageJob) -> Result<Output, PageFailure> {
    let mut context = match page.context {
        Ok(context) => context,
        Err(e) => {
            let message = format!("its values cannot be handed to {}: {e}", page.template);
            let d = Diagnostic::file_error(format!("templates/{}", page.template), message)
                .with_code("page-values")
                .with_hint("this is a bug in gloss: please report it with the page's content");
            return Err((page.file, Box::new(d)));
        }
    };
    let mut bytes = Vec::with_capacity(PAGE_BYTES);
    let mut rendered = theme.tera.render_to(page.template, &context, &mut bytes);
    if rendered.is_ok() && has_highlighted_code(&bytes) {
        context.insert("highlight", &true);
        bytes.clear();
        rendered = theme.tera.render_to(page.template, &context, &mut bytes);
    }
    match rendered {
        Ok(()) => Ok(Output::Bytes {
            path: page.file,
            bytes,
        }),
        Err(e) => Err((page.file, Box::new(template_error(&e)))),
    }
}

/// The pages that failed, one diagnostic per distinct error with a count of its pages.
fn report_failures(failed: Vec<PageFailure>) -> Result<(), Diagnostics> {
    let mut failures: BTreeMap<String, (Diagnostic, Vec<String>)> = BTreeMap::new();
    for (file, d) in failed {
        failures
            .entry(d.message.clone())
            .or_insert_with(|| (*d, Vec::new()))
            .1
            .push(file);
    }
    if failures.is_empty() {
        return Ok(());
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

/// [`render_jobs`] into memory: each page with its job, for `serve`.
pub fn pages_in_memory(
    site: &Site,
    theme: &Theme,
    jobs: &[Job],
) -> Result<Vec<(Job, Output)>, Diagnostics> {
    let pages = Mutex::new(Vec::with_capacity(jobs.len()));
    render_jobs(site, theme, jobs, &|job, output| {
        pages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((job.clone(), output));
    })?;
    Ok(pages
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner()))
}

/// Every file of the site that is not a page job's, each handed to `sink` as soon as it is
/// made (feeds and data files one at a time, so they are never all in memory).
/// `page_paths` are the paths of every page (for the sitemap).
pub fn site_wide<'p>(
    site: &Site,
    theme: &Theme,
    page_paths: impl Iterator<Item = &'p str>,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let made = Keeping::new(sink, 0);
    let sizes = generated(site, &made)?;
    let made = made.into_kept();
    let mut paths: Vec<&str> = page_paths.collect();
    paths.extend(made.iter().map(Output::path));
    finish(site, theme, &sizes, paths.into_iter(), sink)
}

/// The files made from the whole site's data rather than from templates: feeds, data
/// files, the search index and the shared hover-card chunks. Returns the size of each data
/// file, for the data page.
///
/// Independent of the pages, so a build makes them while the pages render; among
/// themselves they are made side by side too, so the serial parts of each (merging
/// postings, serializing a data file) overlap.
pub fn generated(site: &Site, sink: &dyn Sink) -> Result<DataSizes, Diagnostics> {
    let ((_, sizes), (search, cards)) = rayon::join(
        || {
            rayon::join(
                || super::feeds::feeds(site, sink),
                || super::data::each_file(site, sink),
            )
        },
        || {
            (
                super::search::files(site, sink),
                super::cards::files(site, sink),
            )
        },
    );
    // Every file that failed is reported, not only the first.
    let mut errors = Diagnostics::default();
    errors.extend(search.err());
    errors.extend(cards.err());
    match sizes {
        Ok(sizes) if errors.is_empty() => Ok(sizes),
        Ok(_) => Err(errors),
        Err(failed) => {
            errors.push(failed);
            Err(errors)
        }
    }
}

pub use super::data::DataSizes;

/// The last files of a build, once every page and [`generated`] file is made: the data
/// page (it shows the data files' sizes), theme assets, hosting files, bundle copies, and
/// the sitemap of every HTML file (`made` are the paths of the files made before).
pub fn finish<'p>(
    site: &Site,
    theme: &Theme,
    sizes: &DataSizes,
    made: impl Iterator<Item = &'p str>,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let listed = Keeping::new(sink, 0);
    match render_page(theme, super::page::data_page(site, sizes)) {
        Ok(output) => listed.accept(output),
        Err(failed) => report_failures(vec![failed])?,
    }
    if let Some(outline) = site.map_outline_file() {
        listed.accept(outline);
    }
    for (path, bytes) in &theme.assets {
        listed.accept(Output::Bytes {
            path: path.clone(),
            bytes: bytes.clone(),
        });
    }
    super::hosting(site.config)
        .into_iter()
        .for_each(|output| listed.accept(output));
    for brief in &site.corpus.briefs {
        for asset in &brief.assets {
            let name = asset
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            listed.accept(Output::Copy {
                path: crate::urls::bundle_asset(&brief.slug, &name),
                from: asset.clone(),
            });
        }
    }
    let listed = listed.into_kept();
    let mut paths: Vec<&str> = made.collect();
    paths.extend(listed.iter().map(Output::path));
    super::sitemap::files(site, paths.into_iter())
        .into_iter()
        .for_each(|output| sink.accept(output));
    Ok(())
}
