//! One brief bundle loaded on its own, for `gloss serve`: after an edit inside
//! `content/briefs/<slug>/` only that folder needs reading again. The folder is read with the
//! same rules as [`super::load_all`]; anything those rules would treat specially (a failed
//! file, a warning, a symbolic link, two articles) is left to a whole load, which reports it
//! exactly as `gloss build` does.

use std::path::Path;

use walkdir::WalkDir;

use super::{BriefDocument, Entry, Parsed, classify, is_hidden, misnamed, parse_entry};

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
