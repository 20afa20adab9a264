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
            if let Some(first) = v.array.as_mut().and_then(|a| a.first_mut()) {
                first.clone_from(&value);
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
                array: None,
            },
        );
        Ok(())
    }

    /// Assigns a bash indexed array (`name=(a b c)`).
    pub(crate) fn set_array(&mut self, name: &str, elements: Vec<String>) -> Result<(), String> {
        if self.vars.get(name).is_some_and(|v| v.readonly) {
            return Err(format!("{name}: readonly variable"));
        }
        let var = self.vars.entry(Rc::from(name)).or_insert(Var {
            value: String::new(),
            exported: false,
            readonly: false,
            array: None,
        });
        var.value = elements.first().cloned().unwrap_or_default();
        var.array = Some(elements);
        Ok(())
    }

    /// A variable's elements as bash's `${name[@]}` reads them: an array's elements, a
    /// scalar's value alone, nothing when unset.
    pub(crate) fn elements(&mut self, name: &str) -> Vec<String> {
        match self.vars.get(name) {
            Some(Var { array: Some(a), .. }) => a.clone(),
            Some(_) => self.get_var(name).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// `${name[index]}`: a negative index counts from the end; `None` when unset.
    pub(crate) fn element(&mut self, name: &str, index: i64) -> Option<String> {
        let elements = self.elements(name);
        let i = if index < 0 {
            i64::try_from(elements.len()).ok()? + index
        } else {
            index
        };
        elements.get(usize::try_from(i).ok()?).cloned()
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
