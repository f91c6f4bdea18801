//! The hostile corpus: inputs made to exhaust the stack, memory or time (long tokens in
//! several scripts, megabyte paragraphs without full stops, thousands of notes, tags and
//! aliases, endless or huge `--from` files). Each is generated here, run through the
//! `gloss` binary under a 4 GiB address-space cap (`ulimit -v`: virtual memory, which
//! mimalloc reserves in large arenas, so the cap stops a runaway rather than measures),
//! a peak resident memory of at most 1 GiB (read from `/proc` while it runs) and a
//! wall-clock cap, and must end in success or in the error docs/limits.md documents.

mod common;

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, Site};

/// The address space the binary may use, in KiB (`ulimit -v`).
const MEMORY_KIB: u64 = 4 * 1024 * 1024;
/// The peak resident memory the binary may reach, in KiB.
const RESIDENT_KIB: u64 = 1024 * 1024;
/// How long a run may take, however loaded the machine (a debug build).
const WALL: Duration = Duration::from_secs(90);

/// Runs `gloss --root SITE args…` under [`MEMORY_KIB`] and [`WALL`]; fails the test on
/// a timeout, a crash or a panic.
fn capped(site: &Site, args: &[&str]) -> Run {
    capped_for(site, args, WALL)
}

/// [`capped`] with another wall-clock cap, for a site of thousands of pages (each page
/// costs time in a debug build; the cap still stops a quadratic run).
fn capped_for(site: &Site, args: &[&str], wall: Duration) -> Run {
    let out = tempfile::tempdir().expect("temp dir");
    let (stdout, stderr) = (out.path().join("stdout"), out.path().join("stderr"));
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_gloss"))
        .arg("--root")
        .arg(site.root())
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr).expect("stderr file"))
        .spawn()
        .expect("run gloss");
    let started = Instant::now();
    let mut peak = 0;
    let status = loop {
        // `exec` keeps the pid: the shell's status is gloss's once it runs.
        peak = peak.max(resident_peak_kib(child.id()).unwrap_or(0));
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > wall {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gloss {args:?} ran longer than {wall:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        peak <= RESIDENT_KIB,
        "gloss {args:?} peaked at {peak} KiB resident"
    );
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(stdout).unwrap_or_default(),
        stderr: std::fs::read_to_string(stderr).unwrap_or_default(),
    };
    run.never_says("panicked")
        .never_says("overflow")
        .never_says("memory allocation");
    assert!(
        run.code == 0 || run.code == 1,
        "exit {} (a crash?):\n{}",
        run.code,
        run.stderr
    );
    run
}

/// The peak resident memory so far of process `pid` (`VmHWM`), where `/proc` has it.
fn resident_peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A small site: one actor with `aliases`, one brief with `front` extra front matter,
/// the `article` and the `notes` section.
fn site(aliases: &str, front: &str, article: &str, notes: &str) -> Site {
    let site = Site::empty();
    site.write(
        "content/actors/port-authority.md",
        &format!("+++\nname = \"Port Authority\"\naliases = [{aliases}]\n+++\nRuns the port.\n"),
    );
    site.write(
        "content/briefs/pier/index.md",
        &format!(
            "+++\ntitle = \"Pier\"\ndate = 2024-03-04\n{front}+++\nThe editor's text.\n{notes}"
        ),
    );
    site.write("content/briefs/pier/article.txt", article);
    site
}

/// A deterministic stream of pseudo-random numbers (no dependency for test data).
fn numbers(seed: u64) -> impl Iterator<Item = u64> {
    let mut x = seed;
    std::iter::repeat_with(move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    })
}

fn token(alphabet: &[char], len: usize, seed: u64) -> String {
    numbers(seed)
        .take(len)
        .map(|n| alphabet[(n % alphabet.len() as u64) as usize])
        .collect()
}

fn range(from: u32, to: u32) -> Vec<char> {
    (from..to).filter_map(char::from_u32).collect()
}

#[test]
fn long_tokens_in_every_script_build_and_are_searchable_by_their_start() {
    let hex: Vec<char> = "0123456789abcdef".chars().collect();
    let base64: Vec<char> = ('A'..='Z')
        .chain('a'..='z')
        .chain('0'..='9')
        .chain(['+', '/'])
        .collect();
    let tokens = [
        token(&hex, 12_000, 1),
        token(&base64, 12_000, 2),
        token(&range(0x4e00, 0x9fa0), 6_000, 3),
        token(&range(0x0627, 0x064a), 10_000, 4),
        token(&['a', 'b'], 12_000, 5),
    ];
    let article: String = tokens
        .iter()
        .map(|t| format!("The Port Authority posted {t} today.\n\n"))
        .collect();
    let site = site("\"the port\"", "", &article, "");
    let run = capped(&site, &["build"]);
    run.succeeds();
    let meta = site.read("search/chunks/meta.js");
    assert!(meta.contains("\"maxw\":64"), "{meta}");
    for name in common::walk(&site.public()).keys() {
        let longest = name.iter().map(|part| part.len()).max().unwrap_or(0);
        assert!(longest < 200, "{}", name.display());
    }
}

#[test]
fn a_megabyte_paragraph_without_full_stops_stays_small() {
    let words = [
        "the port",
        "Port Authority",
        "said",
        "ferry",
        "island",
        "repair",
    ];
    let mut article = String::new();
    for n in numbers(7).take(200_000) {
        article.push_str(words[(n % words.len() as u64) as usize]);
        article.push(' ');
    }
    assert!(article.len() > 1_000_000);
    let site = site("\"the port\"", "", &article, "");
    let run = capped(&site, &["build"]);
    run.succeeds();
    let page = site.read("actors/port-authority/index.html");
    assert!(page.len() < 2_000_000, "{}", page.len());
}

/// A long alias, and too many of them: errors at their file:line:col.
#[test]
fn long_and_many_aliases_are_errors_that_name_the_limit() {
    let site = site(
        &format!("\"the port\", \"{}\"", "a".repeat(10_000)),
        "",
        "The Port Authority spoke.\n",
        "",
    );
    let run = capped(&site, &["build"]);
    run.fails()
        .says("content/actors/port-authority.md:3:24")
        .says("at most 200");
    assert!(
        run.stderr.lines().all(|l| l.len() < 400),
        "the snippet is cut:\n{}",
        &run.stderr[..2000.min(run.stderr.len())]
    );

    let many: Vec<String> = (0..201).map(|i| format!("\"port {i}\"")).collect();
    let site = self::site(&many.join(", "), "", "The Port Authority spoke.\n", "");
    capped(&site, &["build"])
        .fails()
        .says("201 aliases listed; gloss accepts at most 200");

    // At the limit: 200 aliases, each matched in a long article.
    let many: Vec<String> = (0..200).map(|i| format!("\"port {i}\"")).collect();
    let article: String = (0..2_000)
        .map(|i| format!("Port {} spoke at dawn.\n\n", i % 250))
        .collect();
    let site = self::site(&many.join(", "), "", &article, "");
    let run = capped(&site, &["build"]);
    run.succeeds();
}

#[test]
fn too_many_tags_and_notes_are_errors_that_name_the_limit() {
    let tags: Vec<String> = (0..200_000).map(|i| format!("\"t{i}\"")).collect();
    let site = site("", &format!("tags = [{}]\n", tags.join(",")), "Text.\n", "");
    capped(&site, &["build"])
        .fails()
        .says("200000 tags listed; gloss accepts at most 2000")
        .says("content/briefs/pier/index.md:4:");

    let mut notes = String::from("\n## Notes\n");
    for i in 0..50_000 {
        let _ = write!(notes, "\n> Text\n\nNote {i}.\n");
    }
    let site = self::site("", "", "Text.\n", &notes);
    capped(&site, &["build"])
        .fails()
        .says("this brief has 50000 notes; gloss accepts at most 2000");
}

#[test]
fn thousands_of_notes_found_and_missing_stay_fast() {
    let article: String = (0..5_000)
        .map(|i| format!("Paragraph {i} says the ferry runs again.\n\n"))
        .collect();
    let mut notes = String::from("\n## Notes\n");
    for i in 0..2_000 {
        let _ = write!(notes, "\n> Paragraph {i} says\n\nNote {i}.\n");
    }
    let site = site("", "", &article, &notes);
    let run = capped(&site, &["build"]);
    run.succeeds();

    let mut notes = String::from("\n## Notes\n");
    for i in 0..1_000 {
        let _ = write!(notes, "\n> a quote {i} that is nowhere\n\nNote {i}.\n");
    }
    let site = self::site("", "", &article, &notes);
    let run = capped(&site, &["build"]);
    run.fails();
    assert_eq!(
        run.stderr
            .matches("this note's quote is not in the article")
            .count(),
        1_000
    );
}

/// Runs `gloss new brief Title --from PATH` and expects the error that says `wanted`.
fn new_from_fails(site: &Site, from: &std::path::Path, wanted: &str) {
    let from = from.to_str().unwrap_or("");
    let args = [
        "new",
        "brief",
        "From",
        "--from",
        from,
        "--date",
        "2024-01-01",
    ];
    capped(site, &args).fails().says(wanted);
}

#[test]
fn new_from_refuses_endless_huge_and_special_files() {
    let site = site("", "", "Text.\n", "");
    new_from_fails(&site, "/dev/zero".as_ref(), "not a regular file");
    let huge = site.root().join("huge.txt");
    std::fs::write(&huge, "word ".repeat(1_000_000)).expect("write");
    new_from_fails(&site, &huge, "at most 4096 KB");
    let fifo = site.root().join("pipe");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        new_from_fails(&site, &fifo, "not a regular file");
    }
}

#[test]
fn an_article_over_the_size_limit_is_an_error_naming_the_file() {
    let site = site("", "", &"word ".repeat(900_000), "");
    capped(&site, &["build"])
        .fails()
        .says("content/briefs/pier/article.txt")
        .says("at most 4096 KB");
}

/// Thousands of long quotes over a long article: every quote is looked for in one pass
/// over the article, not one pass per note (minutes before).
#[test]
fn thousands_of_long_quotes_over_a_long_article_stay_fast() {
    let words = ["ferry", "island", "said", "repair", "the", "dock"];
    let article: String = numbers(11)
        .take(450_000)
        .map(|n| words[(n % words.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ");
    assert!(article.len() > 2_500_000);
    let mut notes = String::from("\n## Notes\n");
    for i in 0..2_000 {
        // A whole-word window of about 600 bytes, a different one for each note.
        let from = article[i * 1_200..]
            .find(' ')
            .map_or(0, |at| i * 1_200 + at + 1);
        let to = article[..from + 600].rfind(' ').unwrap_or(from);
        let _ = write!(notes, "\n> {}\n\nNote {i}.\n", &article[from..to]);
    }
    let site = site("", "", &article, &notes);
    capped(&site, &["build"]).succeeds();
}

/// One brief naming thousands of actors: the entities of a brief relate to each other
/// pairwise (related lists, the network), so only its first ones do (gigabytes and
/// minutes before).
#[test]
fn a_brief_naming_thousands_of_actors_stays_small() {
    let site = Site::empty();
    let mut article = String::new();
    for i in 0..10_000 {
        site.write(
            &format!("content/actors/a{i}.md"),
            &format!("+++\nname = \"Member{i} Person\"\n+++\nA person.\n"),
        );
        let _ = write!(article, "Member{i} Person spoke.\n\n");
    }
    site.write(
        "content/briefs/crowd/index.md",
        "+++\ntitle = \"Crowd\"\ndate = 2024-03-04\n+++\nThe editor's text.\n",
    );
    site.write("content/briefs/crowd/article.txt", &article);
    // 10,000 actor pages take about a minute in a debug build on a loaded machine.
    capped_for(&site, &["build"], 3 * WALL).succeeds();
}

/// A table of two million two-byte cells in the editor's text (within the file limit):
/// each markdown element costs memory while the page is made (1.3 GB before), so past
/// the element limit it is an error at the element.
#[test]
fn a_megabyte_table_is_an_error_naming_the_element_limit() {
    let row = |cell: &str| format!("|{}\n", cell.repeat(1_400));
    let table = format!("{}{}{}", row("a|"), row("-|"), row("b|").repeat(1_400));
    let site = site("", "", "Text.\n", &format!("\n{table}"));
    capped(&site, &["build"])
        .fails()
        .says("content/briefs/pier/index.md:")
        .says("more than 500000 markdown elements");

    // Far from the limit, a large table builds.
    let table = format!("{}{}{}", row("a|"), row("-|"), row("b|").repeat(20));
    let site = self::site("", "", "Text.\n", &format!("\n{table}"));
    capped(&site, &["build"]).succeeds();
}
