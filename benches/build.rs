//! `cargo bench --bench build`: builds generated corpora (see `support/corpus.rs`) with the
//! release `gloss` binary as a child process and prints, per size: wall time, pages/s, peak
//! RSS of the child, bytes and files per page kind (files, MB, median, KB and files per
//! brief: `support/tally.rs`) and per brief, the median brief page, the
//! largest HTML page, per-stage times (`gloss build -v`) and, when `hugo` is on the PATH, a
//! paired Hugo comparison (gloss and Hugo alternate, median of the runs). No test depends on
//! these numbers.
//!
//! Environment:
//! - `GLOSS_BENCH_SIZES=1000,10000` (the default): brief counts; `100000` is the archive
//!   size (20,000 actors, 10,000 locations, 10,000 incidents; ~10 GB of disk for corpus and
//!   output, Hugo skipped above 10,000 unless `GLOSS_BENCH_HUGO_MAX` says otherwise).
//! - `GLOSS_BENCH_RUNS=3`: cold runs per tool (and one warm rebuild for gloss).
//! - `GLOSS_BENCH_DIR=DIR`: only write the corpus of the first size there, for profiling.
//! - `GLOSS_BENCH_COMPACT=true|false|auto`: the corpus's `[publish] compact` (unset: the
//!   default, `"auto"`: compact from 20,000 briefs), to compare full and compact pages.
//! - `HUGO=/path/to/hugo` picks the Hugo binary (call the real binary, not a wrapper).
//!
//! Peak RSS comes from `/usr/bin/time -f %M` (GNU time), which reads the child's rusage.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/tally.rs"]
mod tally;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One measured run of a child process.
#[derive(Clone, Debug, Default)]
struct Run {
    wall: f64,
    /// Peak resident set in MB (0 when GNU time is missing).
    rss_mb: f64,
    stdout: String,
}

/// Runs `program args` under GNU time (when present) and measures it.
fn measure(program: &Path, args: &[&std::ffi::OsStr]) -> Run {
    let gnu_time = Path::new("/usr/bin/time");
    let rusage = std::env::temp_dir().join(format!("gloss-bench-rusage-{}", std::process::id()));
    let mut command = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.arg("-f").arg("%M").arg("-o").arg(&rusage).arg(program);
        c
    } else {
        Command::new(program)
    };
    command.args(args);
    let start = Instant::now();
    let output = command.output().expect("run the child");
    let wall = start.elapsed().as_secs_f64();
    assert!(
        output.status.success(),
        "{} failed:\n{}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let rss_kb: f64 = std::fs::read_to_string(&rusage)
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()))
        .unwrap_or(0.0);
    let _ = std::fs::remove_file(&rusage);
    Run {
        wall,
        rss_mb: rss_kb / 1024.0,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    }
}

fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    runs[runs.len() / 2].clone()
}

/// Flushes the previous run's writes so that they are not charged to the next run.
///
/// Every cold run writes into a folder of its own and none is deleted until the end: on
/// ext4, creating files right after deleting tens of thousands makes the inode allocator
/// scan the recently deleted ones (`recently_deleted` in a profile), which measured 2.5x
/// slower at 10k briefs (25.6 s against 10.0 s, the same binary).
fn settle() {
    Command::new("sync").status().ok();
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Adds `GLOSS_BENCH_COMPACT`, when set, to the generated site's `config.toml`.
fn set_compact(site: &Path) {
    let Ok(value) = std::env::var("GLOSS_BENCH_COMPACT") else {
        return;
    };
    let value = if value == "auto" {
        "\"auto\"".to_string()
    } else {
        value
    };
    let config = site.join("config.toml");
    let text = std::fs::read_to_string(&config).expect("the corpus has a config");
    std::fs::write(&config, format!("{text}[publish]\ncompact = {value}\n")).expect("config");
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("GLOSS_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    if let Ok(keep) = std::env::var("GLOSS_BENCH_DIR") {
        let size = corpus::Size::for_briefs(sizes[0]);
        let (site, _) = corpus::generate(Path::new(&keep), size, true);
        set_compact(&site);
        println!("generated {size:?} in {keep}");
        return;
    }
    let runs = env_usize("GLOSS_BENCH_RUNS", 3).max(1);
    let hugo_max = env_usize("GLOSS_BENCH_HUGO_MAX", 10_000);
    let gloss = PathBuf::from(env!("CARGO_BIN_EXE_gloss"));
    let hugo_bin = PathBuf::from(std::env::var("HUGO").unwrap_or_else(|_| "hugo".into()));
    let hugo_version = Command::new(&hugo_bin)
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let mut timed = Vec::new();
    for briefs in sizes {
        let size = corpus::Size::for_briefs(briefs);
        let with_hugo = hugo_version.is_some() && briefs <= hugo_max;
        let dir =
            tempfile::tempdir_in(std::env::var("GLOSS_BENCH_TMP").unwrap_or_else(|_| ".".into()))
                .expect("temp dir");
        let started = Instant::now();
        let (site, hugo_site) = corpus::generate(dir.path(), size, with_hugo);
        set_compact(&site);
        println!(
            "\n== {} briefs, {} actors, {} locations, {} incidents (generated in {:.1} s)",
            size.briefs,
            size.actors,
            size.locations,
            size.incidents,
            started.elapsed().as_secs_f64()
        );
        let out_for = |tool: &str, run: usize| dir.path().join(format!("{tool}-public-{run}"));
        let gloss_args = |out: &Path| -> Vec<std::ffi::OsString> {
            vec![
                "--root".into(),
                site.clone().into(),
                "build".into(),
                "-v".into(),
                "--output-dir".into(),
                out.into(),
            ]
        };
        let hugo_args = |out: &Path| -> Vec<std::ffi::OsString> {
            vec![
                "--quiet".into(),
                "--source".into(),
                hugo_site.clone().into(),
                "--destination".into(),
                out.into(),
            ]
        };
        let (mut g, mut h) = (Vec::new(), Vec::new());
        for run in 0..runs {
            settle();
            let args = gloss_args(&out_for("gloss", run));
            let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
            g.push(measure(&gloss, &args));
            if with_hugo {
                settle();
                let args = hugo_args(&out_for("hugo", run));
                let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
                h.push(measure(&hugo_bin, &args));
            }
        }
        let out = out_for("gloss", runs - 1);
        let hugo_out = out_for("hugo", runs - 1);
        let warm = {
            settle();
            let args = gloss_args(&out);
            let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
            measure(&gloss, &args)
        };
        let cold = median(g);
        timed.push((size.briefs, cold.wall));
        let t = tally::Tally::of(&out);
        let (bytes, files) = (t.bytes(), t.files());
        println!(
            "gloss cold: {:.2} s, {:.0} pages/s, peak RSS {:.0} MB, {} HTML pages, {} files, {:.1} MB",
            cold.wall,
            t.html as f64 / cold.wall,
            cold.rss_mb,
            t.html,
            files,
            bytes as f64 / 1e6
        );
        println!(
            "per brief: {:.1} KB and {:.2} files; median brief page {:.1} KB (issue 26: <= 25 KB, <= 4 files, <= 12 KB)",
            bytes as f64 / 1024.0 / size.briefs as f64,
            files as f64 / size.briefs as f64,
            t.median("briefs/ pages") as f64 / 1024.0
        );
        println!(
            "gloss warm rebuild (nothing changed): {:.2} s, peak RSS {:.0} MB",
            warm.wall, warm.rss_mb
        );
        println!(
            "largest HTML page: {} ({:.0} KB)",
            t.largest.1,
            t.largest.0 as f64 / 1024.0
        );
        println!("stages (median cold run):");
        for line in cold
            .stdout
            .lines()
            .filter(|l| l.ends_with(" ms") || l.ends_with(" MB"))
        {
            println!("  {}", line.trim());
        }
        t.print(size.briefs);
        if with_hugo {
            let hugo = median(h);
            let hugo_bytes: u64 = tally::walk(&hugo_out)
                .iter()
                .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
                .sum();
            println!(
                "hugo cold: {:.2} s, peak RSS {:.0} MB, {:.1} MB written ({})",
                hugo.wall,
                hugo.rss_mb,
                hugo_bytes as f64 / 1e6,
                hugo_version.as_deref().unwrap_or("")
            );
            println!(
                "gloss is {:.1}x faster than hugo (median of {runs} alternating cold runs)",
                hugo.wall / cold.wall
            );
        } else if hugo_version.is_none() {
            println!("hugo: not installed (apt-get install hugo), comparison skipped");
        }
    }
    print_scaling(&timed);
}

/// How the cold build's time grows from each size to the next against the briefs (issue
/// 26: the archive's build should grow about as fast as the archive, not faster).
fn print_scaling(timed: &[(usize, f64)]) {
    for pair in timed.windows(2) {
        let [(small, t_small), (large, t_large)] = pair else {
            continue;
        };
        println!(
            "\nscaling: {small} -> {large} briefs ({:.1}x) took {:.1}x the time ({:.2} -> {:.2} s)",
            *large as f64 / *small as f64,
            t_large / t_small,
            t_small,
            t_large
        );
    }
}
