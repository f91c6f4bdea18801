//! The "Open data" page (`data.html`): the data files with their formats and sizes, and the
//! licence.

use serde::Serialize;

use super::{Nav, PageJob, Site};
use crate::render::DATA_FILES;
use crate::render::data::DataSizes;
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
    bytes: Option<u64>,
    /// Size for readers ("2.1 KB"), or "".
    size: String,
    /// The gzipped copy of a large file, if written.
    gzip: Option<Gzipped>,
    /// The uncompressed size of a file written gzipped only ("24.7 MB"), so the reader
    /// knows what the `.gz` holds and why it is alone.
    gzip_only: Option<String>,
}

/// A large data file's `.gz` copy.
#[derive(Serialize)]
struct Gzipped {
    path: String,
    bytes: u64,
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
fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The table's row for the data file `name`, from what the build wrote of it.
fn data_file_row(
    name: &'static str,
    format: &'static str,
    description: &'static str,
    sizes: &DataSizes,
) -> DataFile {
    let path = data_file(name);
    let exported = sizes.get(path.as_str());
    let written = exported.filter(|e| e.plain).map(|e| e.size);
    let gzip = exported.and_then(|e| e.gzip).map(|bytes| Gzipped {
        path: gzipped(&path),
        bytes,
        size: human_size(bytes),
    });
    let gzip_only = exported.filter(|e| !e.plain).map(|e| human_size(e.size));
    DataFile {
        name,
        path: if gzip_only.is_some() {
            String::new()
        } else {
            path
        },
        format,
        description,
        bytes: written,
        size: written.map(human_size).unwrap_or_default(),
        gzip,
        gzip_only,
    }
}

/// `/data/`, its table showing the size of each data file in `sizes` (by path): the build
/// passes the sizes of the files it has just made, so the data files are serialized once.
pub fn page(site: &Site, sizes: &DataSizes) -> PageJob {
    let path = site.urls.page("data");
    let file = output_file(&path);
    let meta = site.meta(&path, "Open data", "The data behind this site", "website");
    let common = site.common(&file, meta, Nav::None);
    let files = DATA_FILES
        .iter()
        .map(|&(name, format, description)| data_file_row(name, format, description, sizes))
        .collect();
    let license = site
        .config
        .license
        .as_deref()
        .unwrap_or("See the site's about page.");
    PageJob::new(file, "data.html", common, DataPage { files, license })
}

#[cfg(test)]
mod tests {
    use super::{DataSizes, data_file_row};
    use crate::render::data::Exported;

    #[test]
    fn a_file_written_gzipped_only_says_so_with_its_size() {
        let mut sizes = DataSizes::new();
        let exported = Exported {
            size: 23_600_000,
            plain: false,
            gzip: Some(2_100_000),
        };
        sizes.insert("data/briefs.json".into(), exported);
        let row = data_file_row("briefs.json", "JSON", "", &sizes);
        assert_eq!(row.path, "", "no link to a file that is not there");
        assert_eq!((row.bytes, row.size.as_str()), (None, ""));
        assert_eq!(row.gzip.map(|g| g.path), Some("data/briefs.json.gz".into()));
        assert_eq!(row.gzip_only.as_deref(), Some("22.5 MB"));
        let kept = Exported {
            plain: true,
            ..exported
        };
        sizes.insert("data/briefs.json".into(), kept);
        let row = data_file_row("briefs.json", "JSON", "", &sizes);
        assert_eq!(
            (row.path.as_str(), row.bytes),
            ("data/briefs.json", Some(23_600_000))
        );
        assert_eq!(row.gzip_only, None);
    }
}
