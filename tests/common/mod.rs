//! Fixture sites for integration tests: a small but complete site written into a temporary
//! folder, the `gloss` binary run on it, and helpers to query the built HTML.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scraper::{Html, Selector};

/// A site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// An empty site with a config.
    pub fn empty() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write(
            "config.toml",
            "title = \"Fixture briefs\"\nbase_url = \"https://example.github.io/repo\"\n",
        );
        site.write(
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nAnnotated fixture briefs.\n",
        );
        site
    }

    /// The standard fixture: entities, incidents around one brief, and a second brief.
    pub fn fixture() -> Site {
        let site = Site::empty();
        site.write("content/actors/kataib-hezbollah.md", "+++\nname = \"Kata'ib Hezbollah\"\naliases = [\"KH\", \"Hezbollah Brigades\"]\nkind = \"militia\"\naffiliation = [\"popular-mobilization-forces\"]\n+++\nAn Iran-backed Iraqi militia.\n\nMore detail.\n");
        site.write("content/actors/popular-mobilization-forces.md", "+++\nname = \"Popular Mobilization Forces\"\naliases = [\"PMF\"]\nkind = \"organization\"\n+++\nAn umbrella of paramilitary groups.\n");
        site.write("content/actors/wayne-marotto.md", "+++\nname = \"Wayne Marotto\"\nshort_names = [\"Marotto\"]\nkind = \"person\"\n+++\nCoalition spokesman.\n");
        site.write("content/actors/iran.md", "+++\nname = \"Iran\"\nkind = \"government\"\nwikidata = \"Q794\"\n+++\nThe Islamic Republic.\n");
        site.write(
            "content/actors/us-forces.md",
            "+++\nname = \"U.S. forces\"\nkind = \"military\"\n+++\nAmerican troops.\n",
        );
        site.write(
            "content/locations/iraq.md",
            "+++\nname = \"Iraq\"\nkind = \"country\"\n+++\nA country.\n",
        );
        site.write("content/locations/anbar-province.md", "+++\nname = \"Anbar province\"\nkind = \"province\"\nwithin = \"iraq\"\n+++\nWestern Iraq.\n");
        site.write("content/locations/ain-al-asad-air-base.md", "+++\nname = \"Ain al-Asad Air Base\"\naliases = [\"al-Asad\"]\nkind = \"military base\"\ncoordinates = [33.80, 42.44]\nwithin = \"anbar-province\"\n+++\nA large air base.\n");
        site.write("content/incidents/2018-06-01-listed.md", "+++\ntitle = \"An unrelated incident listed by hand\"\ndate = 2018-06-01\nstatus = \"reported\"\n+++\nListed.\n");
        site.write("content/incidents/2019-03-unrelated.md", "+++\ntitle = \"Unrelated incident\"\ndate = \"2019-03\"\nactors = [\"iran\"]\n+++\nNot shared.\n");
        site.write("content/incidents/2020-01-08-missiles.md", "+++\ntitle = \"Iranian missiles strike the base\"\ndate = 2020-01-08\nlocation = \"ain-al-asad-air-base\"\nactors = [\"iran\", \"us-forces\"]\nkind = \"missile strike\"\nstatus = \"confirmed\"\ncasualties = { killed = 0, injured = 110 }\nsources = [{ outlet = \"Pentagon\", url = \"https://example.com/a\", published = 2020-01-10 }]\n+++\nBallistic missiles.\n");
        site.write("content/incidents/2020-05-claim.md", "+++\ntitle = \"A claimed attack\"\ndate = \"2020-05\"\nactors = [\"kataib-hezbollah\"]\nstatus = \"claimed\"\n+++\nClaimed only.\n");
        site.write("content/incidents/2021-07-07-rockets.md", "+++\ntitle = \"Rockets hit the base\"\ndate = 2021-07-07\nlocation = \"ain-al-asad-air-base\"\nactors = [\"kataib-hezbollah\"]\nstatus = \"confirmed\"\n+++\nFourteen rockets.\n");
        site.write("content/incidents/2021-08-01-later.md", "+++\ntitle = \"A later attack\"\ndate = 2021-08-01\nactors = [\"kataib-hezbollah\"]\n+++\nAfter the brief.\n");
        site.write("content/briefs/rockets/index.md", "+++\ntitle = \"Rockets hit Ain al-Asad\"\ndate = 2021-07-07\ntags = [\"Iraq\", \"rocket attacks\"]\nevent = \"2021-07-07-rockets\"\nactors = [{ id = \"wayne-marotto\", role = \"coalition spokesman\" }, \"kataib-hezbollah\"]\nlocations = [\"ain-al-asad-air-base\"]\nincidents = [\"2018-06-01-listed\"]\n[source]\noutlet = \"The Daily Fixture\"\nauthor = \"A. Writer\"\nurl = \"https://example.com/story\"\npublished = 2021-07-07\n+++\nThe editor's summary of the attack.\n\n## Notes\n\n> two U.S. service members\n\nThe Pentagon's count.\n");
        site.write("content/briefs/rockets/article.txt", "At least 14 rockets hit Ain al-Asad Air Base in Iraq on Wednesday, injuring two U.S. service members.\nKata’ib Hezbollah did not comment. Col. Wayne Marotto condemned the attack; Marotto spoke on Twitter.\nAdvertisement\nThe [launcher] was found <burned> & abandoned.\n• A. Reporter contributed to this report.\n");
        site.write("content/briefs/missiles.md", "+++\ntitle = \"Missiles on the base\"\ndate = 2020-01-09\ntags = [\"iraq\"]\nevent = \"2020-01-08-missiles\"\nactors = [\"iran\"]\n+++\nIran fired missiles at al-Asad.\n");
        site.write(
            "content/briefs/draft.md",
            "+++\ntitle = \"Unfinished\"\ndate = 2021-07-08\ndraft = true\n+++\nNot yet.\n",
        );
        site.write(
            "content/pages/about.md",
            "+++\ntitle = \"About\"\n+++\nAbout this fixture.\n",
        );
        site
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the site, creating folders.
    pub fn write(&self, path: &str, text: &str) {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("has parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    }

    /// Deletes a file of the site.
    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.dir.path().join(path)).expect("remove");
    }

    /// Runs `gloss --root SITE args…`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("gloss")
            .expect("binary")
            .arg("--root")
            .arg(self.dir.path())
            .args(args)
            .output()
            .expect("run gloss");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Builds into `public/` and asserts success.
    pub fn build(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// The built file at a path under `public/`.
    pub fn read(&self, path: &str) -> String {
        let full = self.public().join(path);
        std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    /// A built page, parsed.
    pub fn page(&self, path: &str) -> Html {
        Html::parse_document(&self.read(path))
    }

    /// The output folder.
    pub fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Every file under `public/` with its bytes, to compare builds.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        walk(&self.public())
    }
}

/// Every file under a folder with its bytes.
pub fn walk(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).expect("below").to_path_buf(),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    files
}

/// The trimmed, whitespace-folded text of every element matching a CSS selector.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("valid selector");
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of an attribute on every element matching a CSS selector.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("valid selector");
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
