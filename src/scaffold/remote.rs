//! The repository gloss is published from, as a checked `https://host/owner/repo` address
//! that a site's workflow can download release binaries from. It depends on nothing else in
//! the crate.

/// The `https://host/owner/repo` form of a GitHub-like remote (`https://…`, `ssh://…` or
/// `git@host:owner/repo`, with or without `.git`), or `None` for anything else (a local path,
/// `http`, a nested group, odd characters): then sites install from crates.io only. User
/// names and tokens in the address are dropped so they never reach a site's files.
pub fn github_like(remote: &str) -> Option<String> {
    let remote = remote.trim();
    let (host, path) = if let Some(rest) = remote.strip_prefix("https://") {
        let (authority, path) = rest.split_once('/')?;
        let host = authority.rsplit('@').next()?;
        let port = host.split_once(':').map_or("0", |(_, port)| port);
        if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        (host, path)
    } else if let Some(rest) = remote.strip_prefix("ssh://") {
        let (authority, path) = rest.split_once('/')?;
        let host = authority.rsplit('@').next()?;
        (host.split(':').next()?, path)
    } else {
        let (authority, path) = remote.split_once(':')?;
        let (_, host) = authority.split_once('@')?;
        (host, path)
    };
    let name = host.split(':').next()?;
    let host_ok = name.contains('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let (owner, repo) = path.split_once('/')?;
    let segment_ok = |s: &str| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    };
    (host_ok && segment_ok(owner) && segment_ok(repo))
        .then(|| format!("https://{host}/{owner}/{repo}"))
}

#[cfg(test)]
mod tests {
    use super::github_like;

    #[test]
    fn github_like_remotes_become_https_addresses() {
        for (remote, address) in [
            (
                "https://github.com/alice/gloss.git",
                "https://github.com/alice/gloss",
            ),
            (
                "https://github.com/alice/gloss",
                "https://github.com/alice/gloss",
            ),
            (
                "https://github.com/alice/gloss/\n",
                "https://github.com/alice/gloss",
            ),
            (
                "git@github.com:alice/gloss.git",
                "https://github.com/alice/gloss",
            ),
            (
                "ssh://git@github.com/alice/gloss.git",
                "https://github.com/alice/gloss",
            ),
            (
                "ssh://git@github.com:22/alice/gloss",
                "https://github.com/alice/gloss",
            ),
            (
                "https://codeberg.org/a-b/my.gloss",
                "https://codeberg.org/a-b/my.gloss",
            ),
            (
                "https://git.example.org:8443/a/g",
                "https://git.example.org:8443/a/g",
            ),
        ] {
            assert_eq!(github_like(remote).as_deref(), Some(address), "{remote}");
        }
    }

    #[test]
    fn credentials_never_reach_the_address() {
        assert_eq!(
            github_like("https://alice:ghp_secret@github.com/alice/gloss.git").as_deref(),
            Some("https://github.com/alice/gloss")
        );
    }

    #[test]
    fn anything_else_is_not_guessed() {
        for remote in [
            "",
            "/home/alice/gloss",
            "file:///home/alice/gloss",
            "../gloss",
            "http://github.com/alice/gloss",
            "https://github.com/alice",
            "https://github.com/group/sub/gloss",
            "https://localhost/alice/gloss",
            "https://github.com/alice/../gloss",
            "https://github.com/alice/glo ss",
            "https://github.com:x/alice/gloss",
            "C:/repos/gloss",
            "git@github.com:alice/gloss/extra",
        ] {
            assert_eq!(github_like(remote), None, "{remote}");
        }
    }
}
