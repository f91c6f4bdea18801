//! TEMPORARY: replaced by the annotation engine's ingestion.
pub struct ArticleRules;
pub struct PatternError {
    pub credits: bool,
    pub index: usize,
    pub message: String,
}
impl ArticleRules {
    pub fn new(_d: &[String], _c: &[String]) -> Result<Self, PatternError> {
        Ok(ArticleRules)
    }
}
pub struct Paragraph {
    pub text: String,
    pub line: usize,
}
pub struct Ingested {
    pub paragraphs: Vec<Paragraph>,
    pub credits: Vec<String>,
}
pub fn ingest(text: &str, _rules: &ArticleRules) -> Ingested {
    Ingested {
        paragraphs: text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| Paragraph {
                text: l.trim().into(),
                line: i + 1,
            })
            .collect(),
        credits: vec![],
    }
}
