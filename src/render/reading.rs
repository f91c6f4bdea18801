//! Reading helpers for the brief page: the writing direction of its language, and which
//! sidebar entries are shown before "N more". Kept apart from the page assembly so each rule
//! is small and tested on its own.

use super::page::SidebarEntity;

/// The writing direction of a BCP 47 tag, for the `dir` attribute: an explicit script subtag
/// decides (`az-Arab` is right-to-left, `ku-Latn` left-to-right), else the language does.
pub fn text_direction(tag: &str) -> &'static str {
    const RTL_SCRIPTS: [&str; 8] = [
        "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand",
    ];
    const RTL_LANGUAGES: [&str; 17] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ku", "ps", "sd", "syr", "ug",
        "ur", "yi", "prs",
    ];
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let language = parts.next().unwrap_or_default();
    if let Some(script) = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return if RTL_SCRIPTS.contains(&script) {
            "rtl"
        } else {
            "ltr"
        };
    }
    if RTL_LANGUAGES.contains(&language) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Entities a brief's sidebar shows before folding the rest behind "N more".
pub const SIDEBAR_SHOWN: usize = 5;
/// Prior incidents shown before "N more".
pub const PRIOR_SHOWN: usize = 4;

/// Orders a sidebar by what matters to the story and splits it into the entries shown and
/// those folded behind "N more". `items` holds the `listed` hand-listed entities first (the
/// graph's order); the order is: listed with a role, other listed, then the rest, each by
/// mentions (ties in article order). Entities listed with a role are never folded.
pub fn fold_sidebar<'a>(
    items: Vec<SidebarEntity<'a>>,
    listed: usize,
) -> (Vec<SidebarEntity<'a>>, Vec<SidebarEntity<'a>>) {
    let mut ranked: Vec<(usize, SidebarEntity)> = items.into_iter().enumerate().collect();
    ranked.sort_by_key(|(i, e)| (e.role.is_empty(), *i >= listed, std::cmp::Reverse(e.count)));
    let mut items: Vec<SidebarEntity> = ranked.into_iter().map(|(_, e)| e).collect();
    let with_role = items.iter().filter(|e| !e.role.is_empty()).count();
    let more = items.split_off(SIDEBAR_SHOWN.max(with_role).min(items.len()));
    (items, more)
}

#[cfg(test)]
mod tests {
    use super::{SIDEBAR_SHOWN, SidebarEntity, fold_sidebar, text_direction};

    fn entity<'a>(name: &'a str, role: &'a str, count: usize) -> SidebarEntity<'a> {
        SidebarEntity {
            slug: name,
            name,
            path: "",
            kind: "",
            role,
            mentioned: count > 0,
            count,
        }
    }

    #[test]
    fn sidebars_put_roles_then_listed_then_most_mentioned_first() {
        // Listed: A (no role), B (role). Found in the article: C..H.
        let mut items = vec![entity("A", "", 1), entity("B", "spokesman", 0)];
        for (i, name) in ["C", "D", "E", "F", "G", "H"].iter().enumerate() {
            items.push(entity(name, "", i + 1));
        }
        let (shown, more) = fold_sidebar(items, 2);
        let names: Vec<&str> = shown.iter().map(|e| e.name).collect();
        assert_eq!(names, ["B", "A", "H", "G", "F"]);
        assert_eq!(shown.len(), SIDEBAR_SHOWN);
        let rest: Vec<&str> = more.iter().map(|e| e.name).collect();
        assert_eq!(rest, ["E", "D", "C"]);
        // Entities with roles are never folded, however many.
        let names: Vec<String> = (0..7).map(|i| i.to_string()).collect();
        let many: Vec<SidebarEntity> = names.iter().map(|n| entity(n, "role", 0)).collect();
        let (shown, more) = fold_sidebar(many, 7);
        assert_eq!((shown.len(), more.len()), (7, 0));
    }

    #[test]
    fn right_to_left_languages_and_scripts() {
        for tag in ["ar", "AR", "fa-IR", "he", "ur", "az-Arab", "ckb"] {
            assert_eq!(text_direction(tag), "rtl", "{tag}");
        }
        for tag in ["en", "en-GB", "ku-Latn", "fr", "tr"] {
            assert_eq!(text_direction(tag), "ltr", "{tag}");
        }
    }
}
