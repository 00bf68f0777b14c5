//! The one stop-word list of the phrase code (`data/stop-words.txt`, embedded):
//! each word with the roles it plays — in discovery (which words may not begin,
//! end or stand inside a formulation) and in a series's emerging terms.

use std::sync::OnceLock;

const DATA: &str = include_str!("../../../data/stop-words.txt");

/// What a stop word is kept out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A function word or generic verb: neither begins nor ends a discovered formulation.
    Function,
    /// Never begins a discovered formulation.
    First,
    /// Never ends a discovered formulation.
    Last,
    /// Never stands inside a discovered formulation.
    Inside,
    /// Says nothing about policy: not an emerging term.
    Emerging,
}

const ROLES: [(Role, &str); 5] = [
    (Role::Function, "function"),
    (Role::First, "first"),
    (Role::Last, "last"),
    (Role::Inside, "inside"),
    (Role::Emerging, "emerging"),
];

/// The words of `role`, in the file's order.
pub fn words(role: Role) -> &'static [&'static str] {
    static LISTS: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let mut lists = vec![Vec::new(); ROLES.len()];
        for line in DATA.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (word, roles) = line.split_once(' ').unwrap_or((line, ""));
            for name in roles.split(',') {
                if let Some(i) = ROLES.iter().position(|&(_, n)| n == name.trim()) {
                    lists[i].push(word);
                }
            }
        }
        lists
    });
    let i = ROLES.iter().position(|&(r, _)| r == role).unwrap_or(0);
    lists.get(i).map_or(&[], Vec::as_slice)
}

/// Whether `word` plays `role` (a binary search of the role's sorted words,
/// where discovery scanned the list for each word of a report).
pub fn has(role: Role, word: &str) -> bool {
    static SORTED: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        ROLES
            .iter()
            .map(|&(r, _)| {
                let mut v = words(r).to_vec();
                v.sort_unstable();
                v
            })
            .collect()
    });
    let i = ROLES.iter().position(|&(r, _)| r == role).unwrap_or(0);
    sorted.get(i).is_some_and(|v| v.binary_search(&word).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_agrees_with_the_lists() {
        for &(role, _) in &ROLES {
            assert!(!words(role).is_empty());
            for w in words(role) {
                assert!(has(role, w), "{w}");
            }
        }
        assert!(!has(Role::Function, "新质生产力"));
    }

    #[test]
    fn every_line_names_known_roles() {
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let (word, roles) = line.split_once(' ').unwrap_or((line, ""));
            assert!(!word.is_empty() && !roles.is_empty(), "{line}");
            for name in roles.split(',') {
                assert!(ROLES.iter().any(|&(_, n)| n == name), "{line}");
            }
        }
        assert!(words(Role::Function).contains(&"的"));
        assert!(words(Role::Emerging).contains(&"我们"));
        assert!(!words(Role::Inside).contains(&"全市"));
        assert_eq!(
            (
                words(Role::Function).len(),
                words(Role::First).len(),
                words(Role::Last).len()
            ),
            (76, 100, 28)
        );
        assert_eq!((words(Role::Inside).len(), words(Role::Emerging).len()), (20, 68));
    }
}
