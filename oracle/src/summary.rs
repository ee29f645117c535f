//! Machine-readable and human summaries of `twin conform` and `twin gate`: JUnit XML for CI
//! test-report viewers, Markdown for a pull-request comment.
//!
//! Both are made from [`Section`]s (an area of a suite, or one suite of one lane of the
//! gate on one architecture), each a list of [`Case`]s: one test or program on one engine.
//! Findings (failed, diverged, crashed) that are not known are listed first, so a reader
//! sees what the change broke before what was broken already.
//!
//! The Markdown summary has two tables: one row per section (its wall time), and one row
//! per section and engine (the time that engine's runs took, summed over parallel jobs).
//! An oracle that only serves as the reference (the differential lanes) has no verdicts of
//! its own; its row says so instead of counting.

use std::fmt::Write as _;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Passed,
    /// Missed its expected output or assertions, as the oracle did.
    Failed,
    /// Disagreed with the oracle.
    Diverged,
    /// Crashed or timed out.
    Crashed,
    Skipped,
}

impl Status {
    pub fn is_finding(self) -> bool {
        matches!(self, Status::Failed | Status::Diverged | Status::Crashed)
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Diverged => "diverged",
            Status::Crashed => "crashed",
            Status::Skipped => "skipped",
        }
    }
}

/// One test or program on one engine.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub engine: String,
    pub status: Status,
    /// A verdict signature for findings that have one (regressions, fuzz).
    pub signature: Option<String>,
    /// Why it failed or was skipped: a diff, an error, a reason.
    pub detail: String,
    /// For a finding already known: where it is recorded (e.g. a regression case).
    pub known: Option<String>,
}

/// One engine's share of a section.
#[derive(Debug, Clone, PartialEq)]
pub struct EngineRun {
    pub engine: String,
    /// The reference the others are judged against (the first engine).
    pub oracle: bool,
    /// The engine's runs in the section, summed (jobs run in parallel, so the engines of a
    /// section can add up to more than its wall time).
    pub time: Duration,
}

/// An area of a suite, or one suite of a lane of the gate.
#[derive(Debug, Clone)]
pub struct Section {
    /// The lane (gate) or area (conform).
    pub name: String,
    /// What ran: a suite directory, the regression corpus, a seed range.
    pub suite: String,
    /// `x86_64`, `arm64`, or empty when the section is not about one architecture.
    pub arch: String,
    /// Programs (tests, cases, seeds) in the section, each run on every engine.
    pub programs: usize,
    /// The engines in order, the oracle first (empty when none ran).
    pub engines: Vec<EngineRun>,
    pub cases: Vec<Case>,
    pub elapsed: Duration,
    /// Something to say about the section as a whole (its engines, why it did not run).
    pub note: String,
    /// The section could not run at all (a missing tool): a finding in its own right.
    pub broken: Option<String>,
    /// Its findings fail the run (false: reported for information only).
    pub gating: bool,
}

impl Section {
    /// (passed, failed, diverged, crashed, skipped)
    pub fn counts(&self) -> [usize; 5] {
        let mut c = [0; 5];
        for case in &self.cases {
            c[case.status as usize] += 1;
        }
        c
    }

    /// The counts of [`Section::counts`] over one engine's cases only.
    pub fn counts_of(&self, engine: &str) -> [usize; 5] {
        let mut c = [0; 5];
        for case in self.cases.iter().filter(|c| c.engine == engine) {
            c[case.status as usize] += 1;
        }
        c
    }

    pub fn has_findings(&self) -> bool {
        self.broken.is_some() || self.cases.iter().any(|c| c.status.is_finding())
    }

    /// `name suite`, or the name alone.
    pub fn label(&self) -> String {
        if self.suite.is_empty() { self.name.clone() } else { format!("{} {}", self.name, self.suite) }
    }
}

/// Whether any gating section has findings.
pub fn failing(sections: &[Section]) -> bool {
    sections.iter().any(|s| s.gating && s.has_findings())
}

/// Findings across sections, each with its section: the gating sections' new ones first,
/// then their known ones, then those of informational sections.
pub fn findings(sections: &[Section]) -> Vec<(&Section, &Case)> {
    let mut v: Vec<(&Section, &Case)> = sections
        .iter()
        .flat_map(|s| s.cases.iter().filter(|c| c.status.is_finding()).map(move |c| (s, c)))
        .collect();
    v.sort_by_key(|(s, c)| (!s.gating, c.known.is_some()));
    v
}

/// The sections as a plain-text table with one row each, then the gating findings by
/// name (an informational section's findings are only counted: they are many while a
/// suite is being finished, and the Markdown summary lists them).
pub fn text(title: &str, sections: &[Section]) -> String {
    let mut s = format!("{title}\n");
    let _ = writeln!(
        s,
        "{:<48} {:>6} {:>7} {:>7} {:>9} {:>8} {:>8} {:>8}",
        "", "arch", "passed", "failed", "diverged", "crashed", "skipped", "time"
    );
    for sec in sections {
        let [p, f, d, c, k] = sec.counts();
        let _ = writeln!(
            s,
            "{:<48} {:>6} {p:>7} {f:>7} {d:>9} {c:>8} {k:>8} {:>7.1}s",
            sec.label(),
            sec.arch,
            sec.elapsed.as_secs_f64()
        );
        if let Some(why) = &sec.broken {
            let _ = writeln!(s, "  did not run: {why}");
        }
        if !sec.gating {
            let _ = writeln!(s, "  (not gating: {} findings reported, not failing)", f + d + c);
        }
    }
    for (section, case) in findings(sections).into_iter().filter(|(s, _)| s.gating) {
        let known = case.known.as_ref().map(|k| format!(" (known: {k})")).unwrap_or_default();
        let _ = writeln!(
            s,
            "{} {} [{}] in {}{known}",
            case.status.name().to_uppercase(),
            case.name,
            case.engine,
            section.name
        );
    }
    s
}

/// A Markdown summary for a pull-request comment: verdict line, a row per section (wall
/// time), a row per section and engine (run time), new findings then known ones (details
/// folded), skip reasons.
pub fn markdown(title: &str, sections: &[Section]) -> String {
    let mut s = format!("## {title}: {}\n\n", if failing(sections) { "FAILED" } else { "passed" });
    let cell = |t: &str| if t.is_empty() { "-".to_owned() } else { t.replace('|', "\\|") };
    s += "| lane | arch | suite | programs | passed | failed | diverged | crashed | skipped | time |\n";
    s += "|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for sec in sections {
        let [p, f, d, c, k] = sec.counts();
        let mut name = sec.name.clone();
        if sec.broken.is_some() {
            name += " (did not run)";
        }
        if !sec.gating {
            name += " (not gating)";
        }
        let _ = writeln!(
            s,
            "| {name} | {} | {} | {} | {p} | {f} | {d} | {c} | {k} | {:.1} s |",
            cell(&sec.arch),
            cell(&sec.suite),
            sec.programs,
            sec.elapsed.as_secs_f64()
        );
    }
    if sections.iter().any(|sec| !sec.engines.is_empty()) {
        s += "\n| lane | arch | suite | engine | programs | passed | failed | diverged | crashed | skipped | run time |\n";
        s += "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
        for sec in sections {
            for run in &sec.engines {
                let [p, f, d, c, k] = sec.counts_of(&run.engine);
                let engine = if run.oracle { format!("{} (oracle)", run.engine) } else { run.engine.clone() };
                let counts = if run.oracle && p + f + d + c + k == 0 {
                    "reference | - | - | - | -".to_owned()
                } else {
                    format!("{p} | {f} | {d} | {c} | {k}")
                };
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {engine} | {} | {counts} | {:.1} s |",
                    sec.name,
                    cell(&sec.arch),
                    cell(&sec.suite),
                    sec.programs,
                    run.time.as_secs_f64()
                );
            }
        }
    }
    let total: Duration = sections.iter().map(|s| s.elapsed).sum();
    let _ = writeln!(s, "\nTotal time {:.1} s.", total.as_secs_f64());
    let notes: Vec<&Section> = sections.iter().filter(|s| !s.note.is_empty() || s.broken.is_some()).collect();
    if !notes.is_empty() {
        s.push('\n');
        for sec in notes {
            let arch = if sec.arch.is_empty() { String::new() } else { format!(" ({})", sec.arch) };
            let _ = writeln!(
                s,
                "- **{}**{arch}: {}{}",
                sec.label(),
                sec.note,
                sec.broken.as_deref().map(|b| format!(" Did not run: {b}")).unwrap_or_default()
            );
        }
    }
    let all = findings(sections);
    let headings =
        [("New findings", true, false), ("Known findings", true, true), ("Not gating", false, false)];
    for (heading, gating, known) in headings {
        let list: Vec<_> = all
            .iter()
            .filter(|(s, c)| s.gating == gating && (!gating || c.known.is_some() == known))
            .collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n### {heading} ({})\n", list.len());
        for (section, case) in list.iter().take(50) {
            let sig = case.signature.as_ref().map(|g| format!(" `{g}`")).unwrap_or_default();
            let k = case.known.as_ref().map(|k| format!(" (known: {k})")).unwrap_or_default();
            let _ = writeln!(
                s,
                "- **{}** `{}` on `{}` in {}{sig}{k}",
                case.status.name(),
                case.name,
                case.engine,
                section.label()
            );
            if !case.detail.is_empty() {
                let _ = writeln!(
                    s,
                    "  <details><summary>details</summary>\n\n  ```\n{}\n  ```\n  </details>",
                    clip(&case.detail, 60).trim_end()
                );
            }
        }
        if list.len() > 50 {
            let _ = writeln!(s, "- ... and {} more (see the JUnit report)", list.len() - 50);
        }
    }
    let mut reasons: std::collections::BTreeMap<(String, &str), usize> = Default::default();
    for sec in sections {
        for c in sec.cases.iter().filter(|c| c.status == Status::Skipped) {
            *reasons.entry((sec.label(), c.detail.as_str())).or_default() += 1;
        }
    }
    if !reasons.is_empty() {
        s += "\n### Skipped\n\n";
        for ((sec, why), n) in reasons {
            let _ = writeln!(s, "- {sec}: {n} × {why}");
        }
    }
    s
}

/// At most `lines` lines of `text`.
fn clip(text: &str, lines: usize) -> String {
    let n = text.lines().count();
    let mut s: String = text.lines().take(lines).flat_map(|l| [l, "\n"]).collect();
    if n > lines {
        let _ = writeln!(s, "... ({} more lines)", n - lines);
    }
    s
}

/// JUnit XML: a `<testsuite>` per section, a `<testcase>` per case (`name [engine]`).
pub fn junit(title: &str, sections: &[Section]) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let all: Vec<&Case> = sections.iter().flat_map(|s| &s.cases).collect();
    let failures = all.iter().filter(|c| c.status.is_finding()).count()
        + sections.iter().filter(|s| s.broken.is_some()).count();
    let total: Duration = sections.iter().map(|s| s.elapsed).sum();
    let _ = writeln!(
        s,
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{failures}\" time=\"{:.3}\">",
        xml(title),
        all.len(),
        total.as_secs_f64()
    );
    for sec in sections {
        let [_, f, d, c, k] = sec.counts();
        let _ = writeln!(
            s,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{k}\" time=\"{:.3}\">",
            xml(&sec.label()),
            sec.cases.len() + usize::from(sec.broken.is_some()),
            f + d + c + usize::from(sec.broken.is_some()),
            sec.elapsed.as_secs_f64()
        );
        if let Some(why) = &sec.broken {
            let _ = writeln!(
                s,
                "    <testcase classname=\"{0}\" name=\"lane\"><failure message=\"did not run\">{1}</failure></testcase>",
                xml(&sec.label()),
                xml(why)
            );
        }
        for case in &sec.cases {
            let _ = write!(
                s,
                "    <testcase classname=\"{}\" name=\"{} [{}]\"",
                xml(&sec.label()),
                xml(&case.name),
                xml(&case.engine)
            );
            match case.status {
                Status::Passed => s += "/>\n",
                Status::Skipped => {
                    let _ = writeln!(s, "><skipped message=\"{}\"/></testcase>", xml(&case.detail));
                }
                st => {
                    let mut message = st.name().to_string();
                    if let Some(sig) = &case.signature {
                        message += &format!(": {sig}");
                    }
                    if let Some(k) = &case.known {
                        message += &format!(" (known: {k})");
                    }
                    let _ = writeln!(
                        s,
                        "><failure message=\"{}\" type=\"{}\">{}</failure></testcase>",
                        xml(&message),
                        st.name(),
                        xml(&case.detail)
                    );
                }
            }
        }
        s += "  </testsuite>\n";
    }
    s += "</testsuites>\n";
    s
}

/// Escapes XML text and attribute values; drops characters XML 1.0 cannot carry.
fn xml(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => s += "&amp;",
            '<' => s += "&lt;",
            '>' => s += "&gt;",
            '"' => s += "&quot;",
            '\'' => s += "&apos;",
            '\t' | '\n' | '\r' => s.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => s += "\u{FFFD}",
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(name: &str, status: Status, known: Option<&str>) -> Case {
        Case {
            name: name.into(),
            engine: "twin-jit".into(),
            status,
            signature: None,
            detail: "a < b & \"c\"\u{1}".into(),
            known: known.map(str::to_owned),
        }
    }

    fn sections() -> Vec<Section> {
        vec![Section {
            name: "lane".into(),
            suite: "suite/x".into(),
            arch: "arm64".into(),
            programs: 4,
            engines: vec![
                EngineRun { engine: "twin-interp".into(), oracle: true, time: Duration::from_millis(700) },
                EngineRun { engine: "twin-jit".into(), oracle: false, time: Duration::from_millis(900) },
            ],
            cases: vec![
                case("ok", Status::Passed, None),
                case("old", Status::Diverged, Some("regressions/x.lua")),
                case("new", Status::Failed, None),
                case("skip", Status::Skipped, None),
            ],
            elapsed: Duration::from_millis(1500),
            note: String::new(),
            broken: None,
            gating: true,
        }]
    }

    #[test]
    fn new_findings_come_first() {
        let s = sections();
        let names: Vec<&str> = findings(&s).iter().map(|(_, c)| c.name.as_str()).collect();
        assert_eq!(names, ["new", "old"]);
        let mut info = s.clone();
        info[0].gating = false;
        assert!(markdown("gate", &info).starts_with("## gate: passed"));
        assert!(markdown("gate", &info).contains("### Not gating (2)"));
        let md = markdown("gate", &s);
        assert!(md.starts_with("## gate: FAILED"), "{md}");
        assert!(md.find("### New findings").unwrap() < md.find("### Known findings").unwrap());
        assert!(md.contains("| lane | arm64 | suite/x | 4 | 1 | 1 | 1 | 0 | 1 | 1.5 s |"), "{md}");
        // Per engine: the oracle of a differential section is the reference, not counted.
        assert!(
            md.contains(
                "| lane | arm64 | suite/x | twin-interp (oracle) | 4 | reference | - | - | - | - | 0.7 s |"
            ),
            "{md}"
        );
        assert!(md.contains("| lane | arm64 | suite/x | twin-jit | 4 | 1 | 1 | 1 | 0 | 1 | 0.9 s |"), "{md}");
    }

    #[test]
    fn junit_is_escaped_and_counts_failures() {
        let x = junit("gate", &sections());
        assert!(x.contains("tests=\"4\" failures=\"2\""), "{x}");
        assert!(x.contains("a &lt; b &amp; &quot;c&quot;\u{FFFD}"), "{x}");
        assert!(x.contains("<skipped message="), "{x}");
        assert!(!x.contains('\u{1}'));
    }
}
