//! Pagination of entity pages and feeds, and the timeline's year pages, on a generated site:
//! 45 briefs over three years citing one actor, `paginate_by = 20`.

mod common;

use std::path::{Component, Path, PathBuf};

use common::{Site, attrs, texts};

/// 45 briefs, 15 a year in 2019..=2021, all naming one actor and one location; brief `i` is
/// newer than brief `i - 1`. Three incidents with statuses, one a year.
fn generated() -> Site {
    let site = Site::empty();
    site.write(
        "config.toml",
        "title = \"Paged\"\nbase_url = \"https://example.org/\"\npaginate_by = 20\n",
    );
    site.write(
        "content/actors/brigade.md",
        "+++\nname = \"Brigade Al\"\nkind = \"militia\"\n+++\nA group.\n",
    );
    site.write(
        "content/locations/camp.md",
        "+++\nname = \"Camp Dor\"\n+++\nA place.\n",
    );
    for (year, status) in [(2019, "claimed"), (2020, "reported"), (2021, "confirmed")] {
        site.write(
            &format!("content/incidents/strike-{year}.md"),
            &format!(
                "+++\ntitle = \"Strike {year}\"\ndate = {year}-03-03\nactors = [\"brigade\"]\nlocation = \"camp\"\nstatus = \"{status}\"\n+++\nWhat happened.\n"
            ),
        );
    }
    for i in 0..45 {
        let k = i % 15;
        let date = format!("{}-{:02}-{:02}", 2019 + i / 15, 1 + k / 2, 1 + k);
        site.write(
            &format!("content/briefs/brief-{i:02}/index.md"),
            &format!(
                "+++\ntitle = \"Brief {i:02}\"\ndate = {date}\ntags = [\"raid\"]\nactors = [\"brigade\"]\nlocations = [\"camp\"]\n+++\nThe editor's text for brief {i}.\n"
            ),
        );
        site.write(
            &format!("content/briefs/brief-{i:02}/article.txt"),
            &format!("Officials said Brigade Al fired rockets near Camp Dor, in story {i}.\n"),
        );
    }
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site
}

/// The output file a relative link of the page `from` (a file under public/) points to.
fn resolve(from: &str, href: &str) -> PathBuf {
    let href = href.split('#').next().unwrap_or_default();
    let mut path = PathBuf::new();
    for part in Path::new(from)
        .parent()
        .unwrap_or(Path::new(""))
        .join(href)
        .components()
    {
        match part {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(p) => path.push(p),
            _ => {}
        }
    }
    if href.is_empty() || href.ends_with('/') {
        path.push("index.html");
    }
    path
}

/// The brief titles listed in an entity page's `.backlinks`.
fn listed(site: &Site, file: &str) -> Vec<String> {
    texts(&site.page(file), ".backlink-list > li > a:first-child")
}

/// Page `n` of the actor's briefs.
fn actor_page(n: usize) -> String {
    match n {
        1 => "actors/brigade/index.html".into(),
        n => format!("actors/brigade/page/{n}/index.html"),
    }
}

/// 450 briefs, each naming one actor in one sentence: the actor's briefs take several pages
/// of bytes (`PAGE_BACKLINK_BYTES`), each brief newer than the one before.
fn crowded() -> Site {
    let site = Site::empty();
    site.write(
        "content/actors/brigade.md",
        "+++\nname = \"Brigade Al\"\nkind = \"militia\"\n+++\nA group.\n",
    );
    site.write(
        "content/incidents/strike.md",
        "+++\ntitle = \"Strike 2021\"\ndate = 2021-03-03\nactors = [\"brigade\"]\n+++\nWhat happened.\n",
    );
    for i in 0..450 {
        let date = format!(
            "{}-{:02}-{:02}",
            2000 + i / 36,
            1 + i % 36 / 3,
            1 + i % 3 * 9
        );
        site.write(
            &format!("content/briefs/b-{i:03}/index.md"),
            &format!("+++\ntitle = \"Brief {i:03}\"\ndate = {date}\n+++\nText {i}.\n"),
        );
        site.write(
            &format!("content/briefs/b-{i:03}/article.txt"),
            &format!("Officials said Brigade Al fired rockets near the old camp, in story {i}.\n"),
        );
    }
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site
}

/// How many pages of briefs the actor of [`crowded`] has.
fn page_total(site: &Site) -> usize {
    (1..)
        .find(|&n| !site.public().join(actor_page(n + 1)).exists())
        .unwrap_or(1)
}

#[test]
fn entity_pages_are_paginated_by_bytes_newest_first() {
    let site = crowded();
    let total = page_total(&site);
    assert!((3..=10).contains(&total), "{total} pages");
    let lists: Vec<Vec<String>> = (1..=total).map(|n| listed(&site, &actor_page(n))).collect();
    let all: Vec<String> = lists.concat();
    let expected: Vec<String> = (0..450).rev().map(|i| format!("Brief {i:03}")).collect();
    assert_eq!(
        all, expected,
        "every brief once, newest first across the pages"
    );
    assert!(!site.public().join("actors/brigade/page/1").exists());
    for n in 1..=total {
        let html = site.read(&actor_page(n));
        let at = html
            .find("<ol class=\"backlink-list\">")
            .unwrap_or_default();
        let list = &html[at..at + html[at..].find("</ol>").unwrap_or_default()];
        assert!(
            list.len() <= 34 * 1024,
            "page {n}: a list of {} bytes",
            list.len()
        );
        assert!(html.contains(&format!("page {n} of {total}")), "page {n}");
    }
    // A page is full: each but the last holds more than half the budget.
    assert!(
        lists[..total - 1].iter().all(|l| l.len() > 40),
        "{:?}",
        lists.iter().map(Vec::len).collect::<Vec<_>>()
    );
    // Page 1 keeps the description and incidents; later pages do not repeat them.
    let first = texts(&site.page(&actor_page(1)), "main").join(" ");
    assert!(
        first.contains("A group.") && first.contains("Strike 2021"),
        "{first}"
    );
    assert!(first.contains("Mentioned in 450 briefs"), "{first}");
    let last = texts(&site.page(&actor_page(total)), "main").join(" ");
    assert!(!last.contains("Strike 2021"), "{last}");
    assert!(last.contains("Mentioned in 450 briefs"), "{last}");
    // The cited sentence is still quoted, linked to its paragraph.
    let quotes = texts(&site.page(&actor_page(total)), ".backlinks q");
    assert!(quotes.iter().any(|q| q.contains("story 0.")), "{quotes:?}");
}

#[test]
fn a_short_list_is_one_page_whatever_paginate_by_says() {
    let site = generated();
    assert_eq!(listed(&site, "actors/brigade/index.html").len(), 45);
    assert_eq!(listed(&site, "locations/camp/index.html").len(), 45);
    assert!(!site.public().join("actors/brigade/page/2").exists());
}

#[test]
fn page_links_resolve_and_mark_the_current_page() {
    let site = crowded();
    let pages: Vec<String> = (1..=page_total(&site)).map(actor_page).collect();
    for (n, file) in pages.iter().enumerate() {
        let file = file.as_str();
        let html = site.page(file);
        let labels = attrs(&html, "nav.pagination", "aria-label");
        assert_eq!(labels, vec!["Pages"], "{file}");
        let current = texts(&html, "nav.pagination a[aria-current=page]");
        assert_eq!(current, vec![(n + 1).to_string()], "{file}");
        for href in attrs(&html, "nav.pagination a", "href") {
            let target = resolve(file, &href);
            assert!(
                site.public().join(&target).is_file(),
                "{file}: {href} -> {}",
                target.display()
            );
        }
        let prev = attrs(&html, "nav.pagination a[rel=prev]", "href");
        let next = attrs(&html, "nav.pagination a[rel=next]", "href");
        let expect = |i: usize| pages.get(i).map(PathBuf::from);
        assert_eq!(
            prev.first().map(|h| resolve(file, h)),
            n.checked_sub(1).and_then(expect),
            "{file} prev"
        );
        assert_eq!(
            next.first().map(|h| resolve(file, h)),
            expect(n + 1),
            "{file} next"
        );
    }
    for args in [&["check"][..], &["check", "--file-urls"][..]] {
        let check = site.run(args);
        assert_eq!(
            check.code, 0,
            "{args:?}:\n{}\n{}",
            check.stdout, check.stderr
        );
    }
}

#[test]
fn tag_pages_are_paginated() {
    let site = generated();
    let pages = [
        "tags/raid/index.html",
        "tags/raid/page/2/index.html",
        "tags/raid/page/3/index.html",
    ];
    let mut all = Vec::new();
    for (n, file) in pages.iter().enumerate() {
        let html = site.page(file);
        let titles = texts(&html, "article.brief-card .card-title");
        all.push(titles.len());
        let lede = texts(&html, ".page-lede").join(" ");
        assert!(lede.contains("45 briefs"), "{file}: {lede}");
        let current = texts(&html, "nav.pagination a[aria-current=page]");
        assert_eq!(current, vec![(n + 1).to_string()], "{file}");
        for href in attrs(&html, "nav.pagination a", "href") {
            assert!(
                site.public().join(resolve(file, &href)).is_file(),
                "{file}: {href}"
            );
        }
    }
    assert_eq!(all, vec![20, 20, 5]);
    assert!(!site.public().join("tags/raid/page/4").exists());
}

#[test]
fn entity_feeds_are_capped() {
    let site = generated();
    let feed = site.read("actors/brigade/atom.xml");
    // ENTITY_FEED_SIZE: the ten newest briefs, each a summary and a link.
    assert_eq!(feed.matches("<entry>").count(), 10, "{feed}");
    assert!(feed.contains("Brief 44") && !feed.contains("Brief 34<"));
    assert_eq!(feed.matches("<summary>").count(), 10, "{feed}");
    assert!(!feed.contains("<content"), "no whole articles: {feed}");
}

#[test]
fn timeline_has_a_page_per_year_newest_first() {
    let site = generated();
    for year in [2019, 2020, 2021] {
        let file = format!("timeline/{year}/index.html");
        let html = site.page(&file);
        let dates = attrs(&html, ".tl-item time", "datetime");
        assert_eq!(dates.len(), 16, "{file}: 15 briefs and an incident");
        assert!(dates.iter().all(|d| d.starts_with(&year.to_string())));
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "{file} newest first");
        let current = texts(&html, "nav.tl-years a[aria-current=page]");
        assert_eq!(current, vec![year.to_string()]);
        let statuses = attrs(&html, ".tl-item[data-status]", "data-status");
        assert!(statuses.iter().any(|s| !s.is_empty()), "{statuses:?}");
        let actors = attrs(&html, ".tl-item", "data-actors");
        assert!(actors.iter().all(|a| a == "brigade"), "{actors:?}");
    }
    // /timeline/ lists the years, newest first, and shows them all (48 items is a small site).
    let index = site.page("timeline/index.html");
    let years = texts(&index, "nav.tl-years a");
    assert_eq!(years, vec!["2021", "2020", "2019"]);
    assert_eq!(texts(&index, ".tl-year-title"), years);
    assert_eq!(attrs(&index, ".tl-item time", "datetime").len(), 48);
    let scripts = attrs(&index, "script[src]", "src");
    assert!(
        scripts.iter().any(|s| s.ends_with("timeline.js")),
        "{scripts:?}"
    );
    assert!(site.public().join("timeline.js").is_file());
}

#[test]
fn a_full_year_continues_on_more_timeline_pages() {
    let site = Site::empty();
    site.write(
        "config.toml",
        "title = \"Busy\"\nbase_url = \"https://example.org/\"\npaginate_by = 20\n",
    );
    // 410 briefs in 2020: one more page of 10 after the year's first 400 items.
    for i in 0..410 {
        site.write(
            &format!("content/briefs/b-{i:03}/index.md"),
            &format!(
                "+++\ntitle = \"Busy {i:03}\"\ndate = 2020-{:02}-{:02}\n+++\nText {i}.\n",
                1 + i / 50,
                1 + i % 28
            ),
        );
    }
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    let first = "timeline/2020/index.html";
    let second = "timeline/2020/page/2/index.html";
    assert_eq!(attrs(&site.page(first), ".tl-item", "id").len(), 400);
    let rest = site.page(second);
    let dates = attrs(&rest, ".tl-item time", "datetime");
    assert_eq!(dates.len(), 10);
    assert!(
        dates.iter().all(|d| d.as_str() <= "2020-01-28"),
        "{dates:?}"
    );
    let prev = attrs(&rest, "nav.pagination a[rel=prev]", "href");
    assert_eq!(
        prev.iter().map(|h| resolve(second, h)).collect::<Vec<_>>(),
        vec![PathBuf::from(first)]
    );
    let next = attrs(
        &site.page("timeline/index.html"),
        "nav.pagination a[rel=next]",
        "href",
    );
    assert_eq!(
        next.iter()
            .map(|h| resolve("timeline/index.html", h))
            .collect::<Vec<_>>(),
        vec![PathBuf::from(second)]
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "check:\n{}\n{}", check.stdout, check.stderr);
}

/// Issue 26: an entity's pages are bounded in bytes as well as in briefs. Five briefs that
/// each quote the actor in 150 long sentences fill five pages, not one of 200 KB.
#[test]
fn entity_pages_are_bounded_in_bytes() {
    let site = Site::empty();
    site.write(
        "content/actors/brigade.md",
        "+++\nname = \"Brigade Al\"\nkind = \"militia\"\n+++\nA group.\n",
    );
    let filler = "officials said the rockets were fired from a truck near the base ".repeat(6);
    for i in 0..5 {
        site.write(
            &format!("content/briefs/long-{i}/index.md"),
            &format!(
                "+++\ntitle = \"Long {i}\"\ndate = 2021-01-0{}\n+++\nText.\n",
                i + 1
            ),
        );
        let article: String = (0..150)
            .map(|s| format!("In report {i} line {s} Brigade Al was named as {filler}today.\n\n"))
            .collect();
        site.write(&format!("content/briefs/long-{i}/article.txt"), &article);
    }
    site.build();
    let first = site.read("actors/brigade/index.html");
    assert!(
        first.contains("Long 4") && !first.contains("Long 3"),
        "one brief a page"
    );
    for n in 2..=5 {
        let page = site.read(&format!("actors/brigade/page/{n}/index.html"));
        assert!(page.contains(&format!("page {n} of 5")), "{page}");
        assert!(page.len() < 64 * 1024, "page {n}: {} bytes", page.len());
    }
    assert!(!site.public().join("actors/brigade/page/6").exists());
}

/// Issue 26: the archive listings (tag pages, the home page's later pages) list every brief
/// of the site, so their cards leave out the actors and places that the brief's page, its
/// hover card and the front page's cards show; a listing page stays a few KB a brief.
#[test]
fn archive_listings_are_compact() {
    let site = generated();
    for file in ["tags/raid/page/2/index.html", "page/2/index.html"] {
        let html = site.page(file);
        assert_eq!(texts(&html, "article.brief-card").len(), 20, "{file}");
        assert!(texts(&html, ".card-entities").is_empty(), "{file}");
        assert_eq!(texts(&html, ".card-summary").len(), 20, "{file}");
        let bytes = site.read(file).len();
        assert!(bytes < 20 * 1024, "{file}: {bytes} bytes for 20 briefs");
    }
    // The front page keeps them.
    let home = site.page("index.html");
    assert!(!texts(&home, ".card-entities").is_empty());
}
