//! The "Open data" page (`data.html`): the data files with their formats and sizes, and the
//! licence.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Nav, PageJob, Site};
use crate::render::DATA_FILES;
use crate::urls::{data_file, output_file};

/// One data file in the table.
#[derive(Serialize)]
struct DataFile {
    name: &'static str,
    path: String,
    format: &'static str,
    description: &'static str,
    /// Size in bytes, when the file was made.
    bytes: Option<usize>,
    /// Size for readers ("2.1 KB"), or "".
    size: String,
}

/// `data.html`'s own values.
#[derive(Serialize)]
struct DataPage<'a> {
    files: Vec<DataFile>,
    license: &'a str,
}

/// A file size for readers: bytes under 1 KB, else KB with one decimal (1 KB = 1024 bytes).
fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
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
            DataFile {
                name,
                path,
                format,
                description,
                bytes,
                size: bytes.map(human_size).unwrap_or_default(),
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
