//! Which language an article is in when its brief does not say (`[source] language`), so
//! its page can set `lang` and `dir` on the article: an Arabic article without the key
//! still reads right to left.
//!
//! Detection is the `whatlang` crate's on the article's first characters: first the script
//! (about 7 µs), then, for scripts other than Latin, the language (trigrams, about 90 µs
//! for Arabic). Its ISO 639-3 codes become the BCP 47 two-letter tags pages use through the
//! `isolang` crate. A guess whatlang itself calls unreliable is not used, except that an
//! article in Arabic or Hebrew script is still marked as that script (`und-Arab`), so its
//! direction is right whatever its language.
//!
//! A Latin-script article is taken to be in the brief's language: telling some forty
//! Latin-script languages apart costs about 350 µs an article (35 s of CPU for a
//! 100,000-brief archive), and the direction does not depend on it. `[source] language`
//! declares a French or Spanish article.

use whatlang::Script;

/// How much of an article is read: enough for a reliable guess, bounded for long articles.
pub const SAMPLE_BYTES: usize = 1000;

/// A language detected from an article's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    /// BCP 47 tag (`ar`, `fr`, or `und-Arab` when only the script is certain).
    pub tag: String,
    /// What was detected, in English, for messages ("Arabic", "Arabic script").
    pub name: &'static str,
}

/// The language of `text`, when it is not in Latin script and can be told with confidence.
pub fn detect(text: &str) -> Option<Detected> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if whatlang::detect_script(sample)? == Script::Latin {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if info.is_reliable() {
        let code = info.lang().code();
        // Mandarin's macrolanguage is Chinese, `zh`; the rest map one to one.
        let tag = match code {
            "cmn" => "zh",
            code => isolang::Language::from_639_3(code)
                .and_then(|l| l.to_639_1())
                .unwrap_or(code),
        };
        return Some(Detected {
            tag: tag.to_string(),
            name: info.lang().eng_name(),
        });
    }
    let (tag, name) = match info.script() {
        Script::Arabic => ("und-Arab", "Arabic script"),
        Script::Hebrew => ("und-Hebr", "Hebrew script"),
        _ => return None,
    };
    Some(Detected {
        tag: tag.to_string(),
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Option<String> {
        detect(text).map(|d| d.tag)
    }

    #[test]
    fn other_scripts_get_their_languages_two_letter_tags() {
        let arabic = "قالت وزارة الدفاع العراقية إن صواريخ سقطت على قاعدة عين الأسد الجوية \
                      في محافظة الأنبار غرب البلاد صباح الأربعاء دون أن تسفر عن إصابات.";
        assert_eq!(tag(arabic), Some("ar".to_string()));
        let english = "At least fourteen rockets hit the air base in western Iraq on \
                       Wednesday, injuring two service members, officials said. The attack \
                       was the latest in a series of strikes that the United States has \
                       blamed on militias backed by Iran, and it came a day after a drone \
                       attack on the airport in Erbil.";
        assert_eq!(tag(english), None, "Latin script: the brief's language");
        let french = "Au moins quatorze roquettes ont frappé la base aérienne dans l'ouest \
                      de l'Irak mercredi, blessant deux militaires, selon les responsables. \
                      L'attaque est la dernière d'une série de frappes que les États-Unis \
                      attribuent à des milices soutenues par l'Iran, au lendemain d'une \
                      attaque de drone contre l'aéroport d'Erbil.";
        assert_eq!(tag(french), None, "declared with [source] language");
        let russian = "По меньшей мере четырнадцать ракет попали в авиабазу на западе Ирака \
                       в среду, ранив двух военнослужащих, сообщили официальные лица.";
        assert_eq!(tag(russian), Some("ru".to_string()));
        let hebrew = "לפחות ארבע עשרה רקטות פגעו בבסיס האווירי במערב עיראק ביום רביעי, \
                      ופצעו שני חיילים, כך מסרו גורמים רשמיים.";
        assert_eq!(tag(hebrew), Some("he".to_string()));
    }

    #[test]
    fn too_little_text_says_nothing_or_only_the_script() {
        assert_eq!(tag(""), None);
        assert_eq!(tag("OK"), None);
        let short = detect("صاروخ");
        assert!(short.is_none_or(|d| d.tag.ends_with("Arab")
            || d.tag == "ar"
            || d.tag == "fa"
            || d.tag == "ur"));
    }

    #[test]
    fn only_the_first_characters_are_read() {
        let long = "word ".repeat(100_000) + "كلمة";
        assert_eq!(tag(&long), None);
        let long = "كلمة ".repeat(100_000) + &"word ".repeat(1000);
        assert!(tag(&long).is_some());
    }
}
