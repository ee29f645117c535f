//! Triage reports: `report.md` (plain text, for pasting into an issue) and
//! `report.html` (one self-contained page, see [`html`]).

pub mod html;

use crate::triage::{Bug, Triage};
use crate::verdict::Verdict;

/// The first differing checkpoint's line in the reduced program, if any.
pub fn marked_line(bug: &Bug) -> Option<i64> {
    let j = bug.report.as_ref()?.judgements.first()?;
    match &j.verdict {
        Verdict::Divergent { checkpoint: Some(p), .. } => Some(p.line),
        _ => None,
    }
}

fn verdict_line(bug: &Bug) -> String {
    match bug.report.as_ref().and_then(|r| r.judgements.first()) {
        Some(j) => format!("{} — {}", j.verdict.kind(), j.signature),
        None => "not judged (harness error)".into(),
    }
}

pub fn markdown(t: &Triage) -> String {
    let mut s = format!(
        "# twin triage: {}\n\n{} findings, {} distinct bugs, {} skipped\n\n",
        t.dir.display(),
        t.findings,
        t.bugs.len(),
        t.skipped.len()
    );
    for skip in &t.skipped {
        s += &format!("- skipped: {skip}\n");
    }
    for (n, bug) in t.bugs.iter().enumerate() {
        let ((bl, bt), (al, at)) = bug.sizes();
        s += &format!("\n## Bug {}: {}\n\n", n + 1, bug.signature);
        s += &format!("- engines: {}\n", bug.engines.join(" (oracle) vs "));
        s += &format!("- findings: {}\n", bug.findings.len());
        s += &format!("- verdict of the reduced program: {}\n", verdict_line(bug));
        s += &format!(
            "- re-checked {} times in fresh workers: {} ({} reproduced)\n",
            bug.rechecks,
            bug.stability(),
            bug.reproduced
        );
        s += &format!("- reduced: {bl} -> {al} lines, {bt} -> {at} tokens in {:.1} s\n", bug.reduce_seconds);
        if let Some(e) = &bug.reduce_error {
            s += &format!("- not reduced: {e}\n");
        }
        if let Some(b) = &bug.bisection {
            s += &format!(
                "- bisection: {}\n",
                b.as_ref().map_or_else(|e| format!("failed: {e}"), |b| b.summary())
            );
        }
        s += &format!("- reproduce: `{}`\n\n```lua\n{}```\n", bug.command, bug.program);
        if let Some(r) = &bug.report {
            for j in &r.judgements {
                for d in &j.diffs {
                    s += &format!("\n```diff\n{}```\n", d.diff);
                }
            }
            for res in &r.results {
                s += &format!("\n### Observation: {}\n\n```\n{}```\n", res.engine, res.observation.render());
            }
        }
        s += &format!(
            "\n### Trace log ({} -jdump)\n\n```\n{}\n```\n",
            bug.engines.get(1).map_or("", |e| e),
            bug.trace_log.trim_end()
        );
    }
    s
}
