//! The suite as Markdown tables: times, each JIT's speedup over its own interpreter,
//! ratios to `luajit` and to `lua5.1` with geometric means, and peak memory.

use super::runner::{self, Outcome, SuiteReport};
use super::stats;

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
    let runner::Ratios { per_row, means } = runner::ratios(r, baseline);
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

/// The interpreter and JIT configurations of one engine, as the suite names them.
const JIT_PAIRS: [(&str, &str); 2] = [("twin-interp", "twin-jit"), ("luajit-joff", "luajit")];

/// Each JIT's speedup over its own interpreter, side by side, and twin-jit's time over
/// luajit's: what a JIT change moves, beside what LuaJIT's JIT makes of the same
/// program (its own speedup says how much a tracing JIT can find there at all).
/// Empty unless the suite ran both halves of at least one pair.
fn speedup_table(r: &SuiteReport) -> String {
    let names = r.engine_names();
    let pairs: Vec<(&str, &str)> =
        JIT_PAIRS.into_iter().filter(|(i, j)| names.contains(i) && names.contains(j)).collect();
    if pairs.is_empty() {
        return String::new();
    }
    let versus = names.contains(&"twin-jit") && names.contains(&"luajit");
    let mut cols: Vec<String> = pairs.iter().map(|(i, j)| format!("{i} / {j}")).collect();
    if versus {
        cols.push("twin-jit / luajit".into());
    }
    let mut s = "
## JIT speedup (interpreter's time / JIT's time: above 1 is faster)

"
    .to_string();
    s += &header(&cols.iter().map(String::as_str).collect::<Vec<_>>());
    let quotients = |a: &str, b: &str| -> Vec<Option<f64>> {
        r.rows
            .iter()
            .map(|row| Some(row.time(a)? / row.time(b)?).filter(|x| x.is_finite() && *x > 0.0))
            .collect()
    };
    let mut columns: Vec<Vec<Option<f64>>> = pairs.iter().map(|(i, j)| quotients(i, j)).collect();
    if versus {
        columns.push(quotients("twin-jit", "luajit"));
    }
    for (k, row) in r.rows.iter().enumerate() {
        let cells: Vec<String> = columns.iter().map(|c| c[k].map_or("-".into(), ratio)).collect();
        s += &format!("| {} | {} |\n", row.benchmark, cells.join(" | "));
    }
    let total = r.rows.len();
    let means: Vec<String> = columns
        .iter()
        .map(|c| {
            let xs: Vec<f64> = c.iter().flatten().copied().collect();
            match stats::geomean(&xs) {
                Some(g) if xs.len() == total => format!("**{}**", ratio(g)),
                Some(g) => format!("**{}** ({} of {total})", ratio(g), xs.len()),
                None => "-".into(),
            }
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
    s += &speedup_table(r);
    for baseline in ["luajit", "lua5.1"] {
        if names.contains(&baseline) {
            s += &format!("\n## Ratio to {baseline} (time / {baseline}'s time: below 1 is faster)\n\n");
            s += &ratio_table(r, baseline);
        }
    }
    s += "\n## Peak RSS (MiB)\n\n\
          `≤x`: at most x, the harness's own peak when it started the engine, which Linux carries \
          over into the child's figure.\n\n";
    s += &header(&names);
    for row in &r.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| match &c.outcome {
                Outcome::Timed { max_rss_kib, rss_floor_kib, .. } if max_rss_kib <= rss_floor_kib => {
                    format!("≤{:.1}", *max_rss_kib as f64 / 1024.0)
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_for_reading() {
        assert_eq!(
            (secs(12.34), secs(1.234), secs(0.1234), secs(0.01234)),
            ("12.3".into(), "1.23".into(), "0.123".into(), "0.0123".into())
        );
        assert_eq!(
            (ratio(0.5), ratio(3.412), ratio(12.34), ratio(140.4)),
            ("0.50×".into(), "3.41×".into(), "12.3×".into(), "140×".into())
        );
    }

    #[test]
    fn jit_speedups_sit_beside_luajits_own() {
        let expected = "
## JIT speedup (interpreter's time / JIT's time: above 1 is faster)

| benchmark | twin-interp / twin-jit | luajit-joff / luajit | twin-jit / luajit |
|---|---:|---:|---:|
| fib | 4.00× | 4.00× | 1.25× |
| ffi | - | 4.00× | - |
| **geometric mean** | **4.00×** (1 of 2) | **4.00×** | **1.25×** (1 of 2) |
";
        let r = crate::bench::fixture::jit_report();
        assert_eq!(speedup_table(&r), expected);
        assert!(render(&r, None).contains(expected));
        assert_eq!(speedup_table(&crate::bench::fixture::report()), "");
    }

    #[test]
    fn the_report_is_exactly_this() {
        let expected = r##"# twin bench: 2 benchmarks, size small

2026-11-21T13:02:03Z, box (Some CPU, 2 cores, x86_64), load 1.50 -> 2.25, commit abc123

Each time is the median of 3 runs after a warm-up, in CPU seconds (user + system), with the range [min-max]. Every run's output was checked against the reference engine's before it counted.

![ratios to luajit](suite.svg)

## Time (s)

| benchmark | twin-interp | luajit | lua5.1 |
|---|---:|---:|---:|
| fib | 0.500 [0.400-0.600] | 0.100 [0.100-0.100] | 0.250 [0.200-0.300] |
| ffi | **MISMATCH** | 0.0200 [0.0200-0.0200] | n/a |

## Ratio to luajit (time / luajit's time: below 1 is faster)

| benchmark | twin-interp | lua5.1 |
|---|---:|---:|
| fib | 5.00× | 2.50× |
| ffi | **MISMATCH** | n/a |
| **geometric mean** | **5.00×** (1 of 2) | **2.50×** (1 of 2) |

## Ratio to lua5.1 (time / lua5.1's time: below 1 is faster)

| benchmark | twin-interp | luajit |
|---|---:|---:|
| fib | 2.00× | 0.40× |
| ffi | **MISMATCH** | (lua5.1 n/a) |
| **geometric mean** | **2.00×** (1 of 2) | **0.40×** (1 of 2) |

## Peak RSS (MiB)

`≤x`: at most x, the harness's own peak when it started the engine, which Linux carries over into the child's figure.

| benchmark | twin-interp | luajit | lua5.1 |
|---|---:|---:|---:|
| fib | 4.0 | ≤2.0 | 3.0 |
| ffi | **MISMATCH** | ≤1.0 | n/a |

## Benchmarks

| benchmark | what it exercises | arg | checksum (reference) |
|---|---|---:|---|
| fib | calls | 20 | `6765` (lua5.1) |
| ffi | cdata | 9 | `1 2ULL` (luajit) |

## Not timed

- ffi on twin-interp: MISMATCH: printed `1 3ULL`, expected `1 2ULL`
- ffi on lua5.1: n/a (no FFI)

## Engines

- twin-interp: `twin-lua -joff` (twin-interp 1.0)
- luajit: `luajit` (luajit 1.0)
- lua5.1: `lua5.1` (lua5.1 1.0)
"##;
        assert_eq!(render(&crate::bench::fixture::report(), Some("suite.svg")), expected);
    }
}
