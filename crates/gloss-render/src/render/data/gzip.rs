//! Large exports also as `.gz` (issue 26): a 100,000-brief archive's data files reach
//! hundreds of megabytes, a large share of a host's 1 GB, and JSON compresses about tenfold.
//! The gzip stream is deterministic (no file name, modification time 0, "unknown" OS), so
//! an unchanged site gives byte-identical files. `[publish] uncompressed_exports` decides
//! which large files also keep their uncompressed copy (by default those up to 10 MB).

use std::io::{self, Write};

use flate2::Compression;
use flate2::GzBuilder;
use flate2::write::GzEncoder;

use crate::config::{AUTO_UNCOMPRESSED_MAX, UncompressedExports};
use crate::diagnostics::Diagnostic;
use crate::output::{Output, Sink};
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

/// What was written of one export, for the data page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exported {
    /// The export's size in bytes, uncompressed.
    pub size: u64,
    /// Whether the uncompressed copy was written (always, for a file of 1 MB or less).
    pub plain: bool,
    /// The size of the `.gz` copy, for a file over [`GZIP_OVER`].
    pub gzip: Option<u64>,
}

/// Bytes kept in memory up to `cap`; past it only counted, so a large export is not held
/// whole to learn that it is large.
struct Capped {
    bytes: Option<Vec<u8>>,
    cap: u64,
    count: u64,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.count += buf.len() as u64;
        if self.count > self.cap {
            self.bytes = None;
        } else if let Some(bytes) = &mut self.bytes {
            bytes.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes the export at `path` (made by `write`) into `sink`: uncompressed when it is small
/// or `policy` keeps its size, and as `path.gz` too when it is larger than [`GZIP_OVER`].
/// Under [`UncompressedExports::Always`] the file streams to the sink; otherwise it is held
/// in memory only up to the largest size the policy writes uncompressed.
pub fn export(
    sink: &dyn Sink,
    path: &str,
    policy: UncompressedExports,
    write: &dyn Fn(&mut dyn Write) -> io::Result<()>,
) -> Result<Exported, Diagnostic> {
    let failed = |e: io::Error| Diagnostic::file_error(path, format!("cannot write {path}: {e}"));
    let mut gz = encoder();
    let (size, plain) = if policy == UncompressedExports::Always {
        let size = sink
            .accept_written(path, &mut |to| write(&mut Tee(to, &mut gz)))
            .map_err(failed)?;
        (size, true)
    } else {
        let cap = match policy {
            UncompressedExports::Auto => AUTO_UNCOMPRESSED_MAX.max(GZIP_OVER),
            _ => GZIP_OVER,
        };
        let mut held = Capped {
            bytes: Some(Vec::new()),
            cap,
            count: 0,
        };
        write(&mut Tee(&mut held, &mut gz)).map_err(failed)?;
        let size = held.count;
        let kept = held
            .bytes
            .filter(|_| size <= GZIP_OVER || policy.keeps(size));
        let plain = kept.is_some();
        if let Some(bytes) = kept {
            sink.accept(Output::Bytes {
                path: path.to_string(),
                bytes,
            });
        }
        (size, plain)
    };
    let gzip = if size > GZIP_OVER {
        let bytes = gz.finish().map_err(failed)?;
        let len = bytes.len() as u64;
        sink.accept(Output::Bytes {
            path: gzipped(path),
            bytes,
        });
        Some(len)
    } else {
        None
    };
    Ok(Exported { size, plain, gzip })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Read;

    use super::{Exported, GZIP_OVER, export};
    use crate::config::{AUTO_UNCOMPRESSED_MAX, UncompressedExports};
    use crate::output::{Memory, Output};

    /// `n` bytes of JSON-like text.
    fn text(n: u64) -> Vec<u8> {
        (0..n)
            .map(|i| b"{\"slug\":\"a\"},\n"[(i % 13) as usize])
            .collect()
    }

    /// The files written for an export of `len` bytes, and what `export` said of them.
    fn files(policy: UncompressedExports, len: u64) -> (BTreeMap<String, Vec<u8>>, Exported) {
        let memory = Memory::default();
        let content = text(len);
        let exported =
            export(&memory, "data/x.json", policy, &|to| to.write_all(&content)).expect("written");
        let files: BTreeMap<String, Vec<u8>> = memory
            .into_outputs()
            .into_iter()
            .filter_map(|o| match o {
                Output::Bytes { path, bytes } => Some((path, bytes)),
                Output::Copy { .. } => None,
            })
            .collect();
        assert_eq!(exported.size, len);
        assert_eq!(exported.plain, files.contains_key("data/x.json"));
        let gz = files.get("data/x.json.gz").map(|b| b.len() as u64);
        assert_eq!(exported.gzip, gz, "the data page lists what was written");
        (files, exported)
    }

    fn names(files: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
        files.keys().map(String::as_str).collect()
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
        let len = GZIP_OVER + 10;
        let (both, _) = files(UncompressedExports::Always, len);
        assert_eq!(names(&both), ["data/x.json", "data/x.json.gz"]);
        let gz = &both["data/x.json.gz"];
        assert_eq!(gunzip(gz), both["data/x.json"], "the same content");
        // No name, mtime 0, OS unknown: the header is fixed, and so are the bytes.
        assert_eq!(&gz[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
        assert_eq!(files(UncompressedExports::Always, len).0, both);
        // Auto keeps both at this size, byte-identical to streaming them.
        assert_eq!(files(UncompressedExports::Auto, len).0, both);
        // Without the uncompressed copy, the .gz alone, identical.
        let (only, _) = files(UncompressedExports::Never, len);
        assert_eq!(names(&only), ["data/x.json.gz"]);
        assert_eq!(&only["data/x.json.gz"], gz);
    }

    #[test]
    fn auto_leaves_out_the_uncompressed_copy_past_ten_megabytes() {
        let (kept, _) = files(UncompressedExports::Auto, AUTO_UNCOMPRESSED_MAX);
        assert_eq!(names(&kept), ["data/x.json", "data/x.json.gz"]);
        let (only, exported) = files(UncompressedExports::Auto, AUTO_UNCOMPRESSED_MAX + 1);
        assert_eq!(names(&only), ["data/x.json.gz"]);
        assert!(!exported.plain);
        assert_eq!(
            gunzip(&only["data/x.json.gz"]),
            text(AUTO_UNCOMPRESSED_MAX + 1)
        );
    }

    #[test]
    fn small_exports_stay_uncompressed_only() {
        use UncompressedExports::*;
        for policy in [Always, Auto, Never] {
            let (small, _) = files(policy, 1000);
            assert_eq!(names(&small), ["data/x.json"]);
            assert_eq!(small["data/x.json"], text(1000));
        }
    }
}
