//! A generated gloss site for benchmarks: `briefs` briefs of ~600 words of wire-copy-like
//! text over 400 actors, 200 locations and 1,000 incidents, the same every run (a fixed
//! seed), so timings compare across runs and branches. Shared by the benches that need a
//! corpus on disk (`serve`); `build` keeps its own copy, which also writes a Hugo twin.

use std::path::Path;

/// A small deterministic generator, so every run builds the same corpus.
pub struct Rng(pub u64);

impl Rng {
    /// The next number of the xorshift sequence.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number in `0..n`.
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

/// The entities the article text mentions, as (slug, name).
pub struct Entities {
    /// Actors.
    pub actors: Vec<(String, String)>,
    /// Locations.
    pub locations: Vec<(String, String)>,
}

/// One sentence of 12 to 25 words, about one word in 30 a name.
pub fn sentence(rng: &mut Rng, entities: &Entities, out: &mut String) {
    let words = 12 + rng.below(14);
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        match rng.below(60) {
            0 => out.push_str(&entities.actors[rng.below(entities.actors.len())].1),
            1 => out.push_str(&entities.locations[rng.below(entities.locations.len())].1),
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

/// Writes a gloss site with `briefs` briefs into `site` (`brief-0` … as bundles with an
/// `index.md` and an `article.txt`).
pub fn generate(site: &Path, briefs: usize) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let name = |prefix: &str, i: usize| {
        format!(
            "{prefix} {}{}",
            ["Al", "Bar", "Kel", "Dor", "Mes"][i % 5],
            i
        )
    };
    let entities = Entities {
        actors: (0..400)
            .map(|i| (format!("actor-{i}"), name("Brigade", i)))
            .collect(),
        locations: (0..200)
            .map(|i| (format!("place-{i}"), name("Camp", i)))
            .collect(),
    };
    write(
        &site.join("config.toml"),
        "title = \"Bench\"\nbase_url = \"https://example.org/\"\npaginate_by = 20\n",
    );
    for (slug, name) in &entities.actors {
        write(
            &site.join(format!("content/actors/{slug}.md")),
            &format!("+++\nname = \"{name}\"\nkind = \"militia\"\n+++\nA group.\n"),
        );
    }
    for (slug, name) in &entities.locations {
        write(
            &site.join(format!("content/locations/{slug}.md")),
            &format!("+++\nname = \"{name}\"\n+++\nA place.\n"),
        );
    }
    for i in 0..1000 {
        let actor = &entities.actors[rng.below(entities.actors.len())].0;
        let location = &entities.locations[rng.below(entities.locations.len())].0;
        write(
            &site.join(format!("content/incidents/incident-{i}.md")),
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
        let first = rng.below(entities.actors.len());
        let second = (first + 1 + rng.below(entities.actors.len() - 1)) % entities.actors.len();
        let actors: Vec<String> = [first, second]
            .iter()
            .map(|&a| format!("\"{}\"", entities.actors[a].0))
            .collect();
        let location = &entities.locations[rng.below(entities.locations.len())].0;
        let tag = format!("tag-{}", rng.below(50));
        let mut article = String::new();
        for _ in 0..8 {
            for _ in 0..4 {
                sentence(&mut rng, &entities, &mut article);
            }
            article.push_str("\n\n");
        }
        write(
            &site.join(format!("content/briefs/brief-{i}/index.md")),
            &format!(
                "+++\ntitle = \"Brief {i}\"\ndate = {date}\ntags = [\"{tag}\"]\nactors = [{}]\nlocations = [\"{location}\"]\n+++\nThe editor's text for brief {i}.\n",
                actors.join(", ")
            ),
        );
        write(
            &site.join(format!("content/briefs/brief-{i}/article.txt")),
            &article,
        );
    }
}
