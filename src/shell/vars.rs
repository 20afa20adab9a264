//! Shell variables: the dynamic `RANDOM`, assignment with read-only checks, and the
//! environment handed to programs.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::shell::interp::{Shell, Var};

impl Shell<'_> {
    // ---- variables ---------------------------------------------------------------------

    /// A variable's value, with the dynamic ones (`RANDOM`).
    pub(crate) fn get_var(&mut self, name: &str) -> Option<String> {
        if name == "RANDOM" && self.random_enabled {
            return Some(self.rng.next_value().to_string());
        }
        self.vars.get(name).map(|v| v.value.clone())
    }

    /// Assigns a variable; the error is ash's message.
    pub(crate) fn set_var(&mut self, name: &str, value: String) -> Result<(), String> {
        if name == "RANDOM" && self.random_enabled {
            self.rng
                .reseed(value.trim().parse::<u64>().map_or(0, |v| v as u32));
            return Ok(());
        }
        if let Some(v) = self.vars.get_mut(name) {
            if v.readonly {
                return Err(format!("{name}: is read only"));
            }
            v.value = value;
            return Ok(());
        }
        self.vars.insert(
            Rc::from(name),
            Var {
                value,
                exported: false,
                readonly: false,
            },
        );
        Ok(())
    }

    /// Exported variables in name order (the environment of a program).
    pub(crate) fn environment(&self, assigns: &[(Rc<str>, String)]) -> Vec<(String, String)> {
        let mut env: BTreeMap<&str, &str> = crate::sort::map_of(
            self.vars
                .iter()
                .filter(|(_, v)| v.exported)
                .map(|(k, v)| (&**k, v.value.as_str())),
        );
        for (k, v) in assigns {
            env.insert(k, v);
        }
        env.into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }
}
