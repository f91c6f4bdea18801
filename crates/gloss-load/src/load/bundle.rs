//! Brief bundles: each folder's files of a whole load joined into a brief ([`join_bundles`]),
//! and one bundle loaded on its own, for `gloss serve`: after an edit inside
//! `content/briefs/<slug>/` only that folder needs reading again. The folder is read with the
//! same rules as [`super::load_all`]; anything those rules would treat specially (a failed
//! file, a warning, a symbolic link, two articles) is left to a whole load, which reports it
//! exactly as `gloss build` does.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use super::{BriefDocument, Entry, Parsed, classify, is_hidden, misnamed, parse_entry};
use super::{Bundle, Loaded};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Makes a brief of each bundle folder of a whole load: its `index.md`, its one article
/// and its assets. A folder without `index.md`, with two articles or with the slug of a
/// single-file brief is reported; one whose article failed is skipped as a whole.
pub(super) fn join_bundles(
    loaded: &mut Loaded,
    bundles: BTreeMap<String, Bundle>,
    diagnostics: &mut Diagnostics,
) {
    // Single-file briefs by slug, to find one that a bundle also claims: a scan of the
    // list per bundle was quadratic (most of a 52 s load at 100,000 briefs, now 3.4 s).
    let single_files: BTreeMap<String, usize> = loaded
        .briefs
        .iter()
        .enumerate()
        .map(|(i, b)| (b.document.slug.to_string(), i))
        .collect();
    for (slug, bundle) in bundles {
        let folder = format!("content/briefs/{slug}/");
        if bundle.article_failed {
            // Its article's error is reported; without the article its notes would add
            // errors of their own, so the brief is skipped as a whole.
            loaded.failed.briefs.insert(slug);
            continue;
        }
        let Some(index) = bundle.index else {
            let reported = loaded.failed.briefs.contains(&slug);
            if !reported && (!bundle.articles.is_empty() || !bundle.assets.is_empty()) {
                diagnostics.push(
                    Diagnostic::file_error(&folder, "this brief folder has no index.md")
                        .with_hint("add index.md with the brief's front matter"),
                );
            }
            continue;
        };
        if bundle.articles.len() > 1 {
            diagnostics.push(
                Diagnostic::file_error(&folder, "the brief has both article.txt and article.md")
                    .with_hint(
                        "keep one: article.txt for pasted plain text, article.md for markdown",
                    ),
            );
        }
        if let Some(other) = single_files.get(&slug).map(|&i| &loaded.briefs[i]) {
            diagnostics.push(
                Diagnostic::file_error(
                    &other.document.source.path,
                    format!("two briefs are named `{slug}`"),
                )
                .with_hint(format!("rename this file or the folder {folder}")),
            );
        }
        loaded.briefs.push(BriefDocument {
            document: index,
            article: bundle.articles.into_iter().next(),
            single_file: false,
            assets: bundle.assets,
        });
    }
}

/// The single-file brief `content/briefs/<slug>.md` as a whole load would produce it, or
/// `None` when it is gone or needs the whole load (an error or a warning).
pub fn load_brief_file(root: &Path, slug: &str) -> Option<BriefDocument> {
    let relative = Path::new("content/briefs").join(format!("{slug}.md"));
    let full = root.join(&relative);
    if std::fs::symlink_metadata(&full)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    match parse_entry(root, &Entry::BriefFile(slug.to_string()), &relative) {
        Ok((Parsed::BriefFile(document), warnings)) if warnings.is_empty() => Some(BriefDocument {
            document,
            article: None,
            single_file: true,
            assets: vec![],
        }),
        _ => None,
    }
}

/// The bundle `content/briefs/<slug>/` as a whole load would produce it, or `None` when the
/// folder is gone or holds anything that needs the whole load (see the module docs).
pub fn load_bundle(root: &Path, slug: &str) -> Option<BriefDocument> {
    let content = root.join("content");
    let folder = content.join("briefs").join(slug);
    let mut index = None;
    let mut articles = Vec::new();
    let mut assets = Vec::new();
    let walker = WalkDir::new(&folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.path()));
    for item in walker {
        let item = match item {
            Err(e) if e.path().is_some_and(is_hidden) => continue,
            item => item.ok()?,
        };
        if item.path_is_symlink() {
            return None;
        }
        if !item.file_type().is_file() {
            continue;
        }
        let relative = item.path().strip_prefix(root).ok()?.to_path_buf();
        let in_content = item.path().strip_prefix(&content).ok()?;
        if misnamed(in_content).is_some() {
            return None;
        }
        let entry = classify(in_content)?;
        match parse_entry(root, &entry, &relative) {
            Err(_) => return None,
            Ok((_, warnings)) if !warnings.is_empty() => return None,
            Ok((Parsed::BriefIndex(_, document), _)) => index = Some(document),
            Ok((Parsed::Article(_, article), _)) => articles.push(article),
            Ok((Parsed::Asset(_, path), _)) => assets.push(path),
            Ok(_) => return None,
        }
        if !matches!(
            entry,
            Entry::BriefIndex(_) | Entry::BriefArticle(_) | Entry::BriefAsset(_)
        ) {
            return None;
        }
    }
    assets.sort();
    if articles.len() > 1 {
        return None;
    }
    Some(BriefDocument {
        document: index?,
        article: articles.into_iter().next(),
        single_file: false,
        assets,
    })
}
