//! `twin conform` on suites in the three layouts, and `twin gate` failing on an injected
//! JIT divergence. The suites are the small ones in `tests/fixtures/` (written for these
//! tests). `twin conform` runs on Debian's `luajit` and the fault-injecting test engines in
//! `tests/engines/`; `twin gate` on twin-lua itself, its interpreter against its JIT, with
//! and without the planted fault `TWIN_LUA_FAULT=for-last`.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The row of `area` in a conform table: [passed, failed, diverged, skipped].
fn row(table: &str, area: &str) -> [usize; 4] {
    let line = table
        .lines()
        .find(|l| l.split_whitespace().next() == Some(area))
        .unwrap_or_else(|| panic!("no row {area} in\n{table}"));
    let n: Vec<usize> = line.split_whitespace().skip(1).map(|w| w.parse().expect("a count")).collect();
    [n[0], n[1], n[2], n[3]]
}

#[test]
fn luajit_layout_suite_runs_with_tags_and_shared_modules() {
    let dir = scratch("conform-luajit");
    let (junit, md) = (dir.join("junit.xml"), dir.join("summary.md"));
    let t = twin(&[
        "conform",
        s(&fixture("luajit-layout")),
        "--engines",
        "luajit-joff,luajit",
        "--junit",
        s(&junit),
        "--markdown",
        s(&md),
    ]);
    assert_eq!(t.status, 0, "{}\n{}", t.stdout, t.stderr);
    // lang: 4 + 2 tests (common.check found through the suite root), both engines.
    assert_eq!(row(&t.stdout, "luajit-layout/lang"), [12, 0, 0, 0], "{}", t.stdout);
    // Root: jit_loops.lua (+jit: skipped on -joff) and slow_sum.lua (+slow: skipped).
    assert_eq!(row(&t.stdout, "luajit-layout/."), [2, 0, 0, 4], "{}", t.stdout);
    // lib: bit and ffi tests run, the +lua>=5.2 one is skipped everywhere.
    assert_eq!(row(&t.stdout, "luajit-layout/lib"), [8, 0, 0, 2], "{}", t.stdout);
    assert!(t.stdout.contains("skipped 2: requires +jit"), "{}", t.stdout);
    assert!(t.stdout.contains("skipped 2: requires +lua>=5.2"), "{}", t.stdout);
    let x = std::fs::read_to_string(&junit).expect("junit written");
    assert!(
        x.contains("name=\"luajit-layout/lang/arith.lua: modulo takes the sign of the divisor [luajit]\""),
        "{x}"
    );
    assert!(std::fs::read_to_string(&md).expect("markdown written").starts_with("## twin conform"));

    // With --slow the +slow file runs too.
    let t = twin(&["conform", s(&fixture("luajit-layout")), "--engines", "luajit-joff,luajit", "--slow"]);
    assert_eq!(row(&t.stdout, "luajit-layout/."), [4, 0, 0, 2], "{}", t.stdout);
}

#[test]
fn luajit_layout_failures_and_divergences_are_told_apart() {
    let dir = scratch("conform-luajit-bad");
    std::fs::write(dir.join("index"), "checks.lua\n").unwrap();
    std::fs::write(
        dir.join("checks.lua"),
        "do --- fine\n  assert(true)\nend\n\ndo --- wrong everywhere\n  assert(1 == 2, 'one is not two')\nend\n\n\
         do --- sqrt\n  assert(math.sqrt(49) == 7, 'bad root')\nend\n",
    )
    .unwrap();
    let config = test_config(&dir);
    let t = twin(&["--config", s(&config), "conform", s(&dir), "--engines", "luajit-joff,bad-sqrt"]);
    assert_eq!(t.status, 1, "{}\n{}", t.stdout, t.stderr);
    let area = format!("{}/.", dir.file_name().unwrap().to_str().unwrap());
    // fine: 2 passed; wrong everywhere: 2 failed; sqrt: passes on the oracle, diverges.
    assert_eq!(row(&t.stdout, &area), [3, 2, 1, 0], "{}", t.stdout);
    assert!(t.stdout.contains("DIVERGED"), "{}", t.stdout);
    assert!(t.stdout.contains("checks.lua: sqrt [bad-sqrt]"), "{}", t.stdout);
    // The failing assertion's message, at the test's own line in its file.
    assert!(t.stdout.contains("checks__001.lua:6: one is not two"), "{}", t.stdout);
}

#[test]
fn lua51_layout_driver_runs() {
    let t = twin(&["conform", s(&fixture("lua51-layout")), "--engines", "luajit-joff,luajit"]);
    assert_eq!(t.status, 0, "{}\n{}", t.stdout, t.stderr);
    assert!(t.stdout.contains("lua51 layout, 1 tests"), "{}", t.stdout);
    assert_eq!(row(&t.stdout, "lua51-layout/driver"), [2, 0, 0, 0], "{}", t.stdout);
}

#[test]
fn project_layout_meets_expected_files() {
    let t = twin(&["conform", s(&fixture("gate-suite")), "--engines", "luajit-joff,luajit-stress"]);
    assert_eq!(t.status, 0, "{}\n{}", t.stdout, t.stderr);
    assert_eq!(row(&t.stdout, "gate-suite/math"), [4, 0, 0, 0], "{}", t.stdout);
}

/// A config in which `twin-jit` is twin-lua with the planted fault switched on
/// (`TWIN_LUA_FAULT=for-last`: a hot numeric `for` loop skips its last trip, the shape of
/// a JIT bug), or no config change at all; `plain` is an engine without an arm64 build.
fn gate_config(dir: &Path, faulty: bool) -> PathBuf {
    let mut text = String::from("[engines.plain]\ncommand = \"luajit\"\n");
    if faulty {
        text +=
            "\n[engines.twin-jit]\nkind = \"twin-lua\"\nargs = []\nenv = { TWIN_LUA_FAULT = \"for-last\" }\n";
    }
    let p = dir.join("twin.toml");
    std::fs::write(&p, text).unwrap();
    p
}

/// The gate's x86-64 lanes on twin-lua: the interpreter (oracle) against the JIT.
fn gate(dir: &Path, faulty: bool) -> Twin {
    ensure_twin_lua();
    let config = gate_config(dir, faulty);
    let md = dir.join("summary.md");
    let regressions = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/regressions");
    twin(&[
        "--config",
        s(&config),
        "gate",
        "--lanes",
        "conformance-x86_64,regressions-x86_64,fuzz-x86_64",
        "--suites",
        s(&fixture("gate-suite")),
        "--regressions",
        s(&regressions),
        "--engines",
        "twin-interp,twin-jit",
        "--fuzz-seeds",
        "0..3",
        "--markdown",
        s(&md),
        "--junit",
        s(&dir.join("junit.xml")),
    ])
}

#[test]
fn gate_fails_on_an_injected_jit_divergence_and_names_it() {
    let dir = scratch("gate-fault");
    let t = gate(&dir, true);
    assert_eq!(t.status, 1, "{}\n{}", t.stdout, t.stderr);
    assert!(
        t.stdout.contains("DIVERGED gate-suite/math/02_hot_sum [twin-jit] in conformance-x86_64"),
        "{}",
        t.stdout
    );
    assert!(t.stdout.contains("+499500"), "the diff shows the bad sum: {}", t.stdout);
    assert!(t.stdout.contains("twin gate: FAILED"));
    let md = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(md.starts_with("## twin gate: FAILED"), "{md}");
    assert!(md.contains("### New findings"), "{md}");
    assert!(md.contains("`gate-suite/math/02_hot_sum` on `twin-jit` in conformance-x86_64"), "{md}");
    // The lane's row, then a row per engine: the oracle meets every expected file, the
    // faulty JIT diverges on the hot loop only.
    let suite = fixture("gate-suite").display().to_string();
    assert!(
        md.contains(&format!("| conformance-x86_64 | x86_64 | {suite} | 3 | 5 | 0 | 1 | 0 | 0 |")),
        "{md}"
    );
    assert!(md.contains(&format!("| {suite} | twin-interp (oracle) | 3 | 3 | 0 | 0 | 0 | 0 |")), "{md}");
    assert!(md.contains(&format!("| {suite} | twin-jit | 3 | 2 | 0 | 1 | 0 | 0 |")), "{md}");
    let x = std::fs::read_to_string(dir.join("junit.xml")).unwrap();
    assert!(x.contains("<failure message=\"diverged\""), "{x}");
}

#[test]
fn gate_passes_when_the_jit_agrees() {
    let dir = scratch("gate-green");
    let t = gate(&dir, false);
    assert_eq!(t.status, 0, "{}\n{}", t.stdout, t.stderr);
    assert!(t.stdout.contains("twin gate: passed"), "{}", t.stdout);
    let md = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(md.starts_with("## twin gate: passed"), "{md}");
    for lane in ["conformance-x86_64", "regressions-x86_64", "fuzz-x86_64"] {
        assert!(md.contains(&format!("| {lane} | x86_64 |")), "{md}");
    }
    // The differential lanes' oracle is the reference: timed, not counted.
    assert!(
        md.contains("| fuzz-x86_64 | x86_64 | twin-gen seeds 0..3 | twin-interp (oracle) | 3 | reference |"),
        "{md}"
    );
}

#[test]
fn gate_fails_when_a_lane_cannot_run() {
    let dir = scratch("gate-missing");
    let config = gate_config(&dir, false);
    let t = twin(&[
        "--config",
        s(&config),
        "gate",
        "--lanes",
        "conformance-arm64",
        "--suites",
        s(&fixture("gate-suite")),
        "--engines",
        "plain",
        "--markdown",
        s(&dir.join("summary.md")),
    ]);
    // There is no `plain-arm64`: the lane is reported as not run, and that fails the gate.
    assert_eq!(t.status, 1, "{}\n{}", t.stdout, t.stderr);
    assert!(t.stderr.contains("conformance-arm64") && t.stderr.contains("DID NOT RUN"), "{}", t.stderr);
    let md = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(md.contains("| conformance-arm64 (did not run) |"), "{md}");
}
