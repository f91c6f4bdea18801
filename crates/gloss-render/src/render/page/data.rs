//! The "Open data" page (`data.html`): the data files with their formats and sizes, and the
//! licence.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Nav, PageJob, Site};
use crate::render::DATA_FILES;
use crate::urls::{data_file, gzipped, output_file};

/// One data file in the table.
#[derive(Serialize)]
struct DataFile {
    name: &'static str,
    /// Its path, or "" when only the gzipped copy was written.
    path: String,
    format: &'static str,
    description: &'static str,
    /// Size in bytes, when the file was made.
    bytes: Option<usize>,
    /// Size for readers ("2.1 KB"), or "".
    size: String,
    /// The gzipped copy of a large file, if written.
    gzip: Option<Gzipped>,
}

/// A large data file's `.gz` copy.
#[derive(Serialize)]
struct Gzipped {
    path: String,
    bytes: usize,
    size: String,
}

/// `data.html`'s own values.
#[derive(Serialize)]
struct DataPage<'a> {
    files: Vec<DataFile>,
    license: &'a str,
}

/// A file size for readers: bytes under 1 KB, else KB with one decimal (1 KB = 1024 bytes),
/// MB from 1 MB.
fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// `/data/`, its table showing the size of each data file in `sizes` (by path): the build
/// passes the sizes of the files it has just made, so the data files are serialized once.
pub fn page(site: &Site, sizes: &BTreeMap<String, usize>) -> PageJob {
    let path = site.urls.page("data");
    let file = output_file(&path);
    let meta = site.meta(&path, "Open data", "The data behind this site", "website");
    let common = site.common(&file, meta, Nav::None);
    let files = DATA_FILES
        .iter()
        .map(|&(name, format, description)| {
            let path = data_file(name);
            let bytes = sizes.get(path.as_str()).copied();
            let gz_path = gzipped(&path);
            let gzip = sizes.get(gz_path.as_str()).map(|&bytes| Gzipped {
                path: gz_path,
                bytes,
                size: human_size(bytes),
            });
            DataFile {
                name,
                path: if bytes.is_some() || gzip.is_none() {
                    path
                } else {
                    String::new()
                },
                format,
                description,
                bytes,
                size: bytes.map(human_size).unwrap_or_default(),
                gzip,
            }
        })
        .collect();
    let license = site
        .config
        .license
        .as_deref()
        .unwrap_or("See the site's about page.");
    PageJob::new(file, "data.html", common, DataPage { files, license })
}
