//! A rebuild's test of whether a streamed file changed, made while it is written: the new
//! bytes go to their temporary and are compared, chunk by chunk, with the file they would
//! replace. Holding both whole to compare them was 500 MB at 100,000 briefs, for
//! `briefs.json` alone.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};

/// A writer into `new` that reads `old` alongside.
pub(super) struct Comparing {
    new: File,
    /// The old file, while every byte so far matched; `None` once one did not (or when
    /// there is no old file).
    old: Option<BufReader<File>>,
    /// The old bytes of the chunk being compared.
    scratch: Vec<u8>,
    /// Bytes written.
    count: u64,
}

impl Comparing {
    /// Writes into `new`, comparing with `old` when there is one.
    pub fn new(new: File, old: Option<File>) -> Comparing {
        Comparing {
            new,
            old: old.map(|file| BufReader::with_capacity(1 << 16, file)),
            scratch: Vec::new(),
            count: 0,
        }
    }

    /// The size of the new file, and whether the old one held exactly its bytes.
    pub fn finish(mut self) -> io::Result<(u64, bool)> {
        self.new.flush()?;
        let same = match &mut self.old {
            // Nothing left of the old file: it was not longer.
            Some(old) => old.read(&mut [0])? == 0,
            None => false,
        };
        Ok((self.count, same))
    }
}

impl Write for Comparing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.new.write(buf)?;
        self.count += n as u64;
        if let Some(old) = &mut self.old {
            self.scratch.resize(n, 0);
            let same = match old.read_exact(&mut self.scratch) {
                Ok(()) => self.scratch[..] == buf[..n],
                // The old file is shorter.
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => false,
                Err(e) => return Err(e),
            };
            if !same {
                self.old = None;
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.new.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `new` in chunks of `chunk` bytes beside an old file holding `old` (if any).
    fn compare(old: Option<&[u8]>, new: &[u8], chunk: usize) -> (u64, bool, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let old = old.map(|bytes| {
            std::fs::write(dir.path().join("old"), bytes).unwrap();
            File::open(dir.path().join("old")).unwrap()
        });
        let mut to = Comparing::new(File::create(dir.path().join("new")).unwrap(), old);
        for piece in new.chunks(chunk.max(1)) {
            to.write_all(piece).unwrap();
        }
        let (size, same) = to.finish().unwrap();
        (size, same, std::fs::read(dir.path().join("new")).unwrap())
    }

    #[test]
    fn the_same_bytes_in_any_chunks_are_the_same() {
        let text = b"{\"a\":1}\n".repeat(20_000);
        for chunk in [1, 7, 4096, 1 << 16, text.len()] {
            assert_eq!(
                compare(Some(&text), &text, chunk),
                (text.len() as u64, true, text.clone())
            );
        }
    }

    #[test]
    fn any_difference_is_a_change_and_the_new_bytes_are_written() {
        let old = b"abcdef".repeat(1000);
        let mut one_byte = old.clone();
        one_byte[3000] = b'X';
        let shorter = &old[..old.len() - 1];
        let longer = [&old[..], b"g"].concat();
        for new in [&one_byte[..], shorter, &longer[..], b""] {
            let (size, same, written) = compare(Some(&old), new, 100);
            assert!(!same, "{} bytes compared equal", new.len());
            assert_eq!((size, written.as_slice()), (new.len() as u64, new));
        }
        assert!(!compare(None, &old, 100).1, "no old file is a change");
        assert!(compare(Some(b""), b"", 1).1, "two empty files are the same");
    }
}
