//! `unlinked-name` noise on a real-looking article: `ignore_names` in `[check]` of
//! config.toml and in a brief silence the names an editor decided need no page, so
//! `gloss check --deny-warnings` can pass in CI; without them the same names are warned
//! about, countries suggested as locations; an ignore entry that silences nothing (a typo)
//! is a warning at its line.

mod common;

use common::Site;

const ARTICLE: &str = "Rockets hit the Kestrel Line depot in Syria on Monday, Iraqi officials said.\n\
Iran-backed groups were blamed. The Kestrel Line said American staff were safe.\n\
Col. Dana Okafor said the attack was the third. Okafor said Syria would respond.\n";

fn site(config_ignore: &str, brief_ignore: &str) -> Site {
    let site = Site::empty();
    site.write(
        "config.toml",
        &format!(
            "title = \"Fixture briefs\"\nbase_url = \"https://example.github.io/repo\"\n{config_ignore}"
        ),
    );
    site.write(
        "content/briefs/depot/index.md",
        &format!(
            "+++\ntitle = \"Depot hit\"\ndate = 2024-03-04\n{brief_ignore}[source]\nurl = \"https://example.com/a\"\n+++\nThe depot was hit.\n"
        ),
    );
    site.write("content/briefs/depot/article.txt", ARTICLE);
    site
}

#[test]
fn ignore_names_in_config_and_brief_let_deny_warnings_pass() {
    let noisy = site("", "");
    let run = noisy.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for warned in ["`Kestrel Line`", "`Syria`", "`Dana Okafor`"] {
        assert!(run.stderr.contains(warned), "{warned}: {}", run.stderr);
    }
    assert!(
        run.stderr.contains("gloss new location \"Syria\""),
        "{}",
        run.stderr
    );
    for quiet in ["`Iraqi`", "`Iran-backed`", "`American`", "`Okafor`"] {
        assert!(!run.stderr.contains(quiet), "{quiet}: {}", run.stderr);
    }
    let quiet = site(
        "[check]\nignore_names = [\"Syria\", \"kestrel  line\"]\n",
        "ignore_names = [\"Dana Okafor\"]\n",
    );
    let run = quiet.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn ignore_entries_that_silence_nothing_are_warnings() {
    let site = site(
        "[check]\nignore_names = [\"Syria\", \"Kestrel Lin\"]\n",
        "ignore_names = [\"Dana Okafor\", \"Okafr\"]\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "warning: `Kestrel Lin` in ignore_names is not a name `gloss check` suggests in any article",
        "--> config.toml:4:1",
        "warning: `Okafr` in ignore_names is not a name `gloss check` suggests in this brief's article",
        "--> content/briefs/depot/index.md:4:1",
        "warning: `Kestrel Line` appears 2 times",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
    assert!(!run.stderr.contains("`Syria` appears"), "{}", run.stderr);
}
