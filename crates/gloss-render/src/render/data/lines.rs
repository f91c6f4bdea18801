//! JSON with one record per line: compact inside a record, a line break between records.
//! Pretty-printing indented every field of every record and made `briefs.json` 74% larger
//! (43 MB against 25 MB at 10,000 briefs); a record per line keeps the file readable, easy
//! to `grep` and to diff, and about as small as compact JSON.

use std::io;

use serde_json::ser::Formatter;

/// Breaks lines between the values of containers down to depth `records` (1 for a
/// top-level array of records, 2 for an object of arrays of records).
pub struct Records {
    records: usize,
    depth: usize,
    has_value: bool,
}

impl Records {
    /// Records sit at depth `records`.
    pub fn new(records: usize) -> Records {
        Records {
            records,
            depth: 0,
            has_value: false,
        }
    }

    /// Before a value or key: the comma, then a line break at a record's depth or above.
    fn before<W: ?Sized + io::Write>(&mut self, to: &mut W, first: bool) -> io::Result<()> {
        if !first {
            to.write_all(b",")?;
        }
        if self.depth <= self.records {
            self.indent(to, self.depth)?;
        }
        Ok(())
    }

    fn indent<W: ?Sized + io::Write>(&self, to: &mut W, depth: usize) -> io::Result<()> {
        to.write_all(b"\n")?;
        for _ in 0..depth {
            to.write_all(b"  ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + io::Write>(&mut self, to: &mut W, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        to.write_all(open)
    }

    fn end<W: ?Sized + io::Write>(&mut self, to: &mut W, close: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value && self.depth < self.records {
            self.indent(to, self.depth)?;
        }
        to.write_all(close)
    }
}

impl Formatter for Records {
    fn begin_array<W: ?Sized + io::Write>(&mut self, to: &mut W) -> io::Result<()> {
        self.begin(to, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, to: &mut W) -> io::Result<()> {
        self.end(to, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        to: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.before(to, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, to: &mut W) -> io::Result<()> {
        self.begin(to, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, to: &mut W) -> io::Result<()> {
        self.end(to, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        to: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.before(to, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, to: &mut W) -> io::Result<()> {
        to.write_all(if self.depth < self.records {
            b": "
        } else {
            b":"
        })
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    /// Text with `<` written as `\u003c`: the same JSON value, but a file that is safe to
    /// paste into a `<script>` and in which no editor's `<script>` appears as markup.
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        to: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find('<') {
            to.write_all(&rest.as_bytes()[..at])?;
            to.write_all(b"\\u003c")?;
            rest = &rest[at + 1..];
        }
        to.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(value: &serde_json::Value, records: usize) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Records::new(records));
        serde::Serialize::serialize(value, &mut ser).unwrap_or_default();
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn each_record_is_one_line() {
        let briefs =
            serde_json::json!([{"slug": "a", "tags": ["x", "y"]}, {"slug": "b", "tags": []}]);
        assert_eq!(
            lines(&briefs, 1),
            "[\n  {\"slug\":\"a\",\"tags\":[\"x\",\"y\"]},\n  {\"slug\":\"b\",\"tags\":[]}\n]"
        );
        let entities = serde_json::json!({"actors": [{"slug": "kh"}], "locations": []});
        assert_eq!(
            lines(&entities, 2),
            "{\n  \"actors\": [\n    {\"slug\":\"kh\"}\n  ],\n  \"locations\": []\n}"
        );
        assert_eq!(lines(&serde_json::json!([]), 1), "[]");
        let html = serde_json::json!([{"s": "a <script>b</script>"}]);
        let written = lines(&html, 1);
        assert!(!written.contains('<'), "{written}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&written).ok(),
            Some(html)
        );
        for (value, records) in [(briefs, 1), (entities, 2)] {
            let back: serde_json::Value =
                serde_json::from_str(&lines(&value, records)).unwrap_or_default();
            assert_eq!(back, value, "the same data");
        }
    }
}
