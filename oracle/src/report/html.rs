//! The HTML report: one file, no server, no external assets.
//!
//! ```text
//!   #summary    findings, bugs, a table of signatures with counts
//!   #timeline   findings per signature over time (inline SVG bars)
//!   #bug-N      per bug: verdict, stability, bisection, reproducing command,
//!     .program    the reduced program, the divergent checkpoint's line marked
//!     .diff       side-by-side diff of each differing field
//!     .observations, .trace
//! ```
//!
//! CSS and the little JavaScript (collapsing sections) are inline, so the
//! page opens from `file://` anywhere.

use super::marked_line;
use crate::triage::{Bug, Triage};

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;background:#fafafa}
h1{font-size:1.5em}h2{border-bottom:2px solid #c33;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
code{word-break:break-all}pre{background:#fff;border:1px solid #ddd;padding:.5em;overflow:auto;margin:0}
.code td{border:none;padding:0 .6em;font:13px monospace;white-space:pre}.code .n{color:#999;text-align:right}
.mark{background:#ffe08a}.del{background:#fdd}.add{background:#dfd}
.sbs{width:100%;table-layout:fixed}.sbs td{font:12px monospace;white-space:pre-wrap;border:none;border-right:1px solid #ddd}
.tag{display:inline-block;padding:0 .5em;border-radius:3px;background:#eee}.flaky{background:#fc6}.deterministic{background:#9d9}
.toggle{cursor:pointer;color:#06c}";

const SCRIPT: &str =
    "document.querySelectorAll('.toggle').forEach(function(t){t.addEventListener('click',function(){
var n=t.nextElementSibling;n.style.display=n.style.display==='none'?'':'none';});});";

/// A signature for a table cell: long group keys (a whole table printed in
/// a checkpoint line) are cut, the full text kept in the tooltip.
fn sig_cell(sig: &str) -> String {
    const MAX: usize = 100;
    match sig.char_indices().nth(MAX) {
        Some((cut, _)) => format!("<code title=\"{}\">{}…</code>", esc(sig), esc(&sig[..cut])),
        None => format!("<code>{}</code>", esc(sig)),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn render(t: &Triage) -> String {
    let mut h = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>twin triage</title><style>{STYLE}</style></head><body>\n"
    );
    h += &format!(
        "<h1>twin triage: {}</h1>\n<section id=\"summary\"><h2>Summary</h2>",
        esc(&t.dir.display().to_string())
    );
    h += &format!(
        "<p>{} findings, {} distinct bugs, {} skipped.</p>",
        t.findings,
        t.bugs.len(),
        t.skipped.len()
    );
    h += "<table><tr><th>bug</th><th>signature</th><th>engines</th><th>findings</th><th>stability</th><th>lines</th><th>tokens</th></tr>";
    for (n, b) in t.bugs.iter().enumerate() {
        let ((bl, bt), (al, at)) = b.sizes();
        h += &format!(
            "<tr><td><a href=\"#bug-{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td><span class=\"tag {4}\">{4}</span></td><td>{bl} → {al}</td><td>{bt} → {at}</td></tr>",
            n + 1,
            sig_cell(&b.signature),
            esc(&b.engines.join(" vs ")),
            b.findings.len(),
            b.stability()
        );
    }
    h += "</table>";
    for s in &t.skipped {
        h += &format!("<p>skipped: {}</p>", esc(s));
    }
    h += "</section>\n";
    h += &timeline(t);
    for (n, b) in t.bugs.iter().enumerate() {
        h += &bug(n + 1, b);
    }
    h += &format!("<script>{SCRIPT}</script></body></html>\n");
    h
}

/// Findings per signature in up to 12 equal time buckets.
fn timeline(t: &Triage) -> String {
    let stamps: Vec<u64> = t.bugs.iter().flat_map(|b| b.timestamps.iter().copied()).collect();
    let mut h = String::from("<section id=\"timeline\"><h2>Findings over time</h2>");
    let (Some(&lo), Some(&hi)) = (stamps.iter().min(), stamps.iter().max()) else {
        return h + "<p>No timestamps.</p></section>\n";
    };
    const BUCKETS: u64 = 12;
    let width = ((hi - lo) / BUCKETS).max(1) + 1;
    h += &format!("<p>{} s per bucket, from the earliest finding (unix time {lo}).</p><table>", width);
    for (n, b) in t.bugs.iter().enumerate() {
        let mut counts = [0u32; BUCKETS as usize + 1];
        for s in &b.timestamps {
            counts[((s - lo) / width) as usize] += 1;
        }
        let max = counts.iter().copied().max().unwrap_or(1).max(1);
        let mut svg = String::from("<svg width=\"260\" height=\"40\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (i, c) in counts.iter().enumerate() {
            let bar = 36 * c / max;
            svg += &format!(
                "<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"{bar}\" fill=\"#c33\"><title>{c}</title></rect>",
                i * 20,
                38 - bar
            );
        }
        svg += "</svg>";
        h += &format!(
            "<tr><td>bug {}</td><td>{}</td><td>{svg}</td><td>{}</td></tr>",
            n + 1,
            sig_cell(&b.signature),
            b.timestamps.len()
        );
    }
    h + "</table></section>\n"
}

fn bug(n: usize, b: &Bug) -> String {
    let mut h =
        format!("<section id=\"bug-{n}\" class=\"bug\"><h2>Bug {n}: {}</h2><ul>", sig_cell(&b.signature));
    let verdict = b
        .report
        .as_ref()
        .and_then(|r| r.judgements.first())
        .map_or_else(|| "not judged".into(), |j| format!("{} — {}", j.verdict.kind(), j.signature));
    h += &format!("<li>engines: {}</li>", esc(&b.engines.join(" (oracle) vs ")));
    h += &format!("<li>verdict: <code>{}</code></li>", esc(&verdict));
    h += &format!(
        "<li>re-checked {0} times: <span class=\"tag {1}\">{1}</span> ({2} reproduced)</li>",
        b.rechecks,
        b.stability(),
        b.reproduced
    );
    if let Some(e) = &b.reduce_error {
        h += &format!("<li>not reduced: {}</li>", esc(e));
    }
    if let Some(bis) = &b.bisection {
        let text = bis.as_ref().map_or_else(|e| format!("failed: {e}"), |x| x.summary());
        h += &format!("<li>bisection: {}</li>", esc(&text));
    }
    h += &format!("<li>reproduce: <code>{}</code></li></ul>", esc(&b.command));
    let mark = marked_line(b);
    h += "<h3>Reduced program</h3><div class=\"program\"><table class=\"code\">";
    for (i, line) in b.program.lines().enumerate() {
        let no = i as i64 + 1;
        let class =
            if Some(no) == mark { " class=\"mark\" title=\"first divergent checkpoint\"" } else { "" };
        h += &format!("<tr{class}><td class=\"n\">{no}</td><td>{}</td></tr>", esc(line));
    }
    h += "</table></div>";
    if let Some(r) = &b.report {
        h += "<h3>Diff</h3><div class=\"diff\">";
        for j in &r.judgements {
            for d in &j.diffs {
                h += &format!("<h4>{}</h4>{}", d.field.name(), side_by_side(&d.diff));
            }
        }
        h += "</div><h3 class=\"toggle\">Observations ▾</h3><div class=\"observations\"><table class=\"sbs\"><tr>";
        for res in &r.results {
            h += &format!("<th>{}</th>", esc(&res.engine));
        }
        h += "</tr><tr>";
        for res in &r.results {
            h += &format!("<td>{}</td>", esc(&res.observation.render()));
        }
        h += "</tr></table></div>";
    }
    h += &format!(
        "<h3 class=\"toggle\">Trace log ▾</h3><div class=\"trace\"><pre>{}</pre></div>",
        esc(&b.trace_log)
    );
    h + "</section>\n"
}

/// One side of a side-by-side diff: (text, CSS class) per row.
type Column = Vec<(String, &'static str)>;

/// A unified diff as two columns: removed lines left, added lines right,
/// context on both.
fn side_by_side(unified: &str) -> String {
    let (mut left, mut right): (Column, Column) = (Vec::new(), Vec::new());
    let mut h = String::from("<table class=\"sbs\">");
    let flush = |left: &mut Column, right: &mut Column, h: &mut String| {
        for i in 0..left.len().max(right.len()) {
            let cell = |c: Option<&(String, &str)>| {
                c.map_or_else(
                    || "<td></td>".to_string(),
                    |(t, class)| format!("<td class=\"{class}\">{}</td>", esc(t)),
                )
            };
            *h += &format!("<tr>{}{}</tr>", cell(left.get(i)), cell(right.get(i)));
        }
        left.clear();
        right.clear();
    };
    for line in unified.lines() {
        if line.starts_with("---") || line.starts_with("+++") {
            let name = line[3..].trim().to_string();
            let side = if line.starts_with("---") { &mut left } else { &mut right };
            side.push((name, ""));
            if line.starts_with("+++") {
                flush(&mut left, &mut right, &mut h);
            }
        } else if let Some(rest) = line.strip_prefix('-') {
            left.push((rest.to_string(), "del"));
        } else if let Some(rest) = line.strip_prefix('+') {
            right.push((rest.to_string(), "add"));
        } else {
            flush(&mut left, &mut right, &mut h);
            let text = line.strip_prefix(' ').unwrap_or(line).to_string();
            left.push((text.clone(), ""));
            right.push((text, ""));
            flush(&mut left, &mut right, &mut h);
        }
    }
    flush(&mut left, &mut right, &mut h);
    h + "</table>"
}
