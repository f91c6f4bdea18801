//! Large exports also as `.gz` (issue 26): a 100,000-brief archive's data files reach
//! hundreds of megabytes, a large share of a host's 1 GB, and JSON compresses about tenfold.
//! The gzip stream is deterministic (no file name, modification time 0, "unknown" OS), so
//! an unchanged site gives byte-identical files; `[publish] uncompressed_exports = false`
//! leaves out the uncompressed copy of a large file.

use std::collections::BTreeMap;
use std::io::{self, Write};

use flate2::Compression;
use flate2::GzBuilder;
use flate2::write::GzEncoder;

use crate::diagnostics::Diagnostic;
use crate::output::{Counting, Output, Sink};
use crate::urls::gzipped;

/// Exports larger than this (1 MB) are also written gzipped.
pub const GZIP_OVER: u64 = 1_000_000;

/// The gzip operating-system byte for "unknown", so the stream does not depend on the
/// machine that built it.
const OS_UNKNOWN: u8 = 255;

/// A deterministic gzip encoder into memory.
fn encoder() -> GzEncoder<Vec<u8>> {
    GzBuilder::new()
        .mtime(0)
        .operating_system(OS_UNKNOWN)
        .write(Vec::new(), Compression::default())
}

/// Bytes written to both `a` and `b`.
struct Tee<'a, A: ?Sized, B>(&'a mut A, &'a mut B);

impl<A: Write + ?Sized, B: Write> Write for Tee<'_, A, B> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(buf)?;
        self.1.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()?;
        self.1.flush()
    }
}

/// Writes the export at `path` (made by `write`) into `sink`: uncompressed when
/// `uncompressed` is set or the file is small, and as `path.gz` too when it is larger than
/// [`GZIP_OVER`]. Records each written file's size in `sizes`, by path.
pub fn export(
    sink: &dyn Sink,
    path: &str,
    uncompressed: bool,
    sizes: &mut BTreeMap<String, usize>,
    write: &dyn Fn(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Diagnostic> {
    let failed = |e: io::Error| Diagnostic::file_error(path, format!("cannot write {path}: {e}"));
    let mut gz = encoder();
    let size = if uncompressed {
        sink.accept_written(path, &mut |to| write(&mut Tee(to, &mut gz)))
            .map_err(failed)?
    } else {
        // Compressed first: only a small file is written uncompressed, made again.
        let mut counted = Counting::new(&mut gz);
        write(&mut counted).map_err(failed)?;
        counted.count
    };
    if uncompressed || size <= GZIP_OVER {
        let written = if uncompressed {
            size
        } else {
            sink.accept_written(path, &mut |to| write(to))
                .map_err(failed)?
        };
        sizes.insert(path.to_string(), written as usize);
    }
    if size > GZIP_OVER {
        let bytes = gz.finish().map_err(failed)?;
        let gz_path = gzipped(path);
        sizes.insert(gz_path.clone(), bytes.len());
        sink.accept(Output::Bytes {
            path: gz_path,
            bytes,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Read;

    use super::{GZIP_OVER, export};
    use crate::output::{Memory, Output};

    /// `n` bytes of JSON-like text.
    fn text(n: usize) -> Vec<u8> {
        (0..n).map(|i| b"{\"slug\":\"a\"},\n"[i % 13]).collect()
    }

    fn files(uncompressed: bool, len: usize) -> BTreeMap<String, Vec<u8>> {
        let memory = Memory::default();
        let mut sizes = BTreeMap::new();
        let content = text(len);
        export(&memory, "data/x.json", uncompressed, &mut sizes, &|to| {
            to.write_all(&content)
        })
        .expect("written");
        let files: BTreeMap<String, Vec<u8>> = memory
            .into_outputs()
            .into_iter()
            .filter_map(|o| match o {
                Output::Bytes { path, bytes } => Some((path, bytes)),
                Output::Copy { .. } => None,
            })
            .collect();
        let listed: BTreeMap<String, usize> =
            files.iter().map(|(p, b)| (p.clone(), b.len())).collect();
        assert_eq!(sizes, listed, "the data page lists what was written");
        files
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("valid gzip");
        out
    }

    #[test]
    fn large_exports_are_gzipped_deterministically_and_equal() {
        let len = GZIP_OVER as usize + 10;
        let both = files(true, len);
        assert_eq!(
            both.keys().collect::<Vec<_>>(),
            ["data/x.json", "data/x.json.gz"]
        );
        let gz = &both["data/x.json.gz"];
        assert_eq!(gunzip(gz), both["data/x.json"], "the same content");
        // No name, mtime 0, OS unknown: the header is fixed, and so are the bytes.
        assert_eq!(&gz[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
        assert_eq!(files(true, len), both, "byte-identical on a second build");
        // Without the uncompressed copy, the .gz alone, identical.
        let only = files(false, len);
        assert_eq!(only.keys().collect::<Vec<_>>(), ["data/x.json.gz"]);
        assert_eq!(&only["data/x.json.gz"], gz);
    }

    #[test]
    fn small_exports_stay_uncompressed_only() {
        for uncompressed in [true, false] {
            let small = files(uncompressed, 1000);
            assert_eq!(small.keys().collect::<Vec<_>>(), ["data/x.json"]);
            assert_eq!(small["data/x.json"], text(1000));
        }
    }
}
