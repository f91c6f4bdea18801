//! Words for the search index: folding, tokenising and stemming. The browser tokenises a
//! query with the same rules (static/search.js reads the fold table from `search/meta.js`),
//! and never stems: every word form seen at build time maps to its stem in the vocabulary,
//! so the browser only needs exact, prefix and edit-distance lookups.

use rust_stemmers::{Algorithm, Stemmer};

use crate::markup::shorthand::Shorthands;
use crate::markup::unicode::{is_ignorable, is_loose_mark, nfc};

/// Latin letters with marks and their bare forms, as `"àa áa …"` pairs. Sent to the browser
/// in the meta chunk so both sides fold a query the same way without Unicode tables.
pub const FOLD: &str = "àa áa âa ãa äa åa āa ăa ąa çc ćc čc ďd đd èe ée êe ëe ēe ėe ęe ěe \
ìi íi îi ïi īi įi ıi ñn ńn ňn òo óo ôo õo öo øo ōo őo ŕr řr śs šs şs ßs ťt ţt ùu úu ûu üu ūu \
ůu űu ųu ýy ÿy źz żz žz ğg łl";

/// Folds one lower-case character: Latin marks, Arabic alef variants and alef maqsura.
/// Returns None for characters dropped from words: apostrophes, Arabic diacritics, and the
/// characters the mention matcher skips too (default-ignorable ones such as bidi marks,
/// ZWJ and soft hyphens, tatweel), and accents left loose after NFC.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        '\'' | '’' | '‘' | '`' | 'ʼ' | 'ʻ' => None,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
        _ if is_ignorable(c) || is_loose_mark(c) => None,
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' => Some('ي'),
        _ if c.is_ascii() => Some(c),
        _ => Some(
            FOLD.split(' ')
                .find_map(|pair| {
                    let mut it = pair.chars();
                    (it.next() == Some(c)).then(|| it.next()).flatten()
                })
                .unwrap_or(c),
        ),
    }
}

/// The longest word indexed, in characters: a longer run of letters and digits (a hash, a
/// pasted base64 blob, a line of CJK text without punctuation) is indexed by its first
/// `MAX_WORD_CHARS` characters, and the browser cuts a query word the same way (the meta
/// chunk sends it this number). Documented in docs/limits.md.
pub const MAX_WORD_CHARS: usize = 64;

/// Calls `each` with every folded lower-case word of `text` (runs of letters and digits,
/// in any script, read in NFC so `Pe\u{301}rez` is one word, cut to [`MAX_WORD_CHARS`]),
/// in order, without allocating a string per word: the index counts every word of the
/// archive, and ASCII text (most of it) skips Unicode lower-casing and the fold table.
pub fn each_word(text: &str, each: &mut dyn FnMut(&str)) {
    let text = nfc(text);
    let mut word = String::new();
    let mut chars = 0;
    let mut step = |folded: Option<char>, word: &mut String| match folded {
        None => {}
        Some(f) if f.is_alphanumeric() => {
            if chars < MAX_WORD_CHARS {
                word.push(f);
            }
            chars += 1;
        }
        Some(_) if !word.is_empty() => {
            each(word);
            word.clear();
            chars = 0;
        }
        Some(_) => {}
    };
    for c in text.chars() {
        if c.is_ascii() {
            let lower = c.to_ascii_lowercase();
            step((!matches!(lower, '\'' | '`')).then_some(lower), &mut word);
        } else {
            for lower in c.to_lowercase() {
                step(fold_char(lower), &mut word);
            }
        }
    }
    if !word.is_empty() {
        step(Some(' '), &mut word);
    }
}

/// The English stemmer, applied only to words made of ASCII letters (Arabic and other
/// scripts, and words with digits, are indexed as written, after folding).
pub struct Stems(Stemmer);

impl Stems {
    /// The Snowball English (Porter 2) stemmer.
    pub fn new() -> Stems {
        Stems(Stemmer::create(Algorithm::English))
    }

    /// The stem of one folded word.
    pub fn stem(&self, word: &str) -> String {
        if word.len() > 2 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            self.0.stem(word).into_owned()
        } else {
            word.to_string()
        }
    }
}

/// The plain text of a markdown fragment: its words, with block ends as line breaks, and
/// bare link shorthand (`@actor/slug`) replaced by the name the page shows for it, so
/// results and their words read as the page does.
pub fn markdown_text(markdown: &str, links: &Shorthands) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) if t.contains('@') => out.push_str(&links.named(&t)),
            Event::Text(t) => out.push_str(&t),
            Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) if !out.ends_with('\n') && !out.is_empty() => out.push('\n'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, &mut |word| out.push(word.to_string()));
        out
    }

    #[test]
    fn words_are_unicode_lower_case_and_folded() {
        assert_eq!(
            words("Kata’ib Hezbollah, 2021!"),
            ["kataib", "hezbollah", "2021"]
        );
        assert_eq!(words("Café  Zürich"), ["cafe", "zurich"]);
        // Diacritics, tatweel and alef variants: all spellings are one word.
        assert_eq!(words("صَارُوخ"), ["صاروخ"]);
        assert_eq!(words("صـاروخ"), ["صاروخ"]);
        assert_eq!(words("أربيل"), words("اربيل"));
        assert_eq!(words("قصف، أربيل"), ["قصف", "اربيل"]);
    }

    #[test]
    fn decomposed_and_invisible_characters_do_not_split_words() {
        assert_eq!(words("Jose\u{301} Pe\u{301}rez"), ["jose", "perez"]);
        assert_eq!(words("Pérez"), words("Pe\u{301}rez"));
        assert_eq!(
            words("Kata\u{200D}ib Hez\u{00AD}bollah"),
            ["kataib", "hezbollah"]
        );
        assert_eq!(words("\u{200F}قا\u{061C}سم"), ["قاسم"]);
        assert_eq!(words("İstanbul q\u{301}x"), ["istanbul", "qx"]);
        assert_eq!(words("क\u{093F}ताब"), ["क\u{093F}ताब"]);
    }

    #[test]
    fn the_ascii_path_splits_like_the_unicode_one() {
        let text = "It's O'Brien's `code` -- 2021/22: ROCKETS\tfired; İstanbul ẞ Ǆ x";
        let slow: Vec<String> = {
            let mut out = Vec::new();
            let mut word = String::new();
            for c in text.chars().flat_map(char::to_lowercase) {
                match fold_char(c) {
                    None => {}
                    Some(f) if f.is_alphanumeric() => word.push(f),
                    Some(_) if !word.is_empty() => out.push(std::mem::take(&mut word)),
                    Some(_) => {}
                }
            }
            out.extend((!word.is_empty()).then_some(word));
            out
        };
        assert_eq!(words(text), slow);
    }

    #[test]
    fn long_runs_are_indexed_by_their_first_characters() {
        let hex = "0123456789abcdef".repeat(750);
        let cjk = "\u{4e2d}\u{6587}".repeat(3000);
        let got = words(&format!("a {hex} b {cjk} c"));
        assert_eq!(got.len(), 5);
        assert_eq!(got[1], hex[..MAX_WORD_CHARS]);
        assert_eq!(got[3].chars().count(), MAX_WORD_CHARS);
        assert_eq!([&got[0], &got[2], &got[4]], ["a", "b", "c"]);
    }

    #[test]
    fn english_words_are_stemmed_and_others_kept() {
        let s = Stems::new();
        assert_eq!(s.stem("rockets"), "rocket");
        assert_eq!(s.stem("rocket"), "rocket");
        assert_eq!(s.stem("attacked"), s.stem("attacks"));
        assert_eq!(s.stem("صاروخ"), "صاروخ");
        assert_eq!(s.stem("f16s"), "f16s");
    }

    #[test]
    fn fold_table_pairs_are_two_characters() {
        for pair in FOLD.split(' ') {
            assert_eq!(pair.chars().count(), 2, "{pair}");
        }
    }

    #[test]
    fn markdown_text_drops_markup() {
        let none = Shorthands::default();
        let t = markdown_text("A *bold* [link](x.html) word.\n\n- item `code`", &none);
        assert_eq!(t, "A bold link word.\nitem code\n");
    }
}
