//! TEMPORARY: replaced by the annotation engine.
pub mod site;
use pulldown_cmark::Event;
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct EntityId(pub u32);
pub struct Surface {
    pub entity: EntityId,
    pub text: String,
    pub short: bool,
}
pub struct EntityLink {
    pub kind: &'static str,
    pub slug: String,
    pub href: String,
}
pub enum LinkMode {
    First,
    All,
}
pub struct Matcher {
    ambiguous: Vec<(String, Vec<EntityId>)>,
}
impl Matcher {
    pub fn new(_s: Vec<Surface>) -> Matcher {
        Matcher { ambiguous: vec![] }
    }
    pub fn ambiguous(&self) -> &[(String, Vec<EntityId>)] {
        &self.ambiguous
    }
}
pub struct NoteSpec {
    pub quote: String,
    pub html: String,
    pub line: usize,
}
pub struct NoteError {
    pub line: usize,
    pub kind: NoteErrorKind,
}
pub enum NoteErrorKind {
    NotFound { closest: String },
    Ambiguous { count: usize },
}
pub struct FoundMention {
    pub entity: EntityId,
    pub paragraph: usize,
    pub sentence: String,
    pub range: std::ops::Range<usize>,
}
pub struct Report {
    pub mentions: Vec<FoundMention>,
    pub paragraphs: usize,
}
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
pub fn annotate_plain(
    paragraphs: &[String],
    _m: &Matcher,
    _n: &[NoteSpec],
    _l: &dyn Fn(EntityId) -> EntityLink,
    _mode: LinkMode,
) -> Result<(String, Report), Vec<NoteError>> {
    let html = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| format!("<p id=\"p-{}\">{}</p>\n", i + 1, esc(p)))
        .collect();
    Ok((
        html,
        Report {
            mentions: vec![],
            paragraphs: paragraphs.len(),
        },
    ))
}
pub fn annotate_markdown<'a>(
    events: Vec<Event<'a>>,
    _m: &Matcher,
    _n: &[NoteSpec],
    _l: &dyn Fn(EntityId) -> EntityLink,
    _mode: LinkMode,
) -> Result<(Vec<Event<'a>>, Report), Vec<NoteError>> {
    Ok((
        events,
        Report {
            mentions: vec![],
            paragraphs: 0,
        },
    ))
}
pub struct NoteSource {
    pub quote: String,
    pub markdown: String,
    pub line: usize,
}
pub struct NoteSyntaxError {
    pub line: usize,
    pub message: String,
}
pub fn split_notes(
    body: &str,
    _first_line: usize,
) -> Result<(String, Vec<NoteSource>), NoteSyntaxError> {
    Ok((body.to_string(), vec![]))
}
