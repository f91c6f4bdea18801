//! `[publish] compact` (issue 26): a large archive's pages repeat less of what other pages
//! hold, so 40,000 briefs fit GitHub Pages' 1 GB. A site of eight briefs that each name
//! eight actors, one twice, is built in full and compact, and each repeated part is checked
//! in both: nothing a reader follows is gone, only shortened.

mod common;

use common::Site;

/// The actors every brief names, in this order.
const ACTORS: [&str; 8] = [
    "Alder Brigade",
    "Birch Brigade",
    "Cedar Brigade",
    "Dogwood Brigade",
    "Elm Brigade",
    "Fir Brigade",
    "Gum Brigade",
    "Hazel Brigade",
];

/// The page of the actor every brief names twice.
const ALDER: &str = "actors/alder-brigade/index.html";

fn slug(name: &str) -> String {
    name.to_lowercase().replace(' ', "-")
}

/// Eight briefs, each naming every actor (Alder Brigade in two sentences, the first long),
/// five earlier incidents of Alder Brigade, with `compact` as the `[publish]` setting.
fn site(compact: &str) -> Site {
    let site = Site::empty();
    site.write(
        "config.toml",
        &format!(
            "title = \"Fixture briefs\"\nbase_url = \"https://example.github.io/repo\"\n\
             [publish]\ncompact = {compact}\n"
        ),
    );
    for name in ACTORS {
        let text = format!("+++\nname = \"{name}\"\nkind = \"militia\"\n+++\nA group.\n");
        site.write(&format!("content/actors/{}.md", slug(name)), &text);
    }
    for month in 1..=5 {
        site.write(
            &format!("content/incidents/2019-0{month}-raid.md"),
            &format!(
                "+++\ntitle = \"Raid {month}\"\ndate = \"2019-0{month}\"\n\
                 actors = [\"alder-brigade\"]\n+++\nA raid.\n"
            ),
        );
    }
    let others = ACTORS[1..].join(" and ");
    for day in 1..=8 {
        site.write(
            &format!("content/briefs/b{day}/index.md"),
            &format!("+++\ntitle = \"Brief {day}\"\ndate = 2020-01-0{day}\n+++\nSummary {day}.\n"),
        );
        site.write(
            &format!("content/briefs/b{day}/article.txt"),
            &format!(
                "Witnesses across the northern districts said on Monday that fighters of the \
                 Alder Brigade had moved heavy trucks through three villages before dawn.\n\
                 {others} were also seen.\nLater the Alder Brigade said nothing.\n"
            ),
        );
    }
    site
}

/// Builds `site` and returns it, failing on any error.
fn built(compact: &str) -> Site {
    let site = site(compact);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn full_pages_are_the_default_for_a_small_archive() {
    let auto = built("\"auto\"");
    let full = built("false");
    assert_eq!(
        auto.snapshot(),
        full.snapshot(),
        "auto is full below 20,000 briefs"
    );
    let brief = full.read("briefs/b8/index.html");
    assert!(
        brief.contains("<details class=\"sidebar-more\">"),
        "{brief}"
    );
    assert!(brief.contains("\"mentions\":["), "{brief}");
    assert!(brief.contains("<small>Also about"), "{brief}");
    let alder = full.read(ALDER);
    assert!(alder.contains("network-table"), "{alder}");
    assert_eq!(
        alder.matches("<q>").count(),
        16,
        "both sentences of each brief"
    );
    let feed = full.read("actors/alder-brigade/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 8);
}

#[test]
fn the_build_says_when_pages_are_compact() {
    let says = |setting: &str| {
        site(setting)
            .build()
            .stdout
            .contains("Compact pages (`[publish] compact`")
    };
    assert!(says("true"));
    assert!(!says("\"auto\""), "eight briefs are far from 20,000");
}

#[test]
fn compact_briefs_fold_by_name_and_relate_by_title() {
    let site = built("true");
    let brief = site.read("briefs/b8/index.html");
    // Five actors as lines, the other three as names the article links.
    assert!(
        !brief.contains("<details class=\"sidebar-more\">"),
        "{brief}"
    );
    assert!(
        brief.contains(
            "<p class=\"sidebar-also\">3 more: Fir Brigade, Gum Brigade, Hazel Brigade</p>"
        ),
        "{brief}"
    );
    assert!(
        brief.contains("href=\"../../actors/hazel-brigade/\""),
        "the article links it"
    );
    // Three related briefs, by title and date only.
    let related = &brief[brief.find("class=\"related-list\"").expect("related")..];
    let related = &related[..related.find("</ul>").expect("list closes")];
    assert_eq!(related.matches("<li>").count(), 3, "{related}");
    assert!(!related.contains("<small"), "{related}");
    // The JSON-LD keeps the article and leaves the entities to their pages.
    assert!(brief.contains("\"@type\":\"NewsArticle\""), "{brief}");
    assert!(!brief.contains("\"mentions\""), "{brief}");
    // Three prior incidents, not five.
    let prior = &brief[brief
        .find("class=\"sidebar-section sidebar-incidents\"")
        .expect("prior")..];
    let prior = &prior[..prior.find("</section>").expect("section closes")];
    assert_eq!(prior.matches("<li>").count(), 3, "{prior}");
}

#[test]
fn compact_entity_pages_quote_once_and_briefly() {
    let site = built("true");
    let alder = site.read(ALDER);
    // One quote a brief, about four words each side, and the count of the rest.
    assert_eq!(alder.matches("<q>").count(), 8, "{alder}");
    assert_eq!(
        alder.matches("and 1 more in the brief").count(),
        8,
        "{alder}"
    );
    assert!(
        alder.contains(
            "<q>…that fighters of the <mark>Alder Brigade</mark> had moved heavy trucks…</q>"
        ),
        "{alder}"
    );
    // The drawing stays; its table goes.
    assert!(alder.contains("class=\"network network-ego\""), "{alder}");
    assert!(!alder.contains("network-table"), "{alder}");
    // The whole network's page keeps its table.
    assert!(site.read("network/index.html").contains("network-table"));
    let feed = site.read("actors/alder-brigade/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 5, "{feed}");
}

#[test]
fn a_misspelt_setting_names_its_line() {
    let site = site("\"yes\"");
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("config.toml:4:11"), "{}", run.stderr);
    assert!(
        run.stderr.contains("true, false or \"auto\""),
        "{}",
        run.stderr
    );
}

#[test]
fn the_compact_front_page_stops_at_fifty_pages_and_says_where_the_rest_are() {
    let site = Site::empty();
    site.write(
        "config.toml",
        "title = \"T\"\nbase_url = \"https://example.github.io/repo\"\npaginate_by = 1\n\
         [publish]\ncompact = true\n",
    );
    for i in 1..=52 {
        let (month, day) = (1 + i / 28, 1 + i % 28);
        site.write(
            &format!("content/briefs/b{i}.md"),
            &format!("+++\ntitle = \"Brief {i}\"\ndate = 2020-{month:02}-{day:02}\n+++\nText.\n"),
        );
    }
    site.build();
    assert!(site.public().join("page/50/index.html").exists());
    assert!(!site.public().join("page/51/index.html").exists());
    let last = site.read("page/50/index.html");
    assert!(
        last.contains("Older briefs are on <a href=\"../../timeline/\">the timeline</a>"),
        "{last}"
    );
    assert!(last.contains("page 50 of 50"), "{last}");
    assert!(!site.read("page/49/index.html").contains("list-more"));
    // Every brief is still on the timeline.
    let timeline = site.read("timeline/2020/index.html");
    assert_eq!(
        timeline.matches("href=\"../../briefs/b").count(),
        52,
        "{timeline}"
    );
}
