//! The `unlinked-name` warnings of every article, after the ignore lists (`[check]
//! ignore_names` in config.toml and `ignore_names` in a brief), and a warning for each
//! ignore entry that silences nothing, since a misspelt entry would otherwise do nothing
//! without a word.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Files;
use super::lines::Read;
use super::names::{self, Entities, Unlinked, same_name};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, SourceFile, plural};
use crate::model::{Article, Corpus};

/// One article to look at: its file, text, first line in that file and its brief.
struct Text {
    file: PathBuf,
    text: String,
    first_line: usize,
    brief: usize,
}

/// What one article gave: its warnings, and which of its brief's and the site's ignore
/// entries silenced a name.
struct Found {
    warnings: Vec<Diagnostic>,
    brief_used: Vec<bool>,
    site_used: Vec<bool>,
}

/// Every unlinked-name warning of the site, then the unused ignore entries.
pub(super) fn warnings(
    config: &Config,
    corpus: &Corpus,
    files: &mut Files<'_>,
    entities: &Entities,
    plain: &[Read],
) -> Vec<Diagnostic> {
    let plain = plain.iter().map(|read| Text {
        file: read.source.path.clone(),
        text: read.kept_text(),
        first_line: 1,
        brief: read.brief,
    });
    let markdown = corpus.briefs.iter().enumerate().filter_map(|(brief, b)| {
        let Article::Markdown { text, file, line } = &b.article else {
            return None;
        };
        Some(Text {
            file: file.clone(),
            text: text.clone(),
            first_line: *line,
            brief,
        })
    });
    let texts: Vec<Text> = plain.chain(markdown).collect();
    let site = &config.check.ignore_names;
    let found: Vec<(usize, Found)> = texts
        .into_par_iter()
        .map(|t| {
            let own = &corpus.briefs[t.brief].ignore_names;
            (t.brief, article(t, entities, own, site))
        })
        .collect();
    let mut out = Vec::new();
    let mut site_used = vec![false; site.len()];
    let mut brief_used: Vec<Vec<bool>> = corpus
        .briefs
        .iter()
        .map(|b| vec![false; b.ignore_names.len()])
        .collect();
    for (brief, f) in found {
        out.extend(f.warnings);
        mark(&mut site_used, &f.site_used);
        mark(&mut brief_used[brief], &f.brief_used);
    }
    for (b, used) in corpus.briefs.iter().zip(&brief_used) {
        out.extend(unused(
            files,
            &b.file,
            &b.ignore_names,
            used,
            "this brief's article",
        ));
    }
    let config_file = Path::new("config.toml");
    out.extend(unused(files, config_file, site, &site_used, "any article"));
    out
}

fn mark(into: &mut [bool], from: &[bool]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a |= *b;
    }
}

/// A warning at the `ignore_names` key for each entry that silenced nothing in `scope`.
fn unused(
    files: &mut Files<'_>,
    file: &Path,
    names: &[String],
    used: &[bool],
    scope: &str,
) -> Vec<Diagnostic> {
    names
        .iter()
        .zip(used)
        .filter(|(_, used)| !**used)
        .map(|(name, _)| {
            let message = format!(
                "`{name}` in ignore_names is not a name `gloss check` suggests in {scope}"
            );
            files
                .at_key(file, "ignore_names", message)
                .with_hint("remove it, or write the name as the warning showed it (whole names are compared, ignoring case)")
                .with_code("unused-ignore-name")
        })
        .collect()
}

/// The warnings of one article, with the ignore entries it used.
fn article(t: Text, entities: &Entities, own: &[String], site: &[String]) -> Found {
    let mut brief_used = vec![false; own.len()];
    let mut site_used = vec![false; site.len()];
    let mut kept = Vec::new();
    for name in names::candidates(&t.text, entities) {
        let mut silenced = false;
        for (list, used) in [(own, &mut brief_used), (site, &mut site_used)] {
            for (entry, used) in list.iter().zip(used.iter_mut()) {
                if same_name(entry, &name.name) {
                    *used = true;
                    silenced = true;
                }
            }
        }
        if !silenced {
            kept.push(name);
        }
    }
    let source = SourceFile {
        path: t.file,
        text: t.text,
    };
    Found {
        warnings: kept
            .into_iter()
            .map(|name| warning(&source, t.first_line, entities, name))
            .collect(),
        brief_used,
        site_used,
    }
}

/// The warning for one unlinked name (`near-miss` when it nearly matches a known form).
fn warning(
    source: &SourceFile,
    first_line: usize,
    entities: &Entities,
    name: Unlinked,
) -> Diagnostic {
    let range = name.first..name.first + name.name.len();
    let mut d = source
        .error(
            range,
            format!(
                "`{}` appears {} in the article but is not linked to any actor or location",
                name.name,
                plural(name.count, "time")
            ),
        )
        .warning()
        .with_code("unlinked-name");
    d.line += first_line - 1;
    match entities.near_miss(&name.name) {
        Some((known, form)) => d
            .with_hint(format!(
                "it nearly matches `{form}` of {}: add \"{}\" to its aliases",
                known.file.display(),
                name.name
            ))
            .with_code("near-miss"),
        None => d.with_hint(names::hint(&name)),
    }
}
