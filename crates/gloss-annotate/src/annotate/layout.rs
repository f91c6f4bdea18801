//! The layout of a markdown article: the inline text of each block and the events it
//! came from.
//!
//! Annotation works on text, but markdown arrives as events where one sentence may be
//! spread over text, emphasis and link events. This walk gathers each block's visible
//! text into one string (for note anchoring and sentences) while remembering which runs
//! of events hold which bytes (so annotated runs can be replaced), and which runs are
//! off limits to mentions.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// The inline text of one block, as a reader sees it, and where it came from.
pub(crate) struct Block {
    /// Text of the block: text and code contents, line breaks as `\n`.
    pub(crate) text: String,
    /// Runs of text events that may be replaced.
    pub(crate) segments: Vec<Segment>,
    /// The `p-N` number for mentions in it (see [`crate::annotate::FoundMention`]).
    pub(crate) paragraph: usize,
    /// Which top-level block (counting from 1) it belongs to, for asides.
    pub(crate) top: usize,
}

/// Consecutive `Text`/`SoftBreak` events, or one `Code` event.
pub(crate) struct Segment {
    pub(crate) events: Range<usize>,
    pub(crate) text: Range<usize>,
    pub(crate) code: bool,
    /// Mentions may be linked here (not in a link, image or raw inline HTML).
    pub(crate) linkable: bool,
    /// Inside a link: note references must wait until after it.
    pub(crate) in_link: bool,
}

/// The inline text of every block of an article.
pub(crate) struct Layout {
    pub(crate) blocks: Vec<Block>,
    pub(crate) paragraphs: usize,
}

/// Where the layout walk is.
#[derive(Default)]
struct Walk {
    /// Inside a heading, code block, HTML block or metadata block: hands off.
    frozen: usize,
    depth: usize,
    top: usize,
    paragraphs: usize,
    paragraph: Option<usize>,
    links: usize,
    images: usize,
    raw_html: usize,
    current: Option<Block>,
}

impl Layout {
    /// Collects the inline text of every block of `events`.
    pub(crate) fn of(events: &[Event<'_>]) -> Layout {
        let mut walk = Walk::default();
        let mut blocks = Vec::new();
        for (index, event) in events.iter().enumerate() {
            walk.step(index, event, &mut blocks);
        }
        walk.close(&mut blocks);
        Layout {
            blocks,
            paragraphs: walk.paragraphs,
        }
    }
}

impl Walk {
    fn step(&mut self, index: usize, event: &Event<'_>, blocks: &mut Vec<Block>) {
        match event {
            Event::Start(tag) => {
                if self.depth == 0 {
                    self.top += 1;
                }
                self.depth += 1;
                if self.frozen > 0 || freezes(tag) {
                    self.frozen += usize::from(freezes(tag));
                    self.close(blocks);
                    return;
                }
                match tag {
                    Tag::Paragraph => {
                        self.close(blocks);
                        self.paragraphs += 1;
                        self.paragraph = Some(self.paragraphs);
                    }
                    Tag::Link { .. } => self.links += 1,
                    Tag::Image { .. } => self.images += 1,
                    tag if is_inline(tag) => {}
                    _ => self.close(blocks),
                }
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                if self.frozen > 0 {
                    self.frozen -= usize::from(unfreezes(*tag));
                    return;
                }
                match tag {
                    TagEnd::Paragraph => {
                        self.close(blocks);
                        self.paragraph = None;
                    }
                    TagEnd::Link => self.links = self.links.saturating_sub(1),
                    TagEnd::Image => self.images = self.images.saturating_sub(1),
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Superscript
                    | TagEnd::Subscript => {}
                    _ => self.close(blocks),
                }
            }
            _ if self.frozen > 0 => {}
            Event::Text(text) => self.text(index, text, false),
            Event::SoftBreak => self.text(index, "\n", false),
            Event::Code(text) => self.text(index, text, true),
            Event::HardBreak => {
                if self.images == 0 {
                    self.block().text.push('\n');
                }
            }
            Event::InlineHtml(html) => {
                self.raw_html = self.raw_html.saturating_add_signed(raw_depth_change(html));
            }
            Event::Html(_) | Event::Rule => self.close(blocks),
            Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => {}
        }
    }

    /// Adds a text, soft break or code event to the current block.
    fn text(&mut self, index: usize, text: &str, code: bool) {
        if self.images > 0 {
            return;
        }
        let linkable = !code && self.links == 0 && self.raw_html == 0;
        let in_link = self.links > 0;
        let block = self.block();
        let start = block.text.len();
        block.text.push_str(text);
        let end = block.text.len();
        if let Some(last) = block.segments.last_mut() {
            let joins = !code
                && !last.code
                && last.events.end == index
                && last.linkable == linkable
                && last.in_link == in_link;
            if joins {
                last.events.end = index + 1;
                last.text.end = end;
                return;
            }
        }
        block.segments.push(Segment {
            events: index..index + 1,
            text: start..end,
            code,
            linkable,
            in_link,
        });
    }

    /// The block being collected, opened if needed.
    fn block(&mut self) -> &mut Block {
        let paragraph = self.paragraph.unwrap_or(self.paragraphs);
        let top = self.top;
        self.current.get_or_insert_with(|| Block {
            text: String::new(),
            segments: Vec::new(),
            paragraph,
            top,
        })
    }

    /// Ends the current block (inline state does not cross blocks).
    fn close(&mut self, blocks: &mut Vec<Block>) {
        if let Some(block) = self.current.take() {
            if !block.segments.is_empty() {
                blocks.push(block);
            }
        }
        self.links = 0;
        self.images = 0;
        self.raw_html = 0;
    }
}

/// Blocks whose text is never annotated.
fn freezes(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)
    )
}

/// The ends of [`freezes`] blocks.
fn unfreezes(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)
    )
}

/// Inline tags other than links and images (which are tracked separately).
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript
    )
}

/// How a raw inline HTML tag changes the nesting of raw elements: +1 for an opening tag
/// of a non-void element, -1 for a closing tag, 0 for anything else (comments,
/// self-closing and void tags).
fn raw_depth_change(html: &str) -> isize {
    let html = html.trim();
    if html.starts_with("</") {
        return -1;
    }
    let Some(rest) = html.strip_prefix('<') else {
        return 0;
    };
    if html.ends_with("/>") {
        return 0;
    }
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    if name.is_empty() || VOID.contains(&name.as_str()) {
        0
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    #[test]
    fn blocks_runs_and_flags() {
        let events: Vec<Event<'_>> =
            Parser::new("# Title\n\nOne *two*\nthree [four](/f) `five`\n\n- six").collect();
        let layout = Layout::of(&events);
        assert_eq!(layout.paragraphs, 1);
        let texts: Vec<&str> = layout.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["One two\nthree four five", "six"]);
        let first = &layout.blocks[0];
        let runs: Vec<(&str, bool, bool, bool)> = first
            .segments
            .iter()
            .map(|s| (&first.text[s.text.clone()], s.code, s.linkable, s.in_link))
            .collect();
        assert_eq!(
            runs,
            vec![
                ("One ", false, true, false),
                ("two", false, true, false),
                ("\nthree ", false, true, false),
                ("four", false, false, true),
                (" ", false, true, false),
                ("five", true, false, false),
            ]
        );
        assert_eq!((first.paragraph, first.top), (1, 2));
        assert_eq!((layout.blocks[1].paragraph, layout.blocks[1].top), (1, 3));
    }

    #[test]
    fn raw_depth() {
        assert_eq!(raw_depth_change("<span class=x>"), 1);
        assert_eq!(raw_depth_change("</span>"), -1);
        assert_eq!(raw_depth_change("<br>"), 0);
        assert_eq!(raw_depth_change("<img src=x />"), 0);
        assert_eq!(raw_depth_change("<!-- c -->"), 0);
    }
}
