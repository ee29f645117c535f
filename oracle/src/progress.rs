//! What a running campaign tells its user: a live status, one line per
//! distinct signature with its count, `--json` lines for dashboards, and a
//! closing summary table.
//!
//! Counters are atomics shared by the campaign threads; the display is drawn
//! by the campaign's main thread from a [`Snapshot`], a few times a second,
//! with indicatif. Off a terminal (CI, a pipe) indicatif draws nothing, so
//! new signatures and a periodic status line are printed as plain text on
//! stderr instead. `--json` lines go to stdout, one per interval:
//!
//! ```text
//! {"elapsed_s":60.0,"programs":4711,"programs_per_s":78.5,"agreement":0.993,...}
//! ```

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::dedup::{Group, Index};
use crate::session::Report;
use crate::verdict::Verdict;

/// Counters, updated by every campaign thread.
#[derive(Default)]
pub struct Counters {
    pub programs: AtomicU64,
    pub agreed: AtomicU64,
    pub divergent: AtomicU64,
    pub crashes: AtomicU64,
    pub timeouts: AtomicU64,
    pub poisoned: AtomicU64,
    /// Programs not run: `same_engine_only` with engines that cannot compare them.
    pub skipped: AtomicU64,
    pub harness_errors: AtomicU64,
    pub findings_written: AtomicU64,
    /// Programs whose `-jv` log was read, and the traces it showed.
    pub traced_runs: AtomicU64,
    pub traces: AtomicU64,
    pub mutations: AtomicU64,
}

impl Counters {
    /// Counts one judged program (every non-oracle verdict).
    pub fn record(&self, report: &Report) {
        self.programs.fetch_add(1, Relaxed);
        if report.all_same() {
            self.agreed.fetch_add(1, Relaxed);
        }
        for j in &report.judgements {
            let c = match j.verdict {
                Verdict::Same => continue,
                Verdict::Divergent { .. } => &self.divergent,
                Verdict::Crash { .. } => &self.crashes,
                Verdict::Timeout { .. } => &self.timeouts,
                Verdict::Poisoned { .. } => &self.poisoned,
            };
            c.fetch_add(1, Relaxed);
        }
    }

    pub fn snapshot(&self, elapsed: Duration, distinct: usize, corpus: usize) -> Snapshot {
        let g = |a: &AtomicU64| a.load(Relaxed);
        let secs = elapsed.as_secs_f64();
        let programs = g(&self.programs);
        let traced = g(&self.traced_runs);
        Snapshot {
            elapsed_s: (secs * 10.0).round() / 10.0,
            programs,
            programs_per_s: if secs > 0.0 { programs as f64 / secs } else { 0.0 },
            agreement: if programs > 0 { g(&self.agreed) as f64 / programs as f64 } else { 1.0 },
            traces_per_program: (traced > 0).then(|| g(&self.traces) as f64 / traced as f64),
            distinct_findings: distinct,
            findings_written: g(&self.findings_written),
            divergent: g(&self.divergent),
            crashes: g(&self.crashes),
            timeouts: g(&self.timeouts),
            poisoned: g(&self.poisoned),
            skipped: g(&self.skipped),
            harness_errors: g(&self.harness_errors),
            mutations: g(&self.mutations),
            corpus,
        }
    }
}

/// The numbers of one moment (also the `--json` line).
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub elapsed_s: f64,
    pub programs: u64,
    pub programs_per_s: f64,
    /// Share of programs on which every engine agreed with the oracle.
    pub agreement: f64,
    /// Mean traces compiled per program, over the programs whose `-jv` log
    /// was read; `None` when the engine has no `-jv`.
    pub traces_per_program: Option<f64>,
    pub distinct_findings: usize,
    pub findings_written: u64,
    pub divergent: u64,
    pub crashes: u64,
    pub timeouts: u64,
    pub poisoned: u64,
    pub skipped: u64,
    pub harness_errors: u64,
    pub mutations: u64,
    pub corpus: usize,
}

impl Snapshot {
    pub fn status_line(&self) -> String {
        let traces = self.traces_per_program.map_or_else(|| "n/a".to_string(), |t| format!("{t:.1}"));
        format!(
            "{} | {} programs | {:.1}/s | agree {:.2}% | traces/prog {traces} | distinct {} | divergent {} \
             | crashes {} | timeouts {} | poisoned {} | corpus {}",
            hms(self.elapsed_s),
            self.programs,
            self.programs_per_s,
            self.agreement * 100.0,
            self.distinct_findings,
            self.divergent,
            self.crashes,
            self.timeouts,
            self.poisoned,
            self.corpus,
        )
    }
}

fn hms(secs: f64) -> String {
    let s = secs as u64;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn group_line(sig: &str, g: &Group) -> String {
    let rep = g.members.iter().filter(|m| m.reproduced == Some(true)).count();
    let checked = g.members.iter().filter(|m| m.reproduced.is_some()).count();
    let smallest = g.smallest().map_or(String::new(), |m| format!("  smallest {} B", m.size));
    format!("{:>7} x  {sig}  (kept {}, reproduced {rep}/{checked}){smallest}", g.count(), g.members.len())
}

/// The live display.
pub struct Display {
    multi: MultiProgress,
    status: ProgressBar,
    groups: Vec<(String, ProgressBar)>,
    plain: bool,
}

impl Display {
    pub fn new() -> Display {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        let plain = multi.is_hidden();
        let status = multi.add(ProgressBar::new_spinner());
        status.set_style(
            ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Display { multi, status, groups: Vec::new(), plain }
    }

    /// Redraws from `snap` and the dedup index.
    pub fn update(&mut self, snap: &Snapshot, index: &Index) {
        self.status.set_message(snap.status_line());
        self.status.tick();
        for (sig, g) in index.by_count() {
            match self.groups.iter().find(|(s, _)| s == sig) {
                Some((_, bar)) => bar.set_message(group_line(sig, g)),
                None => {
                    if self.plain {
                        eprintln!("new signature: {sig}");
                    }
                    let bar = self.multi.add(ProgressBar::new_spinner());
                    bar.set_style(
                        ProgressStyle::with_template("{msg}")
                            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    );
                    bar.set_message(group_line(sig, g));
                    self.groups.push((sig.clone(), bar));
                }
            }
        }
    }

    /// A plain status line (for non-terminals, now and then).
    pub fn plain_status(&self, snap: &Snapshot) {
        if self.plain {
            eprintln!("{}", snap.status_line());
        }
    }

    /// Prints a message above the live lines.
    pub fn println(&self, msg: &str) {
        if self.plain {
            eprintln!("{msg}");
        } else {
            let _ = self.multi.println(msg);
        }
    }

    pub fn finish(self) {
        self.status.finish_and_clear();
        for (_, b) in &self.groups {
            b.finish_and_clear();
        }
        let _ = self.multi.clear();
    }
}

impl Default for Display {
    fn default() -> Display {
        Display::new()
    }
}

/// The closing summary: totals, then one row per signature.
pub fn summary(snap: &Snapshot, index: &Index, header: &str) -> String {
    let mut s = format!("{header}\n");
    let traces = snap.traces_per_program.map_or_else(|| "n/a".to_string(), |t| format!("{t:.2}"));
    let rows = [
        ("elapsed", hms(snap.elapsed_s)),
        ("programs run", snap.programs.to_string()),
        ("programs/s", format!("{:.2}", snap.programs_per_s)),
        ("agreement", format!("{:.2}%", snap.agreement * 100.0)),
        ("traces/program", traces),
        ("divergent verdicts", snap.divergent.to_string()),
        ("crash verdicts", snap.crashes.to_string()),
        ("timeout verdicts", snap.timeouts.to_string()),
        ("poisoned verdicts", snap.poisoned.to_string()),
        ("skipped (same-engine-only)", snap.skipped.to_string()),
        ("harness errors", snap.harness_errors.to_string()),
        ("mutated inputs run", snap.mutations.to_string()),
        ("corpus entries", snap.corpus.to_string()),
        ("findings written", snap.findings_written.to_string()),
        ("distinct signatures", snap.distinct_findings.to_string()),
    ];
    for (k, v) in rows {
        s += &format!("  {k:<28} {v}\n");
    }
    if !index.groups.is_empty() {
        s += &format!("\n  {:>7}    {:<10} signature / smallest finding\n", "count", "kind");
        for (sig, g) in index.by_count() {
            s += &format!("  {:>7}    {:<10} {sig}\n", g.count(), Group::kind(sig));
            if let Some(m) = g.smallest() {
                s += &format!("  {:>7}    {:<10} {} ({} B)\n", "", "", m.dir.display(), m.size);
            }
        }
    }
    s
}
