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
/// differs for every program) is replaced by what differs there: the first
/// removed and added lines of the first diff, normalised (numbers, quoted
/// names and addresses stripped, see [`normalise`]). So one JIT bug met in
/// many programs is one group, e.g.
///
/// ```text
///   divergent|checkpoints|L msgN="stack overflow" ~ L msgN="prog:N: stack overflow"|-
/// ```
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
            .map_or_else(|| "-".to_string(), |l| normalise(&l[1..]))
    };
    let what = format!("{} ~ {}", changed('-'), changed('+'));
    parts[2] = &what;
    parts.join("|")
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

    #[test]
    fn divergences_group_by_what_differs_not_where() {
        use crate::diff::Field;
        use crate::session::FieldDiff;
        use crate::verdict::Verdict;
        let j = |sig: &str, diff: &str| Judgement {
            engine: "e".into(),
            verdict: Verdict::Same,
            signature: sig.into(),
            diffs: vec![FieldDiff { field: Field::Checkpoints, diff: diff.into() }],
        };
        let d1 = "--- a\n+++ b\n@@ -1 +1 @@\n L x=1\n-L msg9=\"stack overflow\"\n+L msg9=\"prog:58: stack overflow\"\n";
        let d2 =
            "--- a\n+++ b\n@@ -7 +7 @@\n-L msg12=\"stack overflow\"\n+L msg12=\"prog:113: stack overflow\"\n";
        let a = group_key(&j("divergent|checkpoints|prog:0@62|-", d1));
        assert_eq!(
            a,
            "divergent|checkpoints|L msgN=\"stack overflow\" ~ L msgN=\"prog:N: stack overflow\"|-"
        );
        assert_eq!(group_key(&j("divergent|checkpoints|prog:42@44|-", d2)), a);
        assert_eq!(group_key(&j("crash|SIGSEGV|-", d1)), "crash|SIGSEGV|-");
    }
}
