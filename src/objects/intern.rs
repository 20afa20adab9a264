//! Strings users give that the object model keeps as `&'static str` (the condition types
//! and reasons of a pod's status, which are otherwise Kubernetes' own constants): each
//! distinct string is kept once for the life of the program.

use std::cell::RefCell;
use std::collections::BTreeSet;

thread_local! {
    static STRINGS: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// The kept copy of `text`.
pub fn intern(text: &str) -> &'static str {
    STRINGS.with(|strings| {
        let mut strings = strings.borrow_mut();
        if let Some(kept) = strings.get(text) {
            return *kept;
        }
        let kept: &'static str = Box::leak(text.to_string().into_boxed_str());
        strings.insert(kept);
        kept
    })
}

#[cfg(test)]
mod tests {
    use super::intern;

    #[test]
    fn equal_strings_share_one_copy() {
        let a = intern("ConfigIssue");
        let b = intern(&String::from("ConfigIssue"));
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "ConfigIssue");
        assert_ne!(intern("Other"), a);
    }
}
