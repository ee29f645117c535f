//! `twin bench` end to end: the suite on the twin engines at the small size,
//! the harness throughput and instruction counts on a few programs. Nothing
//! here asserts a time: speed is measured, never tested.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{ensure_twin_lua, scratch, twin};
use serde_json::Value;

fn programs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/programs")
}

/// The one file in `dir` named `<prefix>-<timestamp>.json`.
fn history_json(dir: &Path, prefix: &str) -> Value {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(&format!("{prefix}-")) && n.ends_with(".json")
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    serde_json::from_str(&std::fs::read_to_string(&found[0]).unwrap()).unwrap()
}

/// What `luajit -joff` prints for a benchmark at the small size.
fn luajit_checksum(name: &str, arg: &str) -> String {
    let path = programs().join(format!("{name}.lua"));
    let out = Command::new("luajit").arg("-joff").arg(&path).arg(arg).output().expect("luajit (ci/setup)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).trim_end().replace('\t', " ")
}

#[test]
fn suite_on_the_twin_engines_writes_table_chart_and_history() {
    ensure_twin_lua();
    let out = scratch("bench-suite");
    let o = out.to_str().unwrap();
    let t = twin(&[
        "bench",
        "fib",
        "queens",
        "strings",
        "--size",
        "small",
        "--runs",
        "1",
        "--engines",
        "twin-interp,twin-jit",
        "--out",
        o,
    ]);
    assert_eq!(t.status, 0, "stdout:\n{}\nstderr:\n{}", t.stdout, t.stderr);
    let md = std::fs::read_to_string(out.join("suite.md")).unwrap();
    assert_eq!(t.stdout, md, "the table is printed too");
    assert!(md.contains("| benchmark | twin-interp | twin-jit |"), "{md}");
    // Without luajit the chart and ratios are relative to the first engine.
    let svg = std::fs::read_to_string(out.join("suite.svg")).unwrap();
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("Time relative to twin-interp") && svg.contains(">queens</text>"), "{svg}");
    let j = history_json(&out, "suite");
    assert_eq!(j["size"], "small");
    assert_eq!(j["runs"], 1);
    assert!(j["meta"]["commit"].as_str().is_some_and(|c| !c.is_empty()));
    let rows = j["rows"].as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["benchmark"].as_str().unwrap()).collect();
    assert_eq!(names, ["fib", "queens", "strings"]);
    for row in rows {
        let (name, arg) = (row["benchmark"].as_str().unwrap(), row["arg"].as_str().unwrap());
        assert_eq!(row["checksum"], luajit_checksum(name, arg), "{name}: twin's output is luajit's");
        for cell in row["cells"].as_array().unwrap() {
            assert_eq!(cell["status"], "timed", "{name}: {cell}");
            assert_eq!(cell["cpu"].as_array().unwrap().len(), 1);
            assert!(cell["max_rss_kib"].as_u64().unwrap() > 0);
        }
    }
}

#[test]
fn a_wrong_output_is_marked_and_not_timed() {
    ensure_twin_lua();
    let dir = scratch("bench-mismatch");
    let progs = dir.join("programs");
    std::fs::create_dir_all(&progs).unwrap();
    // The answer depends on the engine: twin-lua's interpreter and JIT agree,
    // a luajit engine prints something else.
    std::fs::write(
        progs.join("who.lua"),
        "--! what: engine identity\n--! size: small=1 default=1\nprint(jit and jit.version or 'none')\n",
    )
    .unwrap();
    let out = dir.join("out");
    let t = twin(&[
        "bench",
        "--programs",
        progs.to_str().unwrap(),
        "--size",
        "small",
        "--runs",
        "1",
        "--engines",
        "twin-interp,luajit-joff",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(t.status, 1, "stdout:\n{}\nstderr:\n{}", t.stdout, t.stderr);
    assert!(t.stderr.contains("MISMATCH: who on twin-interp"), "{}", t.stderr);
    let j = history_json(&out, "suite");
    let cells = &j["rows"][0]["cells"];
    assert_eq!((&cells[0]["status"], &cells[1]["status"]), (&Value::from("mismatch"), &Value::from("timed")));
    assert_eq!(j["rows"][0]["reference"], "luajit-joff");
}

#[test]
fn harness_throughput_has_rates_and_shares() {
    ensure_twin_lua();
    let out = scratch("bench-harness");
    let t = twin(&[
        "bench",
        "--harness",
        "--count",
        "3",
        "--pair",
        "twin-interp,twin-jit",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(t.status, 0, "stdout:\n{}\nstderr:\n{}", t.stdout, t.stderr);
    assert!(t.stdout.contains("| twin-interp vs twin-jit | persistent | 3 |"), "{}", t.stdout);
    assert!(t.stdout.contains("| twin-interp vs twin-jit | one process per program | 3 |"), "{}", t.stdout);
    let j = history_json(&out, "harness");
    let rows = j["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for r in rows {
        for k in ["wall", "cpu", "generation", "execution", "comparison"] {
            assert!(r[k].as_f64().unwrap() > 0.0, "{k}: {r}");
        }
    }
    // One process per program: a process for every run (the oracle twice).
    assert_eq!(rows[1]["processes"], 9);
    assert_eq!(rows[0]["processes"], 2);
}

#[test]
fn instruction_counts_for_the_interpreters() {
    if Command::new("valgrind").arg("--version").output().is_err() {
        eprintln!("skipped: valgrind is not installed (ci/setup installs it)");
        return;
    }
    ensure_twin_lua();
    let out = scratch("bench-instructions");
    let t = twin(&[
        "bench",
        "--instructions",
        "fib",
        "--engines",
        "twin-interp,luajit-joff",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(t.status, 0, "stdout:\n{}\nstderr:\n{}", t.stdout, t.stderr);
    assert!(t.stdout.contains("twin-interp / luajit-joff"), "{}", t.stdout);
    let j = history_json(&out, "instructions");
    let counts = j["rows"][0]["counts"].as_array().unwrap();
    for c in counts {
        assert_eq!(c["status"], "counted", "{c}");
        assert!(c["instructions"].as_u64().unwrap() > 1000);
    }
}
