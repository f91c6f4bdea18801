//! Just enough XML writing for Atom and sitemaps: escaped text and attributes, built as a
//! string. Feeds are small and their shape fixed, so a writer library would add more than it
//! saves; what matters is that no editor's text can break the document.

use std::fmt::Write as _;

/// Text safe inside an element or a double-quoted attribute. Characters XML 1.0 forbids
/// (most C0 controls) are dropped, since no escape can represent them.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() && c < ' ' => {}
            c => out.push(c),
        }
    }
    out
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

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let indent = "  ".repeat(self.depth);
        let _ = write!(self.out, "{indent}<{name}");
        for (key, value) in attrs {
            let _ = write!(self.out, " {key}=\"{}\"", escape(value));
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
        let indent = "  ".repeat(self.depth);
        let _ = writeln!(self.out, "{indent}</{name}>");
        self
    }

    /// An element holding only text.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Xml {
        self.start_tag(name, attrs);
        let _ = writeln!(self.out, ">{}</{name}>", escape(text));
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
