//! Deduplication: findings grouped by signature (see [`group_key`]).
//!
//! A campaign meets one bug many times. The console shows one line per
//! signature with a count; the disk keeps, per group, the smallest program
//! and a few others ([`KEEP`]), which is what a person triaging needs: the
//! smallest to read, the others to see the bug's range.
//!
//! Rule for a new occurrence of a signature: it is written as a finding if
//! its group has fewer than [`KEEP`] members or if it is smaller than every
//! member; otherwise it is only counted. Members are never deleted, so a
//! group grows past [`KEEP`] only by ever smaller programs.
//!
//! The index is derived data. Its source of truth is the finding directories
//! of every instance under `--out` plus each instance's `counts.json`
//! (occurrences that were only counted). [`Index::rebuild`] reads them back,
//! which is how a campaign resumes after any crash, SIGKILL included: at
//! worst the counts of the last interval are lost, never a finding. The
//! `index.json` each instance writes is a snapshot for people and
//! dashboards, not read back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::findings;
use crate::session::Judgement;
use crate::verdict::normalise;

/// The key findings are grouped by: the judgement's signature, except that
/// for a divergence the place part (the first differing checkpoint's
/// `function@line`, which names a spot in one generated program and so
/// differs for every program) is replaced by the *shape* of what differs
/// there ([`shape`]): what the first differing line is about, and the kinds
/// of the first values that differ. Values themselves never enter the key: a
/// JIT bug gives different wrong numbers in every program that meets it, and
/// a key holding them makes one group per program. So one JIT bug met in many
/// programs is one group, e.g.
///
/// ```text
///   divergent|stdout|hot: nonfinite~number|-
///   divergent|checkpoints|L acc: number~number|-
/// ```
///
/// The price is that two bugs showing the same shape at the same kind of
/// place share a group; the group's few kept members show its range.
pub fn group_key(j: &Judgement) -> String {
    let sig = &j.signature;
    let mut parts: Vec<&str> = sig.splitn(4, '|').collect();
    if parts.first() != Some(&"divergent") || parts.len() != 4 {
        return sig.clone();
    }
    let Some(d) = j.diffs.first() else { return sig.clone() };
    let changed = |mark: char| {
        d.diff
            .lines()
            .find(|l| l.starts_with(mark) && !l.starts_with("---") && !l.starts_with("+++"))
            .map(|l| &l[1..])
    };
    let what = shape(changed('-'), changed('+'));
    parts[2] = &what;
    parts.join("|")
}

/// The shape of a difference between two lines (`None`: the line is missing
/// on that side): `<subject>: <kind>~<kind>`.
///
/// Lines are split into tokens (quoted strings whole; spaces and the table
/// punctuation `{},=()` separate). The subject is the line's first token,
/// digits replaced by `N` (a `twin_out` label such as `hot`, a checkpoint
/// line's tag `cp`), and for a checkpoint's local, vararg or upvalue line the
/// variable name without its digits (the generator numbers every name, the
/// stem says which template's variable it is). The kinds are those of the
/// first differing tokens ([`kind`]), in sorted order: a JIT bug that gives a
/// NaN for a number in one program gives a number for a NaN in another.
pub fn shape(oracle: Option<&str>, engine: Option<&str>) -> String {
    let (a, b) = (oracle.map(tokens).unwrap_or_default(), engine.map(tokens).unwrap_or_default());
    let first = if a.is_empty() { &b } else { &a };
    let digitless = |t: &str| normalise(t);
    let subject = match first.as_slice() {
        [tag @ ("L" | "U" | "V"), name, ..] => {
            format!("{tag} {}", name.chars().filter(|c| !c.is_ascii_digit()).collect::<String>())
        }
        [head, ..] => digitless(head),
        [] => "-".to_string(),
    };
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut kinds = [kind(a.get(at).copied()), kind(b.get(at).copied())];
    kinds.sort_unstable();
    format!("{subject}: {}~{}", kinds[0], kinds[1])
}

/// Tokens of a probe or output line: quoted strings (with their escapes)
/// whole, separated elsewhere by spaces and `{},=()`.
fn tokens<'a>(line: &'a str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let (mut i, mut start) = (0, 0);
    let cut = |out: &mut Vec<&'a str>, from: usize, to: usize| {
        if to > from {
            out.push(&line[from..to]);
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                cut(&mut out, start, i);
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(bytes.len());
                out.push(&line[i..end]);
                i = end;
                start = end;
                continue;
            }
            b' ' | b'{' | b'}' | b',' | b'=' | b'(' | b')' => {
                cut(&mut out, start, i);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    cut(&mut out, start, bytes.len());
    out
}

/// What kind of value a token is: `number` (finite), `nonfinite` (nan, inf,
/// -inf), `string`, `boolean`, `nil`, a reference kind (`table`, `function`,
/// ...), `dead`, `end` (no token: the line is shorter or missing), or `text`.
fn kind(token: Option<&str>) -> &'static str {
    let Some(t) = token else { return "end" };
    match t {
        "nan" | "-nan" | "inf" | "-inf" => "nonfinite",
        "true" | "false" => "boolean",
        "nil" => "nil",
        "dead" => "dead",
        _ if t.starts_with('"') => "string",
        _ if t.parse::<f64>().is_ok_and(f64::is_finite) => "number",
        _ => match t.split_once('#').map(|(k, _)| k) {
            Some("table") => "table",
            Some("function") => "function",
            Some("coroutine") => "coroutine",
            Some("userdata") => "userdata",
            Some(k) if k.starts_with("cdata") => "cdata",
            _ => "text",
        },
    }
}

/// Findings kept per signature besides ever-smaller ones.
pub const KEEP: usize = 5;

/// One kept finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub instance: String,
    pub dir: PathBuf,
    pub program_id: String,
    pub size: usize,
    /// Whether a fresh worker set saw it again (`None`: not rechecked yet).
    pub reproduced: Option<bool>,
}

/// All occurrences of one signature.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Kept findings, smallest first.
    pub members: Vec<Member>,
    /// Occurrences per instance (kept or only counted).
    pub counts: BTreeMap<String, u64>,
}

impl Group {
    pub fn count(&self) -> u64 {
        self.counts.values().sum::<u64>().max(self.members.len() as u64)
    }

    pub fn smallest(&self) -> Option<&Member> {
        self.members.first()
    }

    /// The verdict kind, the signature's first part.
    pub fn kind(sig: &str) -> &str {
        sig.split('|').next().unwrap_or(sig)
    }
}

/// What to do with a new occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Write it as a finding.
    Keep,
    /// Count it only: its group has enough members, all smaller.
    Count,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index {
    pub groups: BTreeMap<String, Group>,
}

impl Index {
    pub fn decide(&self, signature: &str, size: usize) -> Decision {
        match self.groups.get(signature) {
            Some(g) if g.members.len() >= KEEP && g.smallest().is_some_and(|m| m.size <= size) => {
                Decision::Count
            }
            _ => Decision::Keep,
        }
    }

    /// Adds a kept finding (idempotent per directory).
    pub fn add(&mut self, signature: &str, m: Member) {
        let g = self.groups.entry(signature.to_string()).or_default();
        if g.members.iter().any(|x| x.dir == m.dir) {
            return;
        }
        let at = g.members.partition_point(|x| (x.size, &x.program_id) <= (m.size, &m.program_id));
        g.members.insert(at, m);
    }

    /// Counts one occurrence found by `instance`.
    pub fn bump(&mut self, signature: &str, instance: &str) {
        *self
            .groups
            .entry(signature.to_string())
            .or_default()
            .counts
            .entry(instance.to_string())
            .or_default() += 1;
    }

    pub fn set_reproduced(&mut self, signature: &str, dir: &Path, reproduced: bool) {
        if let Some(m) =
            self.groups.get_mut(signature).and_then(|g| g.members.iter_mut().find(|m| m.dir == dir))
        {
            m.reproduced = Some(reproduced);
        }
    }

    /// Groups, most frequent first (ties by signature).
    pub fn by_count(&self) -> Vec<(&String, &Group)> {
        let mut v: Vec<_> = self.groups.iter().collect();
        v.sort_by(|a, b| b.1.count().cmp(&a.1.count()).then(a.0.cmp(b.0)));
        v
    }

    /// One instance's counts, for its `counts.json`.
    pub fn counts_of(&self, instance: &str) -> BTreeMap<String, u64> {
        self.groups.iter().filter_map(|(s, g)| g.counts.get(instance).map(|&c| (s.clone(), c))).collect()
    }

    /// Merges in the findings and counts of one instance directory
    /// (`<out>/<instance>`): its finding directories and its `counts.json`.
    /// Unreadable findings are skipped with a message, never removed.
    pub fn load_instance(&mut self, instance_dir: &Path, warn: &mut dyn FnMut(String)) {
        let instance = instance_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut kept: BTreeMap<String, u64> = BTreeMap::new();
        for dir in findings::list(&instance_dir.join("findings")) {
            match findings::read_meta(&dir) {
                Ok(meta) => {
                    let reproduced = findings::read_recheck(&dir).map(|r| r.reproduced);
                    *kept.entry(meta.signature.clone()).or_default() += 1;
                    self.add(
                        &meta.signature,
                        Member {
                            instance: instance.clone(),
                            dir,
                            program_id: meta.program_id,
                            size: meta.size,
                            reproduced,
                        },
                    );
                }
                Err(e) => warn(format!("skipping finding {}: {e}", dir.display())),
            }
        }
        let counted: BTreeMap<String, u64> = std::fs::read_to_string(instance_dir.join("counts.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        for (sig, n) in kept.iter().chain(counted.iter()) {
            let c = self.groups.entry(sig.clone()).or_default().counts.entry(instance.clone()).or_default();
            *c = (*c).max(*n);
        }
    }

    /// The index of everything under `out`: every instance's findings and counts.
    pub fn rebuild(out: &Path, warn: &mut dyn FnMut(String)) -> Index {
        let mut index = Index::default();
        for dir in crate::sync::instance_dirs(out) {
            index.load_instance(&dir, warn);
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(instance: &str, id: &str, size: usize) -> Member {
        Member {
            instance: instance.into(),
            dir: PathBuf::from(format!("/o/{instance}/findings/{id}")),
            program_id: id.into(),
            size,
            reproduced: None,
        }
    }

    #[test]
    fn groups_by_signature_keep_smallest_first_and_a_few() {
        let mut ix = Index::default();
        let (a, b) = ("divergent|stdout|-|-", "crash|SIGSEGV|-");
        for (i, size) in [50, 30, 70, 40, 60].into_iter().enumerate() {
            assert_eq!(ix.decide(a, size), Decision::Keep);
            ix.add(a, member("main", &format!("p{i}"), size));
            ix.bump(a, "main");
        }
        ix.add(b, member("other", "q", 10));
        ix.bump(b, "other");
        let g = &ix.groups[a];
        let sizes: Vec<usize> = g.members.iter().map(|m| m.size).collect();
        assert_eq!(sizes, [30, 40, 50, 60, 70]);
        // Full group: larger ones are counted only, a new smallest is kept.
        assert_eq!(ix.decide(a, 45), Decision::Count);
        ix.bump(a, "main");
        assert_eq!(ix.decide(a, 29), Decision::Keep);
        assert_eq!(ix.groups[a].count(), 6);
        assert_eq!(ix.by_count().iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(), [a, b]);
        // Adding the same directory twice does not duplicate it.
        ix.add(b, member("other", "q", 10));
        assert_eq!(ix.groups[b].members.len(), 1);
        assert_eq!(Group::kind(b), "crash");
        assert_eq!(ix.counts_of("other").get(b), Some(&1));
    }

    fn judgement(sig: &str, field: crate::diff::Field, diff: &str) -> Judgement {
        Judgement {
            engine: "e".into(),
            verdict: crate::verdict::Verdict::Same,
            signature: sig.into(),
            diffs: vec![crate::session::FieldDiff { field, diff: diff.into() }],
        }
    }

    #[test]
    fn divergences_group_by_what_differs_not_where() {
        use crate::diff::Field::Checkpoints;
        let d1 = "--- a\n+++ b\n@@ -1 +1 @@\n L x=1\n-L msg9=\"stack overflow\"\n+L msg9=\"prog:58: stack overflow\"\n";
        let d2 =
            "--- a\n+++ b\n@@ -7 +7 @@\n-L msg12=\"stack overflow\"\n+L msg12=\"prog:113: stack overflow\"\n";
        let a = group_key(&judgement("divergent|checkpoints|prog:0@62|-", Checkpoints, d1));
        assert_eq!(a, "divergent|checkpoints|L msg: string~string|-");
        assert_eq!(group_key(&judgement("divergent|checkpoints|prog:42@44|-", Checkpoints, d2)), a);
        assert_eq!(group_key(&judgement("crash|SIGSEGV|-", Checkpoints, d1)), "crash|SIGSEGV|-");
    }

    /// Variants of one bug seen in the LuaJIT campaign (a trace's
    /// `math.max` with a NaN operand: the wrong value is a number where the
    /// interpreter has NaN, or the reverse, in whatever the program prints)
    /// group together; other bugs stay apart.
    #[test]
    fn one_bug_one_group() {
        use crate::diff::Field::{Checkpoints, Stdout};
        let out = |a: &str, b: &str| {
            group_key(&judgement(
                "divergent|stdout|-|-",
                Stdout,
                &format!("--- a\n+++ b\n@@ @@\n-{a}\n+{b}\n"),
            ))
        };
        let nan = out("hot nan \"N\" 3 4", "hot 12 \"N\" 3 4");
        assert_eq!(nan, "divergent|stdout|hot: nonfinite~number|-");
        assert_eq!(out("hot -1.5e+300 \"ab\" 7 7", "hot nan \"ab\" 7 7"), nan);
        assert_eq!(out("hot 1 \"x\" 2 inf", "hot 1 \"x\" 2 -3"), nan);
        // A wrong string (string.sub on a trace) and a wrong count are other bugs.
        let sub = out("hot 1 \"abc\" 2 3", "hot 1 \"ab\" 2 3");
        assert_eq!(sub, "divergent|stdout|hot: string~string|-");
        let count = out("str 60 \"a\"", "str 61 \"a\"");
        assert_eq!(count, "divergent|stdout|str: number~number|-");
        // A missing line: the program stopped early on one side.
        assert_eq!(
            group_key(&judgement("divergent|stdout|-|-", Stdout, "--- a\n+++ b\n@@ @@\n-tab 1 2\n")),
            "divergent|stdout|tab: end~text|-"
        );
        // Checkpoints: the local's name without the generator's numbering,
        // table contents compared token by token.
        let cp = |a: &str, b: &str| {
            let d = format!("--- a\n+++ b\n@@ @@\n F prog:0 9\n-{a}\n+{b}\n");
            group_key(&judgement("divergent|checkpoints|prog:0@9|-", Checkpoints, &d))
        };
        let t = cp("L t3=table#1{1=2,\"a\"=-4,\"b\"=5}", "L t3=table#1{1=2,\"a\"=-4,\"b\"=nan}");
        assert_eq!(t, "divergent|checkpoints|L t: nonfinite~number|-");
        assert_eq!(cp("L t17=table#2{\"a\"=nan}", "L t17=table#2{\"a\"=1e+308}"), t);
        assert_ne!(cp("L acc2=6", "L acc2=7"), t);
        assert_eq!(cp("L acc2=6", "L acc2=7"), cp("L acc9=-1.5", "L acc9=100"));
        assert_eq!(
            cp("L f4=function#2<prog:3>", "L f4=table#2{}"),
            "divergent|checkpoints|L f: function~table|-"
        );
    }
}
