//! The Python that Job examples pass to `python3 -c` (the kubernetes.io backoffLimitPerIndex,
//! FailIndex and successPolicy examples): `import`, `print(…)`, assignments, `if`/`elif`/
//! `else`, `pass`, `sys.exit(…)`, and expressions over ints, strings, booleans and `None`
//! with `int()`, `str()`, `len()`, `os.environ.get()`, `os.environ[…]` and `os.getenv()`.
//! A script outside this subset is not run here: the program is then simulated like any
//! other (see [`crate::shell::container`]). Errors end the script with Python's traceback.

mod expr;
mod parse;

use parse::{Statement, parse_program};

pub use expr::Value;

/// What running a script printed and its exit status.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `python3 -c SCRIPT` (`argv`) with the environment `env`; `None` when `argv` is not a
/// `-c` script or the script is outside the subset.
pub fn run(argv: &[String], env: &[(String, String)]) -> Option<Outcome> {
    let at = argv.iter().position(|a| a == "-c")?;
    let script = argv.get(at + 1)?;
    let program = parse_program(script)?;
    let mut machine = Machine {
        env,
        vars: Vec::new(),
        stdout: String::new(),
    };
    let code = match machine.block(&program) {
        Ok(()) => 0,
        Err(Stop::Exit(code)) => code,
        Err(Stop::Error { line, message }) => {
            let traceback = format!(
                "Traceback (most recent call last):\n  File \"<string>\", line {line}, in <module>\n{message}\n"
            );
            return Some(Outcome {
                stdout: machine.stdout,
                stderr: traceback,
                code: 1,
            });
        }
        Err(Stop::ExitMessage(message)) => {
            return Some(Outcome {
                stdout: machine.stdout,
                stderr: format!("{message}\n"),
                code: 1,
            });
        }
    };
    Some(Outcome {
        stdout: machine.stdout,
        stderr: String::new(),
        code,
    })
}

/// Why a script stopped early.
enum Stop {
    Exit(i32),
    /// `sys.exit("text")`: the text on stderr, status 1.
    ExitMessage(String),
    Error {
        line: usize,
        message: String,
    },
}

struct Machine<'a> {
    env: &'a [(String, String)],
    vars: Vec<(String, Value)>,
    stdout: String,
}

impl Machine<'_> {
    fn block(&mut self, statements: &[Statement]) -> Result<(), Stop> {
        for statement in statements {
            self.statement(statement)?;
        }
        Ok(())
    }

    fn statement(&mut self, statement: &Statement) -> Result<(), Stop> {
        let error = |line: usize| move |message: String| Stop::Error { line, message };
        match statement {
            Statement::Pass => Ok(()),
            Statement::Print { line, args } => {
                let mut words = Vec::new();
                for arg in args {
                    words.push(self.eval(arg).map_err(error(*line))?.to_str());
                }
                self.stdout.push_str(&words.join(" "));
                self.stdout.push('\n');
                Ok(())
            }
            Statement::Assign { line, name, value } => {
                let value = self.eval(value).map_err(error(*line))?;
                self.vars.retain(|(n, _)| n != name);
                self.vars.push((name.clone(), value));
                Ok(())
            }
            Statement::Exit { line, value } => {
                let value = match value {
                    Some(v) => self.eval(v).map_err(error(*line))?,
                    None => Value::None,
                };
                Err(match value {
                    Value::None => Stop::Exit(0),
                    Value::Int(code) => Stop::Exit((code & 0xff) as i32),
                    Value::Bool(b) => Stop::Exit(i32::from(b)),
                    Value::Str(text) => Stop::ExitMessage(text),
                })
            }
            Statement::If {
                branches,
                otherwise,
            } => {
                for (line, condition, body) in branches {
                    if self.eval(condition).map_err(error(*line))?.truthy() {
                        return self.block(body);
                    }
                }
                self.block(otherwise)
            }
        }
    }

    fn eval(&self, e: &expr::Expr) -> Result<Value, String> {
        expr::eval(
            e,
            &|name| {
                self.vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            },
            self.env,
        )
    }
}

#[cfg(test)]
mod tests;
