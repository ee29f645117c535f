//! What a reduction must keep: the goal a candidate is tested against.
//!
//! The verdict signature (see [`crate::verdict::signature`]) names the first
//! differing checkpoint by `function@line`, and every line moves while a
//! program shrinks. So the reducer compares a *relocatable* form of it: the
//! checkpoint is named by its id and by whether it sits in the main chunk or
//! in a function, and everything else in the signature (kind, field,
//! normalised errors, crash signal and message) is kept verbatim. Error
//! messages carry line numbers too, but [`crate::verdict::normalise`] already
//! turns them into `N`.
//!
//! Besides the signature, the oracle's own behaviour is part of the goal: a
//! candidate on which the oracle raises a different error (or any error where
//! it raised none), or stops answering normally, is rejected even if the
//! signature still matches. A reduced program that only diverges because the
//! oracle now fails is a different program, not a smaller one.

use crate::observation::{Observation, Outcome};
use crate::session::Report;
use crate::verdict::{Verdict, normalise};

/// The part of a judged program a reduction preserves.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Goal {
    /// The signature with the checkpoint relocated (see the module doc).
    pub key: String,
    /// The oracle's outcome kind and normalised error.
    pub oracle: String,
}

impl Goal {
    /// The goal of the first judgement in `report` (the engine pair reduced).
    pub fn of(report: &Report) -> Option<Goal> {
        let j = report.judgements.first()?;
        let oracle = &report.results.first()?.observation;
        Some(Goal { key: relocated(&j.verdict, &j.signature), oracle: oracle_state(oracle) })
    }

    /// Only a failing verdict (divergence, crash, timeout) or a poisoned one
    /// is worth reducing; `same` is not a goal.
    pub fn is_interesting(&self) -> bool {
        self.key != "same"
    }
}

fn relocated(v: &Verdict, signature: &str) -> String {
    match v {
        Verdict::Divergent { checkpoint: Some(p), .. } => {
            let whole = format!("{}@{}", p.function, p.line);
            let place = if p.function.ends_with(":0") { "main" } else { "function" };
            signature.replacen(&whole, &format!("checkpoint {} in {place}", p.id), 1)
        }
        _ => signature.to_string(),
    }
}

fn oracle_state(o: &Observation) -> String {
    let outcome = match o.outcome {
        Outcome::Finished => "finished",
        Outcome::Exited { .. } => "exited",
        Outcome::Signaled { .. } => "signaled",
        Outcome::TimedOut { .. } => "timed-out",
        Outcome::OutputLimit { .. } => "output-limit",
    };
    format!("{outcome}|{}", o.error.as_deref().map_or_else(|| "-".to_string(), normalise))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Field, Place};

    #[test]
    fn checkpoint_lines_are_relocated() {
        let place = Place { hit: 3, id: "1".into(), function: "prog:0".into(), line: 15 };
        let v = Verdict::Divergent { fields: vec![Field::Checkpoints], checkpoint: Some(place) };
        assert_eq!(
            relocated(&v, "divergent|checkpoints|prog:0@15|-"),
            "divergent|checkpoints|checkpoint 1 in main|-"
        );
        let place = Place { hit: 0, id: "2".into(), function: "prog:4".into(), line: 7 };
        let v = Verdict::Divergent { fields: vec![Field::Checkpoints], checkpoint: Some(place) };
        assert_eq!(
            relocated(&v, "divergent|checkpoints|prog:4@7|-"),
            "divergent|checkpoints|checkpoint 2 in function|-"
        );
        assert_eq!(relocated(&Verdict::Same, "same"), "same");
    }
}
