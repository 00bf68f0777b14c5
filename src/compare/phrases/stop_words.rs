//! The one stop-word list of the phrase code (`data/stop-words.txt`, embedded):
//! each word with the roles it plays — in discovery (which words may not begin,
//! end or stand inside a formulation) and in a series's emerging terms.

use rustc_hash::FxHashMap as HashMap;
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

/// The roles `word` plays, one bit per role in [`ROLES`] order (0 for a word
/// that is no stop word): one hash lookup answers every role, where
/// discovery asked each role of each word in turn.
pub fn roles(word: &str) -> Roles {
    static BY_WORD: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    let by_word = BY_WORD.get_or_init(|| {
        let mut by_word: HashMap<&'static str, u8> = HashMap::default();
        for (bit, &(role, _)) in ROLES.iter().enumerate() {
            for &w in words(role) {
                *by_word.entry(w).or_default() |= 1 << bit;
            }
        }
        by_word
    });
    Roles(by_word.get(word).copied().unwrap_or(0))
}

/// The set of roles a word plays ([`roles`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Roles(u8);

impl Roles {
    /// Whether `role` is one of them.
    pub fn has(self, role: Role) -> bool {
        ROLES
            .iter()
            .position(|&(r, _)| r == role)
            .is_some_and(|bit| self.0 & (1 << bit) != 0)
    }
}

/// Whether `word` plays `role`.
pub fn has(role: Role, word: &str) -> bool {
    roles(word).has(role)
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
        assert_eq!(roles("新质生产力"), Roles(0));
        // A word of several roles has each of them, and no other.
        for &w in words(Role::Function) {
            for &(role, _) in &ROLES {
                assert_eq!(roles(w).has(role), words(role).contains(&w), "{w}");
            }
        }
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
