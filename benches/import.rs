//! `cargo bench --bench import`: generates an ACLED-shaped CSV file (100,000 rows by
//! default, `GLOSS_IMPORT_ROWS` to change) and an empty site, then imports it twice with
//! the release `gloss` binary under GNU time: the first import creates everything, the
//! second must change nothing. Prints wall time and peak RSS of each. `GLOSS_IMPORT_DIR`
//! keeps the files there instead of in a temporary folder. No test depends on the numbers.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// A small deterministic generator (xorshift), so every run imports the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// `rows` events among 400 actors and 3,000 places, a third of them month-precise.
fn generate(rows: usize, to: &Path) -> std::io::Result<()> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut text = String::with_capacity(rows * 300);
    text.push_str(HEADER);
    text.push('\n');
    for i in 0..rows {
        let (month, day) = (1 + rng.next(12), 1 + rng.next(28));
        let precision = if rng.next(3) == 0 { 3 } else { 1 };
        let (a1, a2) = (rng.next(400), rng.next(400));
        let place = rng.next(3_000);
        let (lat, lon) = (
            29.0 + (place / 60) as f64 * 0.12,
            39.0 + (place % 60) as f64 * 0.14,
        );
        let _ = writeln!(
            text,
            "XYZ{i},2020-{month:02}-{day:02},2020,{precision},Political violence,Battles,Armed clash,\
             Armed Group {a1} (Iraq),,,Armed Group {a2} (Iraq),,,,,368,Middle East,Iraq,Province {},,,\
             Place {place},{lat:.4},{lon:.4},{},Outlet {}; Wire {},National,\
             \"On that day, group {a1} and group {a2} clashed near place {place}, \"\"reportedly\"\" at dawn.\",{},,1618312345",
            place % 18,
            1 + rng.next(3),
            rng.next(50),
            rng.next(5),
            rng.next(10),
        );
    }
    std::fs::write(to, text)
}

/// Runs gloss under GNU time; returns wall seconds, peak RSS in MB and stdout's last line.
fn import(gloss: &Path, site: &Path, csv: &Path) -> (f64, f64, String) {
    let rusage = site.join("rusage");
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rusage)
        .arg(gloss)
        .arg("--root")
        .arg(site)
        .args(["import", "acled"])
        .arg(csv)
        .output()
        .expect("run /usr/bin/time gloss");
    let wall = start.elapsed().as_secs_f64();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let kb: f64 = std::fs::read_to_string(&rusage)
        .ok()
        .and_then(|t| t.trim().lines().last().and_then(|l| l.parse().ok()))
        .unwrap_or(0.0);
    let stdout = String::from_utf8_lossy(&output.stdout);
    (
        wall,
        kb / 1000.0,
        stdout.lines().last().unwrap_or_default().to_string(),
    )
}

fn main() {
    let rows: usize = std::env::var("GLOSS_IMPORT_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = std::env::var_os("GLOSS_IMPORT_DIR")
        .map_or_else(|| temp.path().to_path_buf(), PathBuf::from);
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("content")).expect("site");
    std::fs::write(
        site.join("config.toml"),
        "title = \"Import bench\"\nbase_url = \"https://example.org/\"\n",
    )
    .expect("config");
    let csv = dir.join(format!("acled-{rows}.csv"));
    generate(rows, &csv).expect("generate");
    let mb = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!("{rows} rows, {mb:.1} MB of CSV");
    let gloss = PathBuf::from(env!("CARGO_BIN_EXE_gloss"));
    for run in ["first import", "second import (no change)"] {
        let (wall, rss, last) = import(&gloss, &site, &csv);
        println!("{run}: {wall:.1} s, peak RSS {rss:.0} MB\n  {last}");
    }
}
