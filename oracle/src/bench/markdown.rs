//! The suite as Markdown tables: times, ratios to `luajit` and to `lua5.1`
//! with geometric means, and peak memory.

use super::runner::{self, Outcome, SuiteReport};

/// Seconds with three significant-ish digits: `12.3`, `1.23`, `0.123`, `0.0123`.
pub fn secs(x: f64) -> String {
    if x >= 10.0 {
        format!("{x:.1}")
    } else if x >= 1.0 {
        format!("{x:.2}")
    } else if x >= 0.1 {
        format!("{x:.3}")
    } else {
        format!("{x:.4}")
    }
}

/// A ratio as `0.52×`, `3.41×`, `12.3×`, `140×`.
pub fn ratio(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}×")
    } else if x >= 10.0 {
        format!("{x:.1}×")
    } else {
        format!("{x:.2}×")
    }
}

fn marker(o: &Outcome) -> Option<&'static str> {
    match o {
        Outcome::Timed { .. } => None,
        Outcome::NotApplicable { .. } => Some("n/a"),
        Outcome::Mismatch { .. } => Some("**MISMATCH**"),
        Outcome::Failed { .. } => Some("**FAILED**"),
    }
}

fn header(cols: &[&str]) -> String {
    let mut s = format!("| benchmark | {} |\n|---|", cols.join(" | "));
    s += &"---:|".repeat(cols.len());
    s + "\n"
}

fn ratio_table(r: &SuiteReport, baseline: &str) -> String {
    let (per_row, means) = runner::ratios(r, baseline);
    let cols: Vec<&str> = r.engine_names().into_iter().filter(|n| *n != baseline).collect();
    let mut s = header(&cols);
    for (row, ratios) in r.rows.iter().zip(&per_row) {
        let base_missing = row.time(baseline).is_none();
        let cells: Vec<String> = cols
            .iter()
            .map(|name| {
                let cell = row.cells.iter().find(|c| c.engine == *name).map(|c| &c.outcome);
                match (ratios.get(*name), cell.and_then(marker)) {
                    (Some(x), _) => ratio(*x),
                    (None, Some(m)) => m.to_string(),
                    (None, None) if base_missing => format!("({baseline} n/a)"),
                    (None, None) => "-".into(),
                }
            })
            .collect();
        s += &format!("| {} | {} |\n", row.benchmark, cells.join(" | "));
    }
    let total = r.rows.len();
    let means: Vec<String> = cols
        .iter()
        .map(|name| match means.get(*name) {
            Some((g, k)) if *k == total => format!("**{}**", ratio(*g)),
            Some((g, k)) => format!("**{}** ({k} of {total})", ratio(*g)),
            None => "-".into(),
        })
        .collect();
    s += &format!("| **geometric mean** | {} |\n", means.join(" | "));
    s
}

/// The whole report; `svg` is the chart's file name, linked when given.
pub fn render(r: &SuiteReport, svg: Option<&str>) -> String {
    let names = r.engine_names();
    let mut s = format!("# twin bench: {} benchmarks, size {}\n\n", r.rows.len(), r.size.name());
    s += &format!("{}\n\n", r.meta.describe());
    s += &format!(
        "Each time is the median of {} runs after a warm-up, in {}, with the range [min-max]. \
         Every run's output was checked against the reference engine's before it counted.\n\n",
        r.runs,
        r.clock.describe()
    );
    if let Some(svg) = svg {
        s += &format!("![ratios to luajit]({svg})\n\n");
    }
    s += "## Time (s)\n\n";
    s += &header(&names);
    for row in &r.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| match &c.outcome {
                Outcome::Timed { time, .. } => {
                    format!("{} [{}-{}]", secs(time.median), secs(time.min), secs(time.max))
                }
                o => marker(o).unwrap_or_default().to_string(),
            })
            .collect();
        s += &format!("| {} | {} |\n", row.benchmark, cells.join(" | "));
    }
    for baseline in ["luajit", "lua5.1"] {
        if names.contains(&baseline) {
            s += &format!("\n## Ratio to {baseline} (time / {baseline}'s time: below 1 is faster)\n\n");
            s += &ratio_table(r, baseline);
        }
    }
    s += "\n## Peak RSS (MiB)\n\n";
    s += &header(&names);
    for row in &r.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| match &c.outcome {
                Outcome::Timed { max_rss_kib, .. } => format!("{:.1}", *max_rss_kib as f64 / 1024.0),
                o => marker(o).unwrap_or_default().to_string(),
            })
            .collect();
        s += &format!("| {} | {} |\n", row.benchmark, cells.join(" | "));
    }
    s += "\n## Benchmarks\n\n| benchmark | what it exercises | arg | checksum (reference) |\n|---|---|---:|---|\n";
    for row in &r.rows {
        let check = match (&row.checksum, &row.reference) {
            (Some(c), Some(e)) => format!("`{c}` ({e})"),
            _ => "none: no engine ran it cleanly".into(),
        };
        s += &format!("| {} | {} | {} | {check} |\n", row.benchmark, row.what, row.arg);
    }
    let problems: Vec<String> = r
        .rows
        .iter()
        .flat_map(|row| row.cells.iter().map(move |c| (row, c)))
        .filter_map(|(row, c)| match &c.outcome {
            Outcome::Mismatch { expected, got } => Some(format!(
                "- {} on {}: MISMATCH: printed `{got}`, expected `{expected}`",
                row.benchmark, c.engine
            )),
            Outcome::Failed { message } => {
                Some(format!("- {} on {}: FAILED: {message}", row.benchmark, c.engine))
            }
            Outcome::NotApplicable { reason } => {
                Some(format!("- {} on {}: n/a ({reason})", row.benchmark, c.engine))
            }
            Outcome::Timed { .. } => None,
        })
        .collect();
    if !problems.is_empty() {
        s += &format!("\n## Not timed\n\n{}\n", problems.join("\n"));
    }
    s += "\n## Engines\n\n";
    for e in &r.engines {
        s += &format!("- {}: `{}` ({})\n", e.name, e.argv.join(" "), e.version);
    }
    s
}
