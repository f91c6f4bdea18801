//! A deterministic synthetic corpus for benchmarks: a gloss site and, with the same briefs, a
//! Hugo site (actors, locations and tags as taxonomies). Kept apart from `build.rs` so other
//! benches can `#[path]`-include it.
//!
//! Sizes follow the archive-scale issue: per 10 briefs, 2 actors, 1 location and 1 incident
//! (so 100,000 briefs come with 20,000 actors, 10,000 locations and 10,000 incidents). Each
//! brief is an `article.txt` pasted from a "news site" (one paragraph a line, an
//! `Advertisement` line and a contributor line to drop, ~600 words mentioning actors and
//! places by name) and an `index.md` with front matter, the editor's text and three notes
//! that quote the article. Every location has coordinates and a country (a real archive's
//! places are on the map), and every incident casualties and a source.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A small deterministic generator, so every run builds the same corpus.
pub struct Rng(pub u64);

impl Rng {
    /// The next value (xorshift64).
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A value in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "officials",
    "said",
    "the",
    "attack",
    "base",
    "forces",
    "rockets",
    "were",
    "fired",
    "from",
    "a",
    "truck",
    "near",
    "province",
    "troops",
    "coalition",
    "group",
    "claimed",
    "responsibility",
    "statement",
    "after",
    "militia",
    "security",
    "sources",
    "reported",
    "damage",
    "homes",
    "field",
    "launcher",
    "night",
    "morning",
];

/// How big a corpus is.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    /// Published briefs.
    pub briefs: usize,
    /// Actors.
    pub actors: usize,
    /// Locations.
    pub locations: usize,
    /// Incidents.
    pub incidents: usize,
}

impl Size {
    /// The proportions for `briefs` briefs.
    pub fn for_briefs(briefs: usize) -> Size {
        Size {
            briefs,
            actors: (briefs / 5).max(10),
            locations: (briefs / 10).max(5),
            incidents: (briefs / 10).max(5),
        }
    }
}

struct Names {
    actors: Vec<(String, String)>,
    locations: Vec<(String, String)>,
}

fn name(prefix: &str, i: usize) -> String {
    format!(
        "{prefix} {}{}",
        ["Al", "Bar", "Kel", "Dor", "Mes"][i % 5],
        i
    )
}

fn sentence(rng: &mut Rng, names: &Names, out: &mut String) {
    let words = 12 + rng.below(14);
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        // About one word in 30 is a name, as in wire copy: ~20 mentions in a 600-word article.
        match rng.below(60) {
            0 => out.push_str(&names.actors[rng.below(names.actors.len())].1),
            1 => out.push_str(&names.locations[rng.below(names.locations.len())].1),
            _ => out.push_str(WORDS[rng.below(WORDS.len())]),
        }
    }
    out.push_str(". ");
}

/// Writes `text` to `path`, creating its folder.
pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The quoted passage of note `n` of brief `i`: unique in the corpus, so it anchors once.
fn quoted(i: usize, n: usize) -> String {
    format!("witness number {n} of report {i} described the convoy")
}

/// Writes a gloss site under `root/gloss` and, with `hugo`, the same briefs as a Hugo site
/// under `root/hugo`. Returns both folders.
pub fn generate(root: &Path, size: Size, hugo: bool) -> (PathBuf, PathBuf) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let names = Names {
        actors: (0..size.actors)
            .map(|i| (format!("actor-{i}"), name("Brigade", i)))
            .collect(),
        locations: (0..size.locations)
            .map(|i| (format!("place-{i}"), name("Camp", i)))
            .collect(),
    };
    let gloss = root.join("gloss");
    let hugo_dir = root.join("hugo");
    write(
        &gloss.join("config.toml"),
        "title = \"Bench\"\nbase_url = \"https://example.org/\"\npaginate_by = 20\n",
    );
    if hugo {
        write(
            &hugo_dir.join("hugo.toml"),
            "title = \"Bench\"\nbaseURL = \"https://example.org/\"\ndisableKinds = [\"RSS\", \"sitemap\"]\n[pagination]\npagerSize = 20\n[taxonomies]\nactor = \"actors\"\nlocation = \"locations\"\ntag = \"tags\"\n",
        );
    }
    for (slug, name) in &names.actors {
        write(
            &gloss.join(format!("content/actors/{slug}.md")),
            &format!("+++\nname = \"{name}\"\nkind = \"militia\"\n+++\nA group.\n"),
        );
        if hugo {
            write(
                &hugo_dir.join(format!("content/actors/{slug}/_index.md")),
                &format!("+++\ntitle = \"{name}\"\n+++\nA group.\n"),
            );
        }
    }
    for (slug, name) in &names.locations {
        // Every place located, as in a real archive: inside Iraq's borders (31.5-35 N,
        // 42-45 E), so the map and the country check see a realistic load.
        let lat = 31.5 + rng.below(3500) as f64 / 1000.0;
        let lon = 42.0 + rng.below(3000) as f64 / 1000.0;
        write(
            &gloss.join(format!("content/locations/{slug}.md")),
            &format!(
                "+++\nname = \"{name}\"\ncoordinates = [{lat:.3}, {lon:.3}]\ncountry = \"Iraq\"\n+++\nA place.\n"
            ),
        );
        if hugo {
            write(
                &hugo_dir.join(format!("content/locations/{slug}/_index.md")),
                &format!("+++\ntitle = \"{name}\"\n+++\nA place.\n"),
            );
        }
    }
    for i in 0..size.incidents {
        let actor = &names.actors[rng.below(names.actors.len())].0;
        let location = &names.locations[rng.below(names.locations.len())].0;
        write(
            &gloss.join(format!("content/incidents/incident-{i}.md")),
            &format!(
                "+++\ntitle = \"Incident {i}\"\ndate = 20{:02}-{:02}-{:02}\nactors = [\"{actor}\"]\nlocation = \"{location}\"\nstatus = \"reported\"\ncasualties = {{ killed = {}, injured = {} }}\nsources = [{{ outlet = \"Wire\", url = \"https://example.org/wire/{i}\" }}]\n+++\nWhat happened.\n",
                10 + i % 12,
                1 + i % 12,
                1 + i % 28,
                i % 4,
                i % 7
            ),
        );
    }
    for i in 0..size.briefs {
        brief(
            &gloss,
            hugo.then_some(hugo_dir.as_path()),
            &names,
            size.incidents,
            &mut rng,
            i,
        );
    }
    if hugo {
        write_hugo_layouts(&hugo_dir);
    }
    (gloss, hugo_dir)
}

fn brief(
    gloss: &Path,
    hugo: Option<&Path>,
    names: &Names,
    incidents: usize,
    rng: &mut Rng,
    i: usize,
) {
    let date = format!(
        "20{:02}-{:02}-{:02}",
        10 + i % 12,
        1 + (i / 28) % 12,
        1 + i % 28
    );
    let first = rng.below(names.actors.len());
    let second = (first + 1 + rng.below(names.actors.len() - 1)) % names.actors.len();
    let actors: Vec<&str> = [first, second]
        .iter()
        .map(|&a| names.actors[a].0.as_str())
        .collect();
    let location = names.locations[rng.below(names.locations.len())].0.as_str();
    let tag = format!("tag-{}", rng.below(50));
    // Pasted text: one paragraph a line, boilerplate and a contributor line among them.
    let mut article = String::new();
    for p in 0..8 {
        for s in 0..4 {
            if s == 2 && (p == 1 || p == 4 || p == 6) {
                article.push_str(&quoted(i, p));
                article.push_str(". ");
            }
            sentence(rng, names, &mut article);
        }
        article.push('\n');
        if p == 3 {
            article.push_str("Advertisement\n");
        }
    }
    article.push_str("Staff writers contributed to this report.\n");
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let notes: String = [1, 4, 6]
        .iter()
        .map(|&p| {
            format!(
                "> {}\n\nThe account of witness {p} is second-hand; other reports disagree.\n\n",
                quoted(i, p)
            )
        })
        .collect();
    let incident = if i % 3 == 0 {
        format!("incidents = [\"incident-{}\"]\n", rng.below(incidents))
    } else {
        String::new()
    };
    write(
        &gloss.join(format!("content/briefs/brief-{i}/index.md")),
        &format!(
            "+++\ntitle = \"Brief {i}\"\ndate = {date}\ntags = [\"{tag}\"]\nactors = [{}]\nlocations = [\"{location}\"]\n{incident}+++\nThe editor's text for brief {i}.\n\n## Notes\n\n{notes}",
            list(&actors)
        ),
    );
    write(
        &gloss.join(format!("content/briefs/brief-{i}/article.txt")),
        &article,
    );
    if let Some(hugo) = hugo {
        write(
            &hugo.join(format!("content/briefs/brief-{i}.md")),
            &format!(
                "+++\ntitle = \"Brief {i}\"\ndate = {date}\ntags = [\"{tag}\"]\nactors = [{}]\nlocations = [\"{location}\"]\n+++\nThe editor's text for brief {i}.\n\n{}",
                list(&actors),
                article.replace('\n', "\n\n")
            ),
        );
    }
}

/// Templates comparable to gloss's pages: a base layout, a brief page listing its actors,
/// locations and related briefs, term pages listing their briefs, and paginated lists.
/// Classic `_default/` names, which Hugo 0.111 (Debian's) and later versions both read.
fn write_hugo_layouts(hugo: &Path) {
    let base = "<!doctype html><html><head><title>{{ .Title }} | {{ site.Title }}</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/actors/\">Actors</a> <a href=\"/locations/\">Locations</a></nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>";
    write(&hugo.join("layouts/_default/baseof.html"), base);
    write(
        &hugo.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format \"2 January 2006\" }}</time><div class=\"article\">{{ .Content }}</div></article><aside><ul>{{ range .GetTerms \"actors\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul><ul>{{ range .GetTerms \"locations\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul><ul>{{ range first 10 (site.RegularPages.Related .) }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></aside>{{ end }}",
    );
    write(
        &hugo.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}",
    );
    write(
        &hugo.join("layouts/_default/terms.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}",
    );
}
