//! Checks of `config.toml` values that the types alone do not make: the language tag that
//! goes into every page's `lang`, and the custom domain written to `CNAME`.

use super::{Config, source_error_for_key};
use crate::diagnostics::{Diagnostic, SourceFile};

/// Checks `language` and `cname`; the error points at the key's line.
pub(super) fn check(source: &SourceFile, config: &Config) -> Result<(), Diagnostic> {
    let language = config.language.trim();
    if !crate::model::is_language_tag(language) {
        return Err(source_error_for_key(
            source,
            "language",
            format!("`{language}` is not a language tag"),
        )
        .with_hint(
            "write a BCP 47 tag such as \"en\", \"ar\" or \"fa-IR\" (it goes into every page's \
             lang attribute, where screen readers and browsers read it)",
        ));
    }
    if let Some(cname) = &config.cname {
        if let Err(problem) = check_hostname(cname.trim()) {
            return Err(source_error_for_key(
                source,
                "cname",
                format!("cname `{cname}` is not a host name: {problem}"),
            )
            .with_hint(
                "write the domain alone, as GitHub Pages expects it in CNAME: \
                 cname = \"briefs.example.org\" (no https://, no path, no port)",
            ));
        }
    }
    Ok(())
}

/// Why `host` is not a domain name for `CNAME`: labels of ASCII letters, digits and inner
/// hyphens, 1 to 63 characters each, at least two of them, 253 characters at most.
fn check_hostname(host: &str) -> Result<(), &'static str> {
    if host.contains("://") {
        return Err("it has a scheme");
    }
    if host.contains(['/', ':', '?', '#', '@']) {
        return Err("it has a path, a port or other URL parts");
    }
    if host.is_empty() || host.len() > 253 {
        return Err("a host name has 1 to 253 characters");
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Err("a custom domain has at least one dot");
    }
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if labels.iter().all(|l| label_ok(l)) {
        Ok(())
    } else {
        Err(
            "each part between dots is 1 to 63 letters, digits or inner hyphens (write a \
             non-ASCII domain in its xn-- form)",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        for ok in [
            "briefs.example.org",
            "a.io",
            "xn--bcher-kva.example",
            "www.example.org.",
        ] {
            assert_eq!(check_hostname(ok), Ok(()), "{ok}");
        }
        for bad in [
            "https://briefs.example.org",
            "briefs.example.org/path",
            "example.org:8080",
            "localhost",
            "",
            "-a.example.org",
            "a..example.org",
            "bad_name.example.org",
            "<script>.org",
            "briefs example.org",
        ] {
            assert!(check_hostname(bad).is_err(), "{bad}");
        }
    }
}
