//! One brief resolved on its own, for `gloss serve`: after an edit to a single brief the
//! other documents are unchanged, so only that brief's references need looking up again.

use super::index::{Indexes, kinds};
use super::{ResolveOptions, brief};
use crate::article::ArticleRules;
use crate::diagnostics::Diagnostics;
use crate::load::Loaded;
use crate::model::{Brief, Packing};

/// Resolves the one brief `loaded.briefs[at]` against the loaded actors, locations and
/// incidents, for `gloss serve` after an edit to that brief alone (the checks that span
/// briefs, such as tag collisions, are the caller's to run). `Ok(None)` for a draft left out.
pub fn resolve_brief(
    loaded: &Loaded,
    at: usize,
    rules: &ArticleRules,
    options: ResolveOptions,
) -> Result<Option<Brief>, Diagnostics> {
    let kinds = kinds(loaded);
    let indexes = Indexes::new(loaded, &kinds);
    let Some(document) = loaded.briefs.get(at) else {
        return Ok(None);
    };
    let packing = Packing::for_archive(loaded.briefs.len());
    brief(document, &indexes, rules, options, packing).map_err(|errors| {
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(errors);
        diagnostics
    })
}
