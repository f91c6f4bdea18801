//! `gloss new brief "Title" --from article.txt`: a draft brief bundle made from a pasted
//! article, with `actors` and `locations` pre-filled from the entities the article
//! mentions (found by the same matcher the build uses), and a report of the names that
//! recur in the article but have no page yet, each with the command that makes one.

use std::path::Path;

use crate::article::furniture::{Edge, Furniture, furniture};
use crate::article::{ArticleRules, ingest, lint};
use crate::coach::names::{Entities, Known, unlinked};
use crate::diagnostics::plural;
use crate::load::{Loaded, load_all};

/// The site's actors and locations as loaded (files that fail to load are left out, so a
/// broken site still gets a brief).
pub fn known(loaded: &Loaded) -> Vec<Known> {
    let actors = loaded.actors.iter().map(|d| {
        Known::new(
            "actor",
            d.slug.to_string(),
            d.source.path.clone(),
            d.front.name.get_ref(),
            d.front.aliases.iter().map(|n| n.get_ref().as_str()),
            d.front.short_names.iter().map(|n| n.get_ref().as_str()),
        )
    });
    let locations = loaded.locations.iter().map(|d| {
        Known::new(
            "location",
            d.slug.to_string(),
            d.source.path.clone(),
            d.front.name.get_ref(),
            d.front.aliases.iter().map(|n| n.get_ref().as_str()),
            [],
        )
    });
    actors.chain(locations).collect()
}

/// What the article tells the new brief.
pub struct FromArticle {
    /// Slugs of the actors mentioned, in order of first mention.
    pub actors: Vec<String>,
    /// Slugs of the locations mentioned.
    pub locations: Vec<String>,
    /// Lines to show the editor after the files are made.
    pub report: Vec<String>,
}

/// Reads the site's entities and matches them in `text`.
pub fn analyse(root: &Path, title: &str, text: &str) -> FromArticle {
    let (loaded, _) = load_all(root, None);
    let config = crate::config::Config::load(root).ok();
    let rules = config
        .as_ref()
        .and_then(|c| ArticleRules::new(&c.article.drop, &c.article.credits).ok())
        .unwrap_or_default();
    let ignore = config.map(|c| c.check.ignore_names).unwrap_or_default();
    let ingested = ingest(text, &rules);
    let runs = furniture(&ingested);
    let in_run = |line: usize| {
        runs.iter()
            .any(|r| r.paragraphs.iter().any(|p| p.line == line))
    };
    // The page around the article ("Related Articles", "MORE FROM World") names nothing.
    let paragraphs: Vec<String> = ingested
        .paragraphs
        .iter()
        .filter(|p| !in_run(p.line))
        .map(|p| p.text.clone())
        .collect();
    let entities = Entities::new(known(&loaded));
    let mut out = FromArticle {
        actors: Vec::new(),
        locations: Vec::new(),
        report: Vec::new(),
    };
    for index in entities.mentioned(&paragraphs) {
        let k = &entities.known[index];
        match k.kind {
            "actor" => out.actors.push(k.slug.clone()),
            _ => out.locations.push(k.slug.clone()),
        }
    }
    out.report.push(format!(
        "Found {} and {} of the site in the article: listed in `actors` and `locations`.",
        plural(out.actors.len(), "actor"),
        plural(out.locations.len(), "location")
    ));
    let names = unlinked(&paragraphs.join("\n"), &entities, &ignore);
    let (near, missing): (Vec<_>, Vec<_>) = names
        .iter()
        .partition(|n| entities.near_miss(&n.name).is_some());
    if !missing.is_empty() {
        out.report.push(format!(
            "{} in the article but {} no actor or location; to give one a page:",
            match missing.len() {
                1 => "1 name recurs".to_string(),
                n => format!("{n} names recur"),
            },
            if missing.len() == 1 {
                "matches"
            } else {
                "match"
            }
        ));
        for name in missing {
            let (kind, other) = name.kinds();
            let quoted = name.name.replace('"', "\\\"");
            out.report.push(format!(
                "  gloss new {kind} \"{quoted}\"    # {}; or: gloss new {other} \"{quoted}\"",
                plural(name.count, "mention")
            ));
        }
    }
    for name in near {
        if let Some((k, form)) = entities.near_miss(&name.name) {
            out.report.push(format!(
                "warning: \"{}\" is not linked but nearly matches `{form}` of {}: add \"{}\" to its aliases",
                name.name,
                k.file.display(),
                name.name
            ));
        }
    }
    out.report.extend(edges(text, title, &runs));
    out
}

/// The warnings about the edges of the pasted article: its first line, and the web page
/// pasted around it (`gloss check` names every line).
fn edges(text: &str, title: &str, runs: &[Furniture]) -> Vec<String> {
    let first = first_line(text, title);
    let headline = first.is_some();
    let mut out: Vec<String> = first.into_iter().collect();
    for run in runs {
        let (Some(start), Some(end)) = (run.paragraphs.first(), run.paragraphs.last()) else {
            continue;
        };
        let warning = match run.edge {
            Edge::Above if run.paragraphs.len() == 1 && headline => continue,
            Edge::Above if run.paragraphs.len() == 1 => format!(
                "warning: the article's first line, `{}`, has no final punctuation: it looks like the pasted headline; delete it from article.txt (the page shows the title already)",
                start.text
            ),
            Edge::Above => format!(
                "warning: lines {}–{} of article.txt, above the article's first paragraph, look like the web page around it (a menu, the headline); `gloss check` names them to delete",
                start.line,
                run.next.line.saturating_sub(1).max(end.line)
            ),
            Edge::Below => format!(
                "warning: the lines from {} to the end of article.txt, below the article's last paragraph, look like the web page around it (tags, other stories); `gloss check` names them to delete",
                start.line
            ),
        };
        out.push(warning);
    }
    out
}

/// A warning when the article's first line is the title, or nearly (a headline the editor
/// shortened or retyped for the title).
fn first_line(text: &str, title: &str) -> Option<String> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.eq_ignore_ascii_case(title.trim()) {
        Some("warning: the article's first line is the title; delete it from article.txt (the page shows the title already)".to_string())
    } else if lint::near_title(first, title) {
        Some(format!(
            "warning: the article's first line is nearly the title, `{first}`: it looks like the pasted headline; delete it from article.txt (the page shows the title already)"
        ))
    } else {
        None
    }
}

/// `actors = […]` and `locations = […]` lines for the front matter.
pub fn front_lines(found: &FromArticle) -> String {
    let list = |slugs: &[String]| {
        let items: Vec<String> = slugs.iter().map(|s| format!("\"{s}\"")).collect();
        format!("[{}]", items.join(", "))
    };
    format!(
        "actors = {}\nlocations = {}\n",
        list(&found.actors),
        list(&found.locations)
    )
}
