//! One error type for the whole pipeline: every problem an editor can cause is reported with
//! the file, the line and column in that whole file, what is wrong and what to do about it.
//! Stages collect diagnostics instead of stopping at the first, so one build shows them all.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

mod suggest;

pub use suggest::{nearest, suggest};

/// Whether a diagnostic fails the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build; nothing is written.
    Error,
    /// Reported (by `gloss check` and `build`), but the site is still written.
    Warning,
}

/// A problem found in the site's input, pinned to a place an editor can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line in the whole file (0 when the problem is the file as a whole).
    pub line: usize,
    /// 1-based column in characters (0 when unknown).
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, such as the nearest existing slug.
    pub hint: Option<String>,
    /// The offending source line and the width of the part to underline. Boxed to keep
    /// `Result<_, Diagnostic>` small on the success path (clippy's `result_large_err`).
    pub snippet: Option<Box<(String, usize)>>,
    /// A stable machine name for the kind of problem (`unknown-key`, `unlinked-name`…), for
    /// `gloss check --format json`; empty when the kind has no name of its own yet.
    pub code: &'static str,
}

impl Diagnostic {
    /// An error about a whole file (no line), e.g. one that cannot be read.
    pub fn file_error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            snippet: None,
            code: "",
        }
    }

    /// A diagnostic at a line and column with the source line to show under it, for
    /// problems found outside the TOML parser (note quotes, article text).
    pub fn at(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        snippet: Option<(String, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            line,
            column,
            snippet: snippet.map(Box::new),
            ..Diagnostic::file_error(file, message)
        }
    }

    /// Names the kind of problem for machine-readable output.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// The code shown in JSON output: the diagnostic's own, or its severity.
    pub fn code_or_default(&self) -> &'static str {
        match (self.code, self.severity) {
            ("", Severity::Error) => "error",
            ("", Severity::Warning) => "warning",
            (code, _) => code,
        }
    }

    /// Adds the "what to do" line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Turns the diagnostic into a warning, which does not fail the build.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Is this an error (as opposed to a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (Severity, &Path, usize, usize, &str) {
        (
            self.severity,
            &self.file,
            self.line,
            self.column,
            &self.message,
        )
    }
}

impl Diagnostic {
    /// The rustc-style text: `error: message`, `--> file:line:col`, the source line with a
    /// caret under the span, and `help:` on its own line. `colour` adds ANSI colours (only
    /// for a terminal; the caller checks `NO_COLOR`).
    pub fn render(&self, colour: bool) -> String {
        let paint = |code: &str, text: &str| {
            if colour {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let (label, code) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        // A message that already starts with the label (a Tera error's text) is not
        // labelled twice.
        let message = self.message.trim();
        let message = message
            .strip_prefix(&format!("{label}: "))
            .or_else(|| message.strip_prefix("Error: "))
            .unwrap_or(message);
        let mut out = format!("{}{} {message}\n", paint(code, label), paint("1", ":"));
        let file = self.file.display();
        let arrow = paint("1;34", "-->");
        match (self.line, self.column) {
            (0, _) => out.push_str(&format!("  {arrow} {file}\n")),
            (line, 0) => out.push_str(&format!("  {arrow} {file}:{line}\n")),
            (line, column) => out.push_str(&format!("  {arrow} {file}:{line}:{column}\n")),
        }
        if let Some((text, width)) = self.snippet.as_deref() {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let bar = paint("1;34", "|");
            out.push_str(&format!("{pad} {bar}\n"));
            let (text, at, width) = fit_snippet(text, self.column.saturating_sub(1), *width);
            out.push_str(&format!("{} {bar} {text}\n", paint("1;34", &number)));
            let indent = " ".repeat(at);
            let carets = "^".repeat(width.max(1));
            out.push_str(&format!("{pad} {bar} {indent}{}\n", paint(code, &carets)));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("  = {}: {hint}\n", paint("1", "help")));
        }
        out
    }

    /// One line of JSON with the documented fields of `gloss check --format json`
    /// (docs/check-json.md), in that order. An error only if serde_json fails, which the
    /// caller says rather than printing an empty line.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            severity: &'a str,
            code: &'a str,
            file: String,
            line: usize,
            column: usize,
            message: &'a str,
            help: Option<&'a str>,
        }
        let json = Json {
            severity: match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: self.code_or_default(),
            file: self.file.display().to_string().replace('\\', "/"),
            line: self.line,
            column: self.column,
            message: &self.message,
            help: self.hint.as_deref(),
        };
        serde_json::to_string(&json)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Should diagnostics on this stream be coloured? Only on a terminal, and never when
/// `NO_COLOR` is set (to anything non-empty, as no-color.org says).
pub fn use_colour(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// "1 brief", "2 briefs": a count with its noun in the right number.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// All the diagnostics of one run, kept sorted so output is stable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds many.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(diagnostics);
    }

    /// Does any diagnostic fail the build?
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// How many warnings there are.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// How many errors (not warnings) there are.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// The diagnostics, errors first, then by file and position.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self.0
    }

    /// Borrows the diagnostics in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Is there nothing to report?
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` unless an error was collected.
    pub fn into_result<T>(self, value: T) -> Result<(T, Diagnostics), Diagnostics> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok((value, self))
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.clone().sorted() {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// The text of one input file, kept so that byte offsets found while parsing can be turned
/// into line, column and a snippet of the whole file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the site root, as shown to the editor.
    pub path: PathBuf,
    /// The whole file.
    pub text: String,
}

impl SourceFile {
    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    /// The 1-based line number where a byte offset falls.
    pub fn line_of(&self, offset: usize) -> usize {
        self.position(offset).0
    }

    /// An error about the bytes in `range` of this file.
    pub fn error(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(range.start);
        let line_text = self.text.lines().nth(line - 1).unwrap_or("").trim_end();
        let end = range.end.min(self.text.len()).max(range.start);
        let width = self
            .text
            .get(range.start..end)
            .map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        Diagnostic {
            severity: Severity::Error,
            file: self.path.clone(),
            line,
            column,
            message: message.into(),
            hint: None,
            snippet: Some(Box::new((line_text.to_string(), width))),
            code: "",
        }
    }

    /// An error about one whole line (1-based) of this file.
    pub fn error_at_line(&self, line: usize, message: impl Into<String>) -> Diagnostic {
        let start = self
            .text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let len = self.text[start..].lines().next().map_or(0, str::len);
        self.error(start..start + len, message)
    }
}

/// Columns of source line a snippet shows at most; a longer line (a pasted paragraph is
/// one line) is cut around the caret.
pub const SNIPPET_COLUMNS: usize = 80;

/// A snippet line cut to about [`SNIPPET_COLUMNS`] around the span that starts `at`
/// characters in and is `width` characters wide, with `…` where text was cut: the shown
/// text, where the caret goes in it and how many carets (a long span is cut too).
pub fn fit_snippet(text: &str, at: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= SNIPPET_COLUMNS {
        return (text.to_string(), at, width);
    }
    let at = at.min(chars.len());
    let width = width.clamp(1, SNIPPET_COLUMNS / 2);
    // About a third of the room before the span, the rest for it and what follows.
    let start = at.saturating_sub(SNIPPET_COLUMNS / 3);
    let end = (start + SNIPPET_COLUMNS).min(chars.len());
    let start = end.saturating_sub(SNIPPET_COLUMNS).min(start);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    let caret = at - start + usize::from(start > 0);
    (shown, caret, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: "x.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let file = source("ab\nçd ef\n");
        assert_eq!(file.position(0), (1, 1));
        assert_eq!(file.position(3), (2, 1));
        assert_eq!(file.position(7), (2, 4));
    }

    #[test]
    fn renders_snippet_and_hint() {
        let file = source("+++\nactors = [\"kh\"]\n+++\n");
        let text = file
            .error(15..19, "unknown actor")
            .with_hint("did you mean `k`?")
            .to_string();
        assert!(text.contains("x.md:2:12"), "{text}");
        assert!(text.contains("^^^^"), "{text}");
        assert!(text.contains("help: did you mean"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_column() {
        let line = format!("aliases = [\"{}\", \"x\"]", "a".repeat(10_000));
        let file = source(&format!("+++\n{line}\n+++\n"));
        let text = file.error(4 + 11..4 + 10_013, "too long").to_string();
        assert!(text.lines().all(|l| l.chars().count() < 130), "{text}");
        assert!(text.contains("x.md:2:12"), "{text}");
        let at = line.find("\"x\"").unwrap_or(0);
        let text = file.error(4 + at..4 + at + 3, "here").to_string();
        let shown: Vec<&str> = text.lines().collect();
        let (code, carets) = (shown[3], shown[4]);
        let caret = carets.find('^').unwrap_or(0);
        assert!(code.starts_with("2 | …"), "{text}");
        let under: String = code.chars().skip(caret).take(3).collect();
        assert_eq!(under, "\"x\"", "{text}");
    }

    #[test]
    fn colour_only_when_asked_and_one_label() {
        let d = Diagnostic::file_error("templates/", "error: Failed to render 'page.html'")
            .with_hint("fix it");
        let plain = d.render(false);
        assert!(plain.starts_with("error: Failed to render"), "{plain}");
        assert!(
            !plain.contains("error: error:") && !plain.contains('\x1b'),
            "{plain}"
        );
        assert!(plain.contains("\n  = help: fix it\n"), "{plain}");
        let coloured = d.render(true);
        assert!(coloured.contains("\x1b[1;31merror\x1b[0m"), "{coloured}");
    }

    #[test]
    fn json_has_the_documented_fields_in_order() {
        let d = Diagnostic::file_error("a.md", "bad").warning();
        assert_eq!(
            d.to_json().ok().as_deref(),
            Some(
                r#"{"severity":"warning","code":"warning","file":"a.md","line":0,"column":0,"message":"bad","help":null}"#
            )
        );
        assert_eq!(plural(1, "brief"), "1 brief");
        assert_eq!(plural(0, "warning"), "0 warnings");
    }

    #[test]
    fn long_snippets_are_cut_around_the_caret() {
        let line = format!("{}Kestrel Line{}", "word ".repeat(60), " more".repeat(60));
        let d = Diagnostic::at("a.txt", 3, 301, Some((line, 12)), "x");
        let text = d.render(false);
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines[3].split_once("| ").map_or("", |p| p.1);
        let carets = lines[4].split_once("| ").map_or("", |p| p.1);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{text}");
        assert!(shown.chars().count() <= SNIPPET_COLUMNS + 2, "{text}");
        let caret = carets.find('^').unwrap_or(0);
        let under: String = shown.chars().skip(caret).take(12).collect();
        assert_eq!(under, "Kestrel Line", "{text}");
        assert!(text.contains("a.txt:3:301"), "{text}");
        let short = fit_snippet("short line", 6, 4);
        assert_eq!(short, ("short line".to_string(), 6, 4));
    }
}
