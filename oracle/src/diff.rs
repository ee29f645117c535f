//! Comparing two observations field by field.
//!
//! Fields are compared in a fixed order, most telling first: how the run
//! ended, the error raised, the returned values, the checkpoints, then the
//! output streams. A wrong value usually shows in several fields at once (a
//! bad number prints differently and then makes a later comparison raise);
//! the order decides which one names the divergence, and keeps that choice
//! stable for deduplication.
//!
//! For checkpoints the comparison also finds *where*: the first checkpoint hit
//! that differs and, inside it, the innermost frame that differs. That frame's
//! function and line are what a person looks at first, and part of the
//! signature (see [`crate::verdict`]).
//!
//! Unified diffs are made with `similar` over the fields' text forms, with
//! ANSI colour when asked (the CLI asks when stdout is a terminal).

use serde::{Deserialize, Serialize};
use similar::TextDiff;

use crate::observation::{Observation, outcome_text};

/// A compared field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Outcome,
    Error,
    Returns,
    Checkpoints,
    Stdout,
    Stderr,
}

impl Field {
    pub const ALL: [Field; 6] =
        [Field::Outcome, Field::Error, Field::Returns, Field::Checkpoints, Field::Stdout, Field::Stderr];

    pub fn name(self) -> &'static str {
        match self {
            Field::Outcome => "outcome",
            Field::Error => "error",
            Field::Returns => "returns",
            Field::Checkpoints => "checkpoints",
            Field::Stdout => "stdout",
            Field::Stderr => "stderr",
        }
    }

    /// The field's text form, the input of unified diffs.
    pub fn text(self, o: &Observation) -> String {
        match self {
            Field::Outcome => outcome_text(&o.outcome) + "\n",
            Field::Error => o.error.clone().map(|e| e + "\n").unwrap_or_default(),
            Field::Returns => o.returns.iter().map(|r| format!("{r}\n")).collect(),
            Field::Checkpoints => {
                let mut s: String = o.checkpoints.iter().map(|c| c.render()).collect();
                if o.checkpoints_dropped > 0 {
                    s += &format!("(+{} checkpoint hits not recorded)\n", o.checkpoints_dropped);
                }
                s
            }
            Field::Stdout => o.stdout.clone(),
            Field::Stderr => o.stderr.clone(),
        }
    }

    fn differs(self, a: &Observation, b: &Observation) -> bool {
        match self {
            Field::Outcome => a.outcome != b.outcome,
            Field::Error => a.error != b.error,
            Field::Returns => a.returns != b.returns,
            Field::Checkpoints => {
                a.checkpoints != b.checkpoints || a.checkpoints_dropped != b.checkpoints_dropped
            }
            Field::Stdout => a.stdout != b.stdout,
            Field::Stderr => a.stderr != b.stderr,
        }
    }
}

/// Where the first differing checkpoint is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Index of the checkpoint hit (0-based, in hit order).
    pub hit: usize,
    /// The id passed to `twin_checkpoint`.
    pub id: String,
    /// The innermost differing frame's function (`source:linedefined`) and
    /// current line, as the oracle saw it (the other engine's when the
    /// oracle has no such checkpoint or frame).
    pub function: String,
    pub line: i64,
}

/// The fields in which `other` differs from `oracle`, in comparison order.
pub fn differing_fields(oracle: &Observation, other: &Observation) -> Vec<Field> {
    Field::ALL.into_iter().filter(|f| f.differs(oracle, other)).collect()
}

/// The first checkpoint hit that differs, if any.
pub fn first_differing_checkpoint(oracle: &Observation, other: &Observation) -> Option<Place> {
    let n = oracle.checkpoints.len().max(other.checkpoints.len());
    let hit = (0..n).find(|&i| oracle.checkpoints.get(i) != other.checkpoints.get(i))?;
    let (a, b) = (oracle.checkpoints.get(hit), other.checkpoints.get(hit));
    let cp = a.or(b)?;
    let frames = a.map_or(0, |c| c.frames.len()).max(b.map_or(0, |c| c.frames.len()));
    let frame_at = |i: usize| a.and_then(|c| c.frames.get(i)).or_else(|| b.and_then(|c| c.frames.get(i)));
    let differing = (0..frames).find(|&i| a.and_then(|c| c.frames.get(i)) != b.and_then(|c| c.frames.get(i)));
    // Ids can differ with identical frames (the program passed different
    // values); then the innermost frame names the place.
    let frame = differing.and_then(frame_at).or_else(|| cp.frames.first());
    Some(Place {
        hit,
        id: cp.id.clone(),
        function: frame.map_or_else(|| "-".to_string(), |f| f.function.clone()),
        line: frame.map_or(-1, |f| f.line),
    })
}

/// A unified diff of one field, `oracle` as the old side.
pub fn unified(
    field: Field,
    oracle_name: &str,
    oracle: &Observation,
    other_name: &str,
    other: &Observation,
) -> String {
    let (a, b) = (field.text(oracle), field.text(other));
    TextDiff::from_lines(&a, &b)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{oracle_name} {}", field.name()), &format!("{other_name} {}", field.name()))
        .missing_newline_hint(true)
        .to_string()
}

/// ANSI colour for a unified diff: removals red, additions green, hunks cyan.
pub fn colourise(diff: &str) -> String {
    let mut s = String::with_capacity(diff.len() + 64);
    for line in diff.split_inclusive('\n') {
        let colour = if line.starts_with("---") || line.starts_with("+++") {
            "\x1b[1m"
        } else if line.starts_with('-') {
            "\x1b[31m"
        } else if line.starts_with('+') {
            "\x1b[32m"
        } else if line.starts_with("@@") {
            "\x1b[36m"
        } else {
            ""
        };
        if colour.is_empty() {
            s += line;
        } else {
            let body = line.strip_suffix('\n');
            s += colour;
            s += body.unwrap_or(line);
            s += "\x1b[0m";
            if body.is_some() {
                s += "\n";
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::{Checkpoint, Outcome};

    fn obs(stdout: &str, cps: &[&str]) -> Observation {
        Observation {
            outcome: Outcome::Finished,
            stdout: stdout.into(),
            stderr: String::new(),
            error: None,
            returns: vec![],
            checkpoints: cps.iter().map(|t| Checkpoint::parse(t).unwrap()).collect(),
            checkpoints_dropped: 0,
        }
    }

    #[test]
    fn finds_field_and_innermost_differing_frame() {
        let a = obs(
            "1\n",
            &["cp 1\nF prog:1 2\nL x=1\nF prog:0 5", "cp 2\nF prog:3 4\nL y=1\nF prog:0 6\nL z=1"],
        );
        let b = obs(
            "2\n",
            &["cp 1\nF prog:1 2\nL x=1\nF prog:0 5", "cp 2\nF prog:3 4\nL y=1\nF prog:0 6\nL z=2"],
        );
        assert_eq!(differing_fields(&a, &b), [Field::Checkpoints, Field::Stdout]);
        let p = first_differing_checkpoint(&a, &b).unwrap();
        assert_eq!((p.hit, p.id.as_str(), p.function.as_str(), p.line), (1, "2", "prog:0", 6));
    }

    #[test]
    fn missing_checkpoint_is_a_difference() {
        let a = obs("", &["cp 1\nF prog:2 3"]);
        let b = obs("", &[]);
        let p = first_differing_checkpoint(&a, &b).unwrap();
        assert_eq!((p.hit, p.function.as_str(), p.line), (0, "prog:2", 3));
        assert_eq!(first_differing_checkpoint(&a, &a), None);
    }

    #[test]
    fn unified_diff_names_engines() {
        let a = obs("x\ny\n", &[]);
        let b = obs("x\nz\n", &[]);
        let d = unified(Field::Stdout, "A", &a, "B", &b);
        assert!(d.contains("--- A stdout") && d.contains("-y") && d.contains("+z"), "{d}");
        assert!(colourise(&d).contains("\x1b[32m+z\x1b[0m"));
    }
}
