//! Showing how a note's quote differs from the article passage closest to it.
//!
//! A quote that almost matches is usually a retyping slip or a cut word, and an editor
//! sees the slip faster when the two are shown aligned with the differing characters
//! marked than when they are shown one after the other.

/// Longest quote or passage (in characters) that is aligned; longer ones are shown
/// without marks, to keep the alignment (quadratic) cheap.
const MAX_ALIGNED: usize = 600;

/// The quote and the passage on two aligned lines, and a third line with `^` under every
/// column where they differ, each line after `indent`. Gaps are shown as spaces.
pub(crate) fn mark_differences(quote: &str, passage: &str, indent: &str) -> String {
    let q: Vec<char> = quote.chars().collect();
    let p: Vec<char> = passage.chars().collect();
    if q.len() > MAX_ALIGNED || p.len() > MAX_ALIGNED {
        return format!("{indent}quote:   {quote}\n{indent}article: {passage}");
    }
    let (mut top, mut bottom, mut marks) = (String::new(), String::new(), String::new());
    for step in align(&q, &p) {
        let (a, b) = match step {
            Step::Same(c) => (c, c),
            Step::Changed(a, b) => (a, b),
            Step::QuoteOnly(a) => (a, ' '),
            Step::PassageOnly(b) => (' ', b),
        };
        top.push(a);
        bottom.push(b);
        marks.push(if matches!(step, Step::Same(_)) {
            ' '
        } else {
            '^'
        });
    }
    format!(
        "{indent}quote:   {}\n{indent}article: {}\n{indent}         {}",
        top.trim_end(),
        bottom.trim_end(),
        marks.trim_end()
    )
}

/// One column of an alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Same(char),
    Changed(char, char),
    QuoteOnly(char),
    PassageOnly(char),
}

/// A least-edits alignment of `q` and `p` (Levenshtein with a traceback).
fn align(q: &[char], p: &[char]) -> Vec<Step> {
    let width = p.len() + 1;
    let mut cost = vec![0usize; (q.len() + 1) * width];
    for (j, cell) in cost.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=q.len() {
        cost[i * width] = i;
        for j in 1..=p.len() {
            let change = cost[(i - 1) * width + j - 1] + usize::from(q[i - 1] != p[j - 1]);
            let skip_q = cost[(i - 1) * width + j] + 1;
            let skip_p = cost[i * width + j - 1] + 1;
            cost[i * width + j] = change.min(skip_q).min(skip_p);
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (q.len(), p.len());
    while i > 0 || j > 0 {
        let here = cost[i * width + j];
        if i > 0
            && j > 0
            && here == cost[(i - 1) * width + j - 1] + usize::from(q[i - 1] != p[j - 1])
        {
            steps.push(if q[i - 1] == p[j - 1] {
                Step::Same(q[i - 1])
            } else {
                Step::Changed(q[i - 1], p[j - 1])
            });
            (i, j) = (i - 1, j - 1);
        } else if j > 0 && here == cost[i * width + j - 1] + 1 {
            steps.push(Step::PassageOnly(p[j - 1]));
            j -= 1;
        } else {
            steps.push(Step::QuoteOnly(q[i - 1]));
            i -= 1;
        }
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_a_cut_word() {
        assert_eq!(
            mark_differences("rone attacks", "drone attacks", ""),
            "quote:    rone attacks\narticle: drone attacks\n         ^"
        );
        assert_eq!(
            mark_differences("by the group", "by the groups", "  "),
            "  quote:   by the group\n  article: by the groups\n                       ^"
        );
    }

    #[test]
    fn marks_a_changed_character() {
        let shown = mark_differences("15 rockets", "14 rockets", "");
        assert!(shown.ends_with("\n          ^"), "{shown}");
    }
}
