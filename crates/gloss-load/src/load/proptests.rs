//! Property tests for front matter: for any text, splitting and parsing never panics, and
//! every error points at a real place in the file (a line that exists, a column on it), so
//! an editor can always open what gloss names. `PROPTEST_CASES=N` runs longer.

use proptest::prelude::*;

use super::front::{ActorFront, BriefFront, IncidentFront, LocationFront};
use super::split;
use crate::diagnostics::{Diagnostic, SourceFile};

/// Lines a front matter block is made of: real keys with good and bad values, table
/// headers, stray delimiters and noise.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title = \"Rockets hit the base\"".to_string()),
        Just("date = 2021-07-07".to_string()),
        Just("date = 2021-06".to_string()),
        Just("date = \"2021-06\"".to_string()),
        Just("name = \"Kata'ib Hezbollah\"".to_string()),
        Just("tags = [\"iraq\", \"rocket attacks\"]".to_string()),
        Just("tags = [\"iraq, \"rockets\"]".to_string()),
        Just("actors = [\"iran\", { id = \"x\", role = \"y\" }]".to_string()),
        Just("coordinates = [33.8, 42.44]".to_string()),
        Just("paginate_by = ten".to_string()),
        Just("[source]".to_string()),
        Just("url = \"javascript:alert(1)\"".to_string()),
        Just("+++".to_string()),
        Just("".to_string()),
        "[a-z_]{1,8} = [^\n]{0,12}",
        "[^\n]{0,20}",
    ]
}

/// Checks that a diagnostic names a line of the file and a column on that line.
fn points_into(diagnostic: &Diagnostic, text: &str) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    prop_assert!(
        diagnostic.line <= lines.len() + 1,
        "line {} of {}: {}",
        diagnostic.line,
        lines.len(),
        diagnostic.message
    );
    if diagnostic.line >= 1 && diagnostic.column >= 1 {
        let width = lines
            .get(diagnostic.line - 1)
            .map_or(0, |line| line.chars().count());
        prop_assert!(
            diagnostic.column <= width + 2,
            "column {} on a line of {width}: {}",
            diagnostic.column,
            diagnostic.message
        );
    }
    prop_assert!(!diagnostic.message.is_empty());
    Ok(())
}

/// Splits and parses `text` as front matter of type `T`, checking any error.
fn check<T: serde::de::DeserializeOwned>(text: &str) -> Result<(), TestCaseError> {
    let source = SourceFile {
        path: "content/x.md".into(),
        text: text.to_string(),
    };
    match split::split(&source) {
        Err(diagnostic) => points_into(&diagnostic, text),
        Ok(parts) => match split::parse_front::<T>(&source, &parts) {
            Ok(_) => Ok(()),
            Err(diagnostic) => points_into(&diagnostic, text),
        },
    }
}

proptest! {
    #[test]
    fn any_front_matter_errors_point_into_the_file(
        lines in proptest::collection::vec(line(), 0..12),
        close in any::<bool>(),
        body in "[^+]{0,40}",
    ) {
        let mut text = String::from("+++\n");
        for line in &lines {
            text.push_str(line);
            text.push('\n');
        }
        if close {
            text.push_str("+++\n");
        }
        text.push_str(&body);
        check::<BriefFront>(&text)?;
        check::<ActorFront>(&text)?;
        check::<LocationFront>(&text)?;
        check::<IncidentFront>(&text)?;
    }

    #[test]
    fn any_bytes_never_panic(text in "\\PC{0,200}") {
        check::<BriefFront>(&text)?;
        check::<IncidentFront>(&text)?;
    }
}
