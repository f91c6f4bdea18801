//! A site joined in memory for the render stage's unit tests. The stages are joined by hand
//! here because render may not depend on the root crate's `Pipeline`, not even in a test;
//! the template contract test, which checks every page, runs through the `Pipeline`
//! (`tests/template_contract.rs`).

use std::path::Path;

use crate::annotate::site::annotate;
use crate::article::ArticleRules;
use crate::config::Config;
use crate::markup::markdown::Markdown;
use crate::render::prepare::prepare;
use crate::render::site::Site;
use crate::urls::Urls;

/// Builds the site at `root` in memory, drafts included, with pages of `paginate_by` briefs
/// (so later pages of entities and tags exist), and hands it to `f`.
pub(super) fn with_site<T>(root: &Path, paginate_by: usize, f: impl FnOnce(&Site) -> T) -> T {
    let mut config = Config::load(root).expect("config");
    config.paginate_by = paginate_by;
    let rules = ArticleRules::new(&config.article.drop, &config.article.credits).expect("rules");
    let (loaded, errors) = crate::load::load_all(root, None);
    assert!(errors.is_empty(), "{errors:?}");
    let corpus = crate::resolve::resolve(
        loaded,
        &rules,
        crate::resolve::ResolveOptions { drafts: true },
    )
    .expect("resolve");
    let urls = Urls {
        file_urls: config.file_urls,
    };
    let markdown = Markdown::new(config.file_urls)
        .with_links(crate::markup::shorthand::Shorthands::new(&corpus, urls));
    let annotated = annotate(&corpus, &config, urls, &markdown).expect("annotate");
    let graph = crate::graph::link(
        &corpus,
        &annotated.briefs,
        config.prior_max(corpus.briefs.len()),
    );
    let prepared = prepare(&corpus, &graph, urls, &markdown).expect("prepare");
    let site = Site {
        config: &config,
        corpus: &corpus,
        graph: &graph,
        annotated: &annotated.briefs,
        prepared: &prepared,
        urls,
        memo: Default::default(),
    };
    f(&site)
}
