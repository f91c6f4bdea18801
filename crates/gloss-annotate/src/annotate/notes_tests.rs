//! Tests of note anchoring.

use super::*;

fn note(quote: &str) -> NoteSpec {
    NoteSpec {
        quote: quote.to_string(),
        html: "<p>n</p>".to_string(),
        line: 7,
        column: 3,
    }
}

const ARTICLE: [&str; 3] = [
    "At least 14 rockets were fired at Ain al-Asad Air Base on Wednesday.",
    "The \u{201C}Islamic Resistance\u{201D} claimed it \u{2014} again, officials\u{2019} said.",
    "Two U.S. troops were hurt. Two U.S. troops were hurt.",
];

#[test]
fn found_with_whitespace_and_typography_forgiven() {
    let passages = anchor(
        &ARTICLE,
        &[
            note("14 rockets\n   were fired"),
            note("\"Islamic Resistance\" claimed it -- again"),
            note("it - again, officials' said"),
        ],
    );
    let Err(errors) = &passages else {
        panic!("expected the doubled dash to fail");
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 7);

    let passages = anchor(
        &ARTICLE,
        &[
            note("14 rockets\n   were fired"),
            note("\"Islamic Resistance\" claimed it - again, officials' said"),
        ],
    )
    .unwrap_or_default()
    .passages;
    assert_eq!(passages.len(), 2);
    assert_eq!(
        &ARTICLE[0][passages[0].range.clone()],
        "14 rockets were fired"
    );
    assert_eq!(passages[1].note, 2);
    assert_eq!(
        &ARTICLE[1][passages[1].range.clone()],
        "\u{201C}Islamic Resistance\u{201D} claimed it \u{2014} again, officials\u{2019} said"
    );
}

#[test]
fn not_found_names_the_closest_passage() {
    let errors = anchor(
        &ARTICLE,
        &[note("at least 15 rockets were fired at Ain al-Assad")],
    )
    .err()
    .unwrap_or_default();
    assert_eq!(
        errors,
        vec![NoteError {
            line: 7,
            column: 3,
            kind: NoteErrorKind::NotFound {
                closest: "At least 14 rockets were fired at Ain al-Asad".to_string()
            }
        }]
    );
}

#[test]
fn ambiguous_counts_occurrences() {
    let errors = anchor(&ARTICLE, &[note("U.S. troops were hurt")])
        .err()
        .unwrap_or_default();
    assert_eq!(errors[0].kind, NoteErrorKind::Ambiguous { count: 2 });
}

#[test]
fn empty_quote_and_empty_article() {
    let errors = anchor(&[], &[note("anything"), note("  ")])
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 2);
    assert_eq!(
        errors[0].kind,
        NoteErrorKind::NotFound {
            closest: String::new()
        }
    );
}

#[test]
fn closest_is_fast_on_long_articles() {
    let paragraph =
        "Militia fighters fired rockets at the base again on Tuesday night, officials said. ";
    let long = paragraph.repeat(130); // about 11 KB
    let blocks = [long.as_str()];
    let start = std::time::Instant::now();
    let errors = anchor(
        &blocks,
        &[note("militia fighters fired missiles at the base")],
    )
    .err()
    .unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert!(start.elapsed().as_secs() < 2);
}

fn kinds(blocks: &[&str], quotes: &[&str]) -> Vec<NoteErrorKind> {
    let notes: Vec<NoteSpec> = quotes.iter().map(|q| note(q)).collect();
    anchor(blocks, &notes)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

#[test]
fn quotes_match_whole_words_at_both_ends() {
    let blocks = ["Drone attacks by the groups rose. The rone attacks were fake."];
    // The end cuts "groups": the error shows the whole words.
    assert_eq!(
        kinds(
            &["Drone attacks by the groups rose."],
            &["drone attacks by the group"]
        ),
        vec![NoteErrorKind::NotFound {
            closest: "Drone attacks by the groups".to_string()
        }]
    );
    assert_eq!(
        kinds(
            &["Drone attacks by the groups rose."],
            &["attacks by the group"]
        ),
        vec![NoteErrorKind::CutsWord {
            passage: "attacks by the groups".to_string()
        }]
    );
    assert_eq!(
        kinds(&["Drone attacks rose."], &["rone attacks"]),
        vec![NoteErrorKind::CutsWord {
            passage: "Drone attacks".to_string()
        }]
    );
    // A whole-word occurrence elsewhere is the one matched, and is unique.
    let found = anchor(&blocks, &[note("rone attacks")]).unwrap_or_default();
    assert_eq!(&blocks[0][found.passages[0].range.clone()], "rone attacks");
    // Punctuation edges and a possessive never cut.
    assert!(kinds(&["Iraq\u{2019}s forces said."], &["Iraq", "forces said."]).is_empty());
    assert_eq!(
        kinds(&["Kata\u{2019}ib Hezbollah"], &["ib Hezbollah"]),
        vec![NoteErrorKind::CutsWord {
            passage: "Kata\u{2019}ib Hezbollah".to_string()
        }]
    );
}

#[test]
fn a_quote_across_paragraphs_has_its_own_error() {
    assert_eq!(
        kinds(
            &["One.", "Rockets hit the base.", "Two troops were hurt."],
            &["hit the base. Two troops"]
        ),
        vec![NoteErrorKind::AcrossParagraphs { first: 2 }]
    );
}

#[test]
fn notes_are_numbered_in_article_order() {
    let blocks = ["First passage here.", "Second passage and third passage."];
    let notes = [note("third passage"), note("First"), note("Second passage")];
    let anchored = anchor(&blocks, &notes).unwrap_or_default();
    let order: Vec<(usize, usize)> = anchored
        .passages
        .iter()
        .map(|p| (p.note, p.block))
        .collect();
    assert_eq!(order, [(1, 0), (2, 1), (3, 1)]);
    assert_eq!(anchored.order, [1, 2, 0]);
    let numbered = anchored.numbered(&notes);
    assert_eq!(numbered[0].quote, "First");
    assert_eq!(numbered[2].quote, "third passage");
}

/// Found by the long property run: a quote ending in an apostrophe right before a letter
/// ("a’’" in "a’’a", like "Kata’" in "Kata’ib") ends inside a word.
#[test]
fn a_quote_ending_in_an_apostrophe_before_a_letter_cuts() {
    assert_eq!(
        kinds(&["aa’’ ’ a.", "a’’a."], &["a’’"]),
        vec![NoteErrorKind::CutsWord {
            passage: "aa’’".to_string()
        }]
    );
    assert_eq!(
        kinds(&["Kata\u{2019}ib Hezbollah"], &["Kata\u{2019}"]),
        vec![NoteErrorKind::CutsWord {
            passage: "Kata\u{2019}ib".to_string()
        }]
    );
}

#[test]
fn quotes_match_across_normal_forms_and_invisible_marks() {
    // The article is decomposed (NFD) and has an RLM and a tatweel; the quotes are typed
    // composed and clean.
    let article = ["Jose\u{301} Pe\u{301}rez said: \u{200F}قا\u{0640}سم left the base."];
    let passages = anchor(&article, &[note("José Pérez said"), note("قاسم left")])
        .unwrap_or_default()
        .passages;
    assert_eq!(passages.len(), 2);
    assert_eq!(
        &article[0][passages[0].range.clone()],
        "Jose\u{301} Pe\u{301}rez said"
    );
    assert!(article[0][passages[1].range.clone()].ends_with("سم left"));
}
