//! Verdicts: what one engine's observation means next to the oracle's.
//!
//! ```text
//!   oracle ran twice, differently ............ poisoned (oracle nondeterministic)
//!   engine hit a documented gap .............. poisoned (known gap, named)
//!   either side hit a resource limit ......... poisoned (resource limit)
//!   oracle itself timed out .................. poisoned (oracle timed out) [unless the engine agrees]
//!   oracle itself died ....................... crash (in the oracle)      [unless the engine agrees]
//!   engine timed out ......................... timeout
//!   engine died (signal, exit, panic) ........ crash
//!   both answered, some field differs ........ divergent (fields, first differing checkpoint)
//!   otherwise ................................ same
//! ```
//!
//! The checks run in that order: a nondeterministic oracle makes every other
//! conclusion unreliable, and a known gap explains a crash rather than being
//! one. Known gaps are reported, never dropped: they are poisoned verdicts with
//! the gap's name, visible in every report and summary. An oracle that dies is
//! a finding in its own right (twin-lua's interpreter is an oracle), so it is a
//! crash, marked as the oracle's; an oracle that is merely slow is not.
//!
//! Every verdict has a signature, a short stable string for deduplication:
//! the verdict kind, the field, the first differing checkpoint's function and
//! line, and the normalised error message(s). Normalising removes what varies
//! between occurrences of one bug: hex addresses, numbers, quoted names.

use serde::{Deserialize, Serialize};

use crate::diff::{self, Field, Place};
use crate::observation::{Observation, Outcome, signal_name};

/// Documented engine gaps: (name, text in the engine's stderr that marks it).
/// LuaJIT cannot re-enter Lua from a C function called by compiled code; it
/// panics with "bad callback" where the interpreter runs the callback.
pub const KNOWN_GAPS: &[(&str, &str)] = &[("luajit-bad-callback", "bad callback")];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Poison {
    /// Two runs of the oracle disagreed, first in `field`.
    OracleNondeterministic { field: Field },
    /// The engine showed a documented gap.
    KnownGap { gap: String },
    /// The oracle ran out of time, and the engine did something else.
    OracleTimedOut { after_ms: u64 },
    /// A resource limit decided the outcome on either side (output limit,
    /// the memory limit's "not enough memory"): interpreter and JIT allocate
    /// differently, so such a difference says nothing about correctness.
    ResourceLimit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Verdict {
    Same,
    Divergent {
        /// Every differing field, in comparison order; the first names it.
        fields: Vec<Field>,
        checkpoint: Option<Place>,
    },
    Crash {
        signal: Option<i32>,
        exit_code: Option<i32>,
        /// The panic or abort message found on stderr, if any.
        message: Option<String>,
        /// The oracle died, not the engine judged.
        in_oracle: bool,
    },
    Timeout {
        after_ms: u64,
    },
    Poisoned {
        poison: Poison,
    },
}

impl Verdict {
    pub fn is_same(&self) -> bool {
        matches!(self, Verdict::Same)
    }

    /// A finding that should fail a gate: divergence, crash or timeout.
    pub fn is_failure(&self) -> bool {
        matches!(self, Verdict::Divergent { .. } | Verdict::Crash { .. } | Verdict::Timeout { .. })
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Verdict::Same => "same",
            Verdict::Divergent { .. } => "divergent",
            Verdict::Crash { .. } => "crash",
            Verdict::Timeout { .. } => "timeout",
            Verdict::Poisoned { .. } => "poisoned",
        }
    }
}

/// Judges `other` against `oracle`; `oracle_again` is a second run of the
/// oracle on the same program, when one was made.
pub fn judge(oracle: &Observation, oracle_again: Option<&Observation>, other: &Observation) -> Verdict {
    if let Some(again) = oracle_again
        && let Some(&field) = diff::differing_fields(oracle, again).first()
    {
        return Verdict::Poisoned { poison: Poison::OracleNondeterministic { field } };
    }
    if let Some(gap) = known_gap(other).filter(|_| known_gap(oracle).is_none()) {
        return Verdict::Poisoned { poison: Poison::KnownGap { gap: gap.to_string() } };
    }
    let fields = diff::differing_fields(oracle, other);
    if fields.is_empty() {
        return Verdict::Same;
    }
    if hit_resource_limit(oracle) || hit_resource_limit(other) {
        return Verdict::Poisoned { poison: Poison::ResourceLimit };
    }
    match oracle.outcome {
        Outcome::Finished => {}
        Outcome::TimedOut { after_ms } => {
            return Verdict::Poisoned { poison: Poison::OracleTimedOut { after_ms } };
        }
        Outcome::OutputLimit { .. } => return Verdict::Poisoned { poison: Poison::ResourceLimit },
        Outcome::Signaled { .. } | Outcome::Exited { .. } => return crash(oracle, true),
    }
    match other.outcome {
        Outcome::TimedOut { after_ms } => Verdict::Timeout { after_ms },
        Outcome::OutputLimit { .. } => Verdict::Poisoned { poison: Poison::ResourceLimit },
        Outcome::Signaled { .. } | Outcome::Exited { .. } => crash(other, false),
        Outcome::Finished => {
            let checkpoint = if fields.contains(&Field::Checkpoints) {
                diff::first_differing_checkpoint(oracle, other)
            } else {
                None
            };
            Verdict::Divergent { fields, checkpoint }
        }
    }
}

fn crash(o: &Observation, in_oracle: bool) -> Verdict {
    let (signal, exit_code) = match o.outcome {
        Outcome::Signaled { signal } => (Some(signal), None),
        Outcome::Exited { code } => (None, Some(code)),
        _ => (None, None),
    };
    Verdict::Crash { signal, exit_code, message: crash_message(&o.stderr), in_oracle }
}

fn hit_resource_limit(o: &Observation) -> bool {
    matches!(o.outcome, Outcome::OutputLimit { .. }) || o.error.as_deref() == Some("not enough memory")
}

fn known_gap(o: &Observation) -> Option<&'static str> {
    KNOWN_GAPS.iter().find(|(_, marker)| o.stderr.contains(marker)).map(|(name, _)| *name)
}

/// The line that says why a process died: a Rust panic's message (the line
/// after "panicked at", or the rest of that line in older formats), a LuaJIT
/// "PANIC:" line, or else the last non-empty stderr line.
fn crash_message(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    if let Some(i) = lines.iter().position(|l| l.contains("panicked at")) {
        let line = lines[i];
        let msg = match line.split_once("panicked at") {
            Some((_, rest)) if !rest.trim_end().ends_with(':') => rest.trim(),
            _ => lines.get(i + 1).copied().unwrap_or(line),
        };
        return Some(format!("panic: {}", msg.trim()));
    }
    if let Some(l) = lines.iter().find(|l| l.contains("PANIC")) {
        return Some(l.trim().to_string());
    }
    lines.iter().rev().find(|l| !l.trim().is_empty()).map(|l| l.trim().to_string())
}

/// The deduplication signature, `|`-separated:
///
/// ```text
///   same
///   divergent|<field>|<function>@<line>|<oracle error>~<engine error>
///   crash|<SIGNAME or exit=N>|<normalised message>
///   crash|oracle|<SIGNAME or exit=N>|<normalised message>
///   timeout
///   poisoned|oracle-nondeterministic|<field>
///   poisoned|known-gap|<gap>
///   poisoned|oracle-timed-out
///   poisoned|resource-limit
/// ```
///
/// Parts that do not apply are `-`.
pub fn signature(v: &Verdict, oracle: &Observation, other: &Observation) -> String {
    match v {
        Verdict::Same => "same".into(),
        Verdict::Divergent { fields, checkpoint } => {
            let field = fields.first().map_or("-", |f| f.name());
            let place =
                checkpoint.as_ref().map_or_else(|| "-".to_string(), |p| format!("{}@{}", p.function, p.line));
            let errors = if fields.contains(&Field::Error) {
                let e = |o: &Observation| o.error.as_deref().map_or_else(|| "-".to_string(), normalise);
                format!("{}~{}", e(oracle), e(other))
            } else {
                "-".into()
            };
            format!("divergent|{field}|{place}|{errors}")
        }
        Verdict::Crash { signal, exit_code, message, in_oracle } => {
            let how = match (signal, exit_code) {
                (Some(s), _) => signal_name(*s).to_string(),
                (None, Some(c)) => format!("exit={c}"),
                (None, None) => "-".into(),
            };
            let how = if how == "signal" { format!("signal={}", signal.unwrap_or(0)) } else { how };
            let whose = if *in_oracle { "oracle|" } else { "" };
            format!("crash|{whose}{how}|{}", message.as_deref().map_or_else(|| "-".to_string(), normalise))
        }
        Verdict::Timeout { .. } => "timeout".into(),
        Verdict::Poisoned { poison } => match poison {
            Poison::OracleNondeterministic { field } => {
                format!("poisoned|oracle-nondeterministic|{}", field.name())
            }
            Poison::KnownGap { gap } => format!("poisoned|known-gap|{gap}"),
            Poison::OracleTimedOut { .. } => "poisoned|oracle-timed-out".into(),
            Poison::ResourceLimit => "poisoned|resource-limit".into(),
        },
    }
}

/// Strips what varies between occurrences of one error: hex numbers become
/// `0x?`, decimal numbers `N`, quoted names `'?'`; `|` (the signature's
/// separator) and line breaks become spaces.
pub fn normalise(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut chars = msg.chars().peekable();
    let mut in_quote = false;
    while let Some(c) = chars.next() {
        if in_quote {
            if c == '\'' {
                in_quote = false;
                out.push_str("?'");
            }
            continue;
        }
        match c {
            '\'' => {
                in_quote = true;
                out.push('\'');
            }
            '0' if matches!(chars.peek(), Some('x' | 'X')) => {
                chars.next();
                while chars.peek().is_some_and(|d| d.is_ascii_hexdigit()) {
                    chars.next();
                }
                out.push_str("0x?");
            }
            d if d.is_ascii_digit() => {
                while chars.peek().is_some_and(|d| d.is_ascii_digit() || *d == '.') {
                    chars.next();
                }
                out.push('N');
            }
            '|' | '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    if in_quote {
        out.push_str("?'");
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished(stdout: &str) -> Observation {
        Observation {
            outcome: Outcome::Finished,
            stdout: stdout.into(),
            stderr: String::new(),
            error: None,
            returns: vec![],
            checkpoints: vec![],
            checkpoints_dropped: 0,
        }
    }

    #[test]
    fn normalise_strips_variable_parts() {
        assert_eq!(
            normalise("prog:12: attempt to index local 'tbl' (a nil value) at 0x7ffd1234"),
            "prog:N: attempt to index local '?' (a nil value) at 0x?"
        );
        assert_eq!(normalise("a|b\n3.5"), "a b N");
    }

    #[test]
    fn order_of_judgement() {
        let a = finished("1\n");
        let b = finished("2\n");
        assert!(judge(&a, Some(&a), &a).is_same());
        let v = judge(&a, Some(&b), &a);
        assert_eq!(signature(&v, &a, &a), "poisoned|oracle-nondeterministic|stdout");
        let v = judge(&a, None, &b);
        assert_eq!(signature(&v, &a, &b), "divergent|stdout|-|-");
        assert!(v.is_failure());
        let mut gap = b.clone();
        gap.outcome = Outcome::Exited { code: 1 };
        gap.stderr = "PANIC: unprotected error in call to Lua API (bad callback)\n".into();
        assert_eq!(signature(&judge(&a, None, &gap), &a, &gap), "poisoned|known-gap|luajit-bad-callback");
        let mut seg = b.clone();
        seg.outcome = Outcome::Signaled { signal: libc::SIGSEGV };
        assert_eq!(signature(&judge(&a, None, &seg), &a, &seg), "crash|SIGSEGV|-");
        let mut to = b.clone();
        to.outcome = Outcome::TimedOut { after_ms: 5 };
        assert_eq!(judge(&a, None, &to), Verdict::Timeout { after_ms: 5 });
        // An oracle that timed out poisons the comparison unless the engine agrees.
        assert!(judge(&to, None, &to).is_same());
        assert_eq!(signature(&judge(&to, None, &a), &to, &a), "poisoned|oracle-timed-out");
        // An oracle that dies is a crash, the oracle's.
        let v = judge(&seg, None, &a);
        assert!(v.is_failure());
        assert_eq!(signature(&v, &seg, &a), "crash|oracle|SIGSEGV|-");
        let mut oom = b.clone();
        oom.error = Some("not enough memory".into());
        assert_eq!(signature(&judge(&a, None, &oom), &a, &oom), "poisoned|resource-limit");
    }

    #[test]
    fn panic_messages_are_found() {
        let s = "thread 'main' panicked at jit/src/vm/x.rs:10:5:\nindex out of bounds: 3\nnote: run with\n";
        assert_eq!(crash_message(s).as_deref(), Some("panic: index out of bounds: 3"));
        assert_eq!(crash_message("x\nPANIC: boom\n").as_deref(), Some("PANIC: boom"));
        assert_eq!(crash_message("").as_deref(), None);
    }

    #[test]
    fn error_divergence_signature_has_both_errors() {
        let a = finished("");
        let mut b = finished("");
        b.error = Some("prog:3: attempt to call a nil value".into());
        let v = judge(&a, None, &b);
        assert_eq!(signature(&v, &a, &b), "divergent|error|-|-~prog:N: attempt to call a nil value");
    }
}
