//! `cargo bench --bench serve`: the editor's loop under `gloss serve`. For each corpus size
//! (1,000 and 10,000 briefs by default, or the comma-separated `GLOSS_BENCH_SIZES`), starts
//! `gloss serve` on a generated site, then repeatedly appends a sentence to one brief's
//! article and polls the brief's page over HTTP until the sentence is served. The time from
//! the write to the first response that shows it (debounce included) is what an editor
//! waits; the median and 90th percentile are printed, with the server's own account of
//! where its time went (its "Rebuilt" lines). No test depends on these numbers.
//! `GLOSS_BENCH_DIR=DIR` only writes the corpora there (`DIR/1000`, …), for profiling.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "../tests/common/serve.rs"]
mod serve;

use std::path::Path;
use std::time::{Duration, Instant};

use serve::Server;

/// Edits timed per corpus size.
const EDITS: usize = 15;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[at]
}

fn bench(briefs: usize) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let (site, _) = corpus::generate(dir.path(), corpus::Size::for_briefs(briefs), false);
    let started = Instant::now();
    let server = Server::start(&site, Duration::from_secs(600));
    let first = started.elapsed();
    let mut times = Vec::new();
    let mut rebuilt = Vec::new();
    let mut finished = Vec::new();
    for edit in 0..EDITS {
        // A brief in the middle of the list, a different one each time.
        let n = (briefs / 2 + edit * 7) % briefs;
        let article = site.join(format!("content/briefs/brief-{n}/article.txt"));
        let text = std::fs::read_to_string(&article).expect("read article");
        let marker = format!("Benchmark edit number {edit} was made.");
        let page = format!("/briefs/brief-{n}/");
        let start = Instant::now();
        std::fs::write(&article, format!("{text}{marker}\n")).expect("edit");
        loop {
            if server.get(&page).text().contains(&marker) {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "the edit never showed"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        times.push(start.elapsed());
        rebuilt.push(server.line_with("Rebuilt", Duration::from_secs(120)));
        // The search index, feeds and data files follow the page; the next edit comes
        // after them, as an editor's next save does.
        finished.push(server.line_with("Finished", Duration::from_secs(120)));
        std::thread::sleep(Duration::from_millis(100));
        server.skip_lines();
    }
    times.sort();
    format!(
        "{briefs} briefs: first build {first:.2?}; edit -> new page served: median {:.1?}, p90 {:.1?}, min {:.1?}, max {:.1?}\n  server: {}\n  server: {}\n",
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        times[0],
        times[times.len() - 1],
        rebuilt.last().map_or("", String::as_str),
        finished.last().map_or("", String::as_str)
    )
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("GLOSS_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    if let Ok(keep) = std::env::var("GLOSS_BENCH_DIR") {
        // Only write the corpora, to profile serve on them by hand.
        for briefs in sizes {
            corpus::generate(
                &Path::new(&keep).join(briefs.to_string()),
                corpus::Size::for_briefs(briefs),
                false,
            );
        }
        return;
    }
    let mut summary = String::new();
    for briefs in sizes {
        let line = bench(briefs);
        print!("{line}");
        summary.push_str(&line);
    }
    print!("\nsummary:\n{summary}");
}
