//! Just enough XML writing for Atom and sitemaps: escaped text and attributes, built as a
//! string. Feeds are small and their shape fixed, so a writer library would add more than it
//! saves; what matters is that no editor's text can break the document.

/// Text safe inside an element or a double-quoted attribute. Characters XML 1.0 forbids
/// (most C0 controls, U+FFFE and U+FFFF) are dropped, since no escape can represent them;
/// content never brings them this far (load removes or replaces them with a warning).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`. Most text (slugs, URLs, names) needs no escape and is
/// copied whole.
fn escape_into(out: &mut String, text: &str) {
    let special = |b: u8| {
        matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') || (b < b' ' && !b"\t\n\r".contains(&b))
    };
    if !text.bytes().any(special) && !text.contains(['\u{FFFE}', '\u{FFFF}']) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// An XML document under construction, one element per line, indented by depth.
pub struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    /// Starts a document with the XML declaration.
    pub fn document() -> Xml {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            depth: 0,
        }
    }

    /// Elements with no XML declaration, to be put into documents with [`Xml::raw`].
    pub fn fragment() -> Xml {
        Xml {
            out: String::new(),
            depth: 0,
        }
    }

    /// Puts `fragment` (a finished [`Xml::fragment`] of one line) at the current depth: a
    /// part many documents repeat is escaped once.
    pub fn raw(&mut self, fragment: &str) -> &mut Xml {
        self.indent();
        self.out.push_str(fragment);
        self
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }

    /// Opens an element whose children follow.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
        self
    }

    /// Closes the element opened last with this name.
    pub fn close(&mut self, name: &str) -> &mut Xml {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    /// An element holding only text.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Xml {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    /// An element with attributes and no content.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
        self
    }

    /// The finished document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_cannot_escape() {
        assert_eq!(
            escape("Kata'ib <b> & \"x\"\u{0}\u{1b}"),
            "Kata&apos;ib &lt;b&gt; &amp; &quot;x&quot;"
        );
    }

    #[test]
    fn fragments_go_in_at_the_depth_they_are_put() {
        let mut line = Xml::fragment();
        line.empty("category", &[("label", "A & B")]);
        let line = line.finish();
        assert_eq!(line, "<category label=\"A &amp; B\"/>\n");
        let mut xml = Xml::fragment();
        xml.open("entry", &[]).raw(&line).close("entry");
        assert_eq!(
            xml.finish(),
            "<entry>\n  <category label=\"A &amp; B\"/>\n</entry>\n"
        );
    }

    #[test]
    fn documents_nest() {
        let mut xml = Xml::document();
        xml.open("a", &[("href", "x&y")])
            .text("b", &[], "1 < 2")
            .empty("c", &[("d", "\"")])
            .close("a");
        assert_eq!(
            xml.finish(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a href=\"x&amp;y\">\n  <b>1 &lt; 2</b>\n  <c d=\"&quot;\"/>\n</a>\n"
        );
    }
}
