//! The suite as a chart: a grouped horizontal bar chart of each engine's
//! time relative to a baseline engine, on a log scale, written as SVG by
//! hand (no plotting dependency for one picture).
//!
//! ```text
//!                 0.1×      1×       10×      100×     (log axis, grid lines)
//!   fib        ▕          ██████████████ 12.3×          twin-interp
//!              ▕          ████ 2.05×                    twin-jit
//!              ▕       ███ 0.61×                        lua5.1   (bars start at 1×:
//!   ...                   │                                       left = faster)
//!   geometric mean        │
//! ```
//!
//! Bars grow from the baseline's 1× line, left when faster, right when
//! slower, so equal factors look equal either way. Every bar carries its
//! value; a cell that was not timed shows why (n/a, MISMATCH, FAILED) where
//! its bar would be.

use super::markdown::ratio;
use super::runner::{self, Outcome, SuiteReport};

const PALETTE: [&str; 7] = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#9c755f"];
const LEFT: f64 = 150.0;
const PLOT: f64 = 620.0;
const RIGHT: f64 = 80.0;
const BAR: f64 = 13.0;
const GAP: f64 = 12.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The decades the axis spans: from below the smallest value (and 1) to
/// above the largest (and 1), as powers of ten.
fn decades(values: &[f64]) -> (i32, i32) {
    let lo = values.iter().copied().fold(1.0f64, f64::min);
    let hi = values.iter().copied().fold(1.0f64, f64::max);
    let (a, mut b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    if a == b {
        b += 1;
    }
    (a, b)
}

/// Axis labels: `0.01×` ... `1×` ... `1000×`.
fn tick_label(v: f64) -> String {
    if v >= 1.0 { format!("{v:.0}×") } else { format!("{}×", format!("{v:.3}").trim_end_matches('0')) }
}

/// The chart of every engine but `baseline`, relative to `baseline`.
pub fn render(r: &SuiteReport, baseline: &str) -> String {
    let runner::Ratios { per_row, means } = runner::ratios(r, baseline);
    let engines: Vec<&str> = r.engine_names().into_iter().filter(|n| *n != baseline).collect();
    let colour = |i: usize| PALETTE[i % PALETTE.len()];
    let all: Vec<f64> = per_row.iter().flat_map(|m| m.values().copied()).collect();
    let (d0, d1) = decades(&all);
    let x = |v: f64| LEFT + PLOT * (v.log10() - f64::from(d0)) / f64::from(d1 - d0);
    let group_h = engines.len() as f64 * BAR + GAP;
    let top = 92.0;
    let groups = r.rows.len() + 1;
    let height = top + groups as f64 * group_h + 40.0;
    let width = LEFT + PLOT + RIGHT;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n"
    );
    s += &format!("<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
    s += &format!(
        "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Time relative to {} \
         (log scale; left of 1× is faster)</text>\n",
        esc(baseline)
    );
    s += &format!(
        "<text x=\"10\" y=\"38\" fill=\"#555\">{} benchmarks, size {}, median of {} runs, {}; {}</text>\n",
        r.rows.len(),
        r.size.name(),
        r.runs,
        esc(r.clock.describe()),
        esc(&r.meta.timestamp)
    );
    let mut lx = 10.0;
    for (i, e) in engines.iter().enumerate() {
        s += &format!("<rect x=\"{lx}\" y=\"50\" width=\"12\" height=\"12\" fill=\"{}\"/>\n", colour(i));
        s += &format!("<text x=\"{}\" y=\"60\">{}</text>\n", lx + 16.0, esc(e));
        lx += 16.0 + 7.0 * e.len() as f64 + 18.0;
    }
    // Grid: 1, 2, 5 per decade; the decades labelled, 1× strongest.
    let bottom = top + groups as f64 * group_h;
    for d in d0..=d1 {
        for m in [1.0, 2.0, 5.0] {
            let v = m * 10f64.powi(d);
            if d == d1 && m > 1.0 {
                break;
            }
            let gx = x(v);
            let (stroke, w) = if d == 0 && m == 1.0 {
                ("#333", 1.5)
            } else if m == 1.0 {
                ("#bbb", 1.0)
            } else {
                ("#e4e4e4", 1.0)
            };
            s += &format!(
                "<line x1=\"{gx:.1}\" y1=\"{}\" x2=\"{gx:.1}\" y2=\"{bottom}\" stroke=\"{stroke}\" stroke-width=\"{w}\"/>\n",
                top - 6.0
            );
            if m == 1.0 || d1 - d0 <= 2 {
                s += &format!(
                    "<text x=\"{gx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
                    bottom + 14.0,
                    tick_label(v)
                );
            }
        }
    }
    s += &format!(
        "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">= {}</text>\n",
        x(1.0),
        bottom + 28.0,
        esc(baseline)
    );
    let mut y = top;
    let rows = r.rows.iter().zip(&per_row).map(|(row, m)| (row.benchmark.as_str(), Some(row), m.clone()));
    let mean_map = means.iter().map(|(k, (g, _))| (k.clone(), *g)).collect();
    for (label, row, values) in rows.chain(std::iter::once(("geometric mean", None, mean_map))) {
        let bold = if row.is_none() { " font-weight=\"bold\"" } else { "" };
        if row.is_none() {
            s += &format!(
                "<line x1=\"10\" y1=\"{:.1}\" x2=\"{}\" y2=\"{:.1}\" stroke=\"#999\"/>\n",
                y - GAP / 2.0,
                width - 10.0,
                y - GAP / 2.0
            );
        }
        s += &format!(
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\"{bold}>{}</text>\n",
            LEFT - 8.0,
            y + engines.len() as f64 * BAR / 2.0 + 4.0,
            esc(label)
        );
        for (i, e) in engines.iter().enumerate() {
            let by = y + i as f64 * BAR;
            let ty = by + BAR - 3.0;
            match values.get(*e) {
                Some(&v) => {
                    let (x0, x1) = (x(1.0).min(x(v)), x(1.0).max(x(v)));
                    s += &format!(
                        "<rect x=\"{x0:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{}\" fill=\"{}\"><title>{} {}: {}</title></rect>\n",
                        (x1 - x0).max(1.0),
                        BAR - 2.0,
                        colour(i),
                        esc(label),
                        esc(e),
                        ratio(v)
                    );
                    let (tx, anchor) = if v >= 1.0 { (x1 + 4.0, "start") } else { (x0 - 4.0, "end") };
                    s += &format!(
                        "<text x=\"{tx:.1}\" y=\"{ty:.1}\" text-anchor=\"{anchor}\">{}</text>\n",
                        ratio(v)
                    );
                }
                None => {
                    let why = row
                        .and_then(|row| row.cells.iter().find(|c| c.engine == *e))
                        .map(|c| match &c.outcome {
                            Outcome::NotApplicable { .. } => "n/a",
                            Outcome::Mismatch { .. } => "MISMATCH",
                            Outcome::Failed { .. } => "FAILED",
                            Outcome::Timed { .. } => "no baseline",
                        })
                        .unwrap_or("-");
                    let fill = if why == "MISMATCH" || why == "FAILED" { "#c00" } else { "#888" };
                    s += &format!(
                        "<text x=\"{:.1}\" y=\"{ty:.1}\" fill=\"{fill}\">{} {why}</text>\n",
                        x(1.0) + 4.0,
                        esc(e)
                    );
                }
            }
        }
        y += group_h;
    }
    s + "</svg>\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_spans_whole_decades_around_one() {
        assert_eq!(decades(&[2.0, 5.0]), (0, 1));
        assert_eq!(decades(&[0.5, 12.0]), (-1, 2));
        assert_eq!(decades(&[]), (0, 1));
        assert_eq!(
            (tick_label(0.01), tick_label(0.5), tick_label(100.0)),
            ("0.01×".into(), "0.5×".into(), "100×".into())
        );
    }

    #[test]
    fn the_chart_is_exactly_this() {
        // One bar per timed cell growing from the 1x line (x = 150), the
        // reason where a cell was not timed, and the geometric mean last.
        let expected = r##"<svg xmlns="http://www.w3.org/2000/svg" width="850" height="246" viewBox="0 0 850 246" font-family="sans-serif" font-size="11">
<rect width="850" height="246" fill="white"/>
<text x="10" y="20" font-size="15" font-weight="bold">Time relative to luajit (log scale; left of 1× is faster)</text>
<text x="10" y="38" fill="#555">2 benchmarks, size small, median of 3 runs, CPU seconds (user + system); 2026-11-21T13:02:03Z</text>
<rect x="10" y="50" width="12" height="12" fill="#4e79a7"/>
<text x="26" y="60">twin-interp</text>
<rect x="121" y="50" width="12" height="12" fill="#f28e2b"/>
<text x="137" y="60">lua5.1</text>
<line x1="150.0" y1="86" x2="150.0" y2="206" stroke="#333" stroke-width="1.5"/>
<text x="150.0" y="220" text-anchor="middle" fill="#333">1×</text>
<line x1="336.6" y1="86" x2="336.6" y2="206" stroke="#e4e4e4" stroke-width="1"/>
<text x="336.6" y="220" text-anchor="middle" fill="#333">2×</text>
<line x1="583.4" y1="86" x2="583.4" y2="206" stroke="#e4e4e4" stroke-width="1"/>
<text x="583.4" y="220" text-anchor="middle" fill="#333">5×</text>
<line x1="770.0" y1="86" x2="770.0" y2="206" stroke="#bbb" stroke-width="1"/>
<text x="770.0" y="220" text-anchor="middle" fill="#333">10×</text>
<text x="150.0" y="234" text-anchor="middle" fill="#333">= luajit</text>
<text x="142" y="109.0" text-anchor="end">fib</text>
<rect x="150.0" y="92.0" width="433.4" height="11" fill="#4e79a7"><title>fib twin-interp: 5.00×</title></rect>
<text x="587.4" y="102.0" text-anchor="start">5.00×</text>
<rect x="150.0" y="105.0" width="246.7" height="11" fill="#f28e2b"><title>fib lua5.1: 2.50×</title></rect>
<text x="400.7" y="115.0" text-anchor="start">2.50×</text>
<text x="142" y="147.0" text-anchor="end">ffi</text>
<text x="154.0" y="140.0" fill="#c00">twin-interp MISMATCH</text>
<text x="154.0" y="153.0" fill="#888">lua5.1 n/a</text>
<line x1="10" y1="162.0" x2="840" y2="162.0" stroke="#999"/>
<text x="142" y="185.0" text-anchor="end" font-weight="bold">geometric mean</text>
<rect x="150.0" y="168.0" width="433.4" height="11" fill="#4e79a7"><title>geometric mean twin-interp: 5.00×</title></rect>
<text x="587.4" y="178.0" text-anchor="start">5.00×</text>
<rect x="150.0" y="181.0" width="246.7" height="11" fill="#f28e2b"><title>geometric mean lua5.1: 2.50×</title></rect>
<text x="400.7" y="191.0" text-anchor="start">2.50×</text>
</svg>
"##;
        assert_eq!(render(&crate::bench::fixture::report(), "luajit"), expected);
    }
}
