//! The runner itself, on a small fixture suite with `luajit -joff` as the engine: passes,
//! a stale expected file, an uncaught error, a timeout, a missing expected file, and
//! files that must not be taken for programs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use twin_conformance::{Engine, Outcome, Report, Verdict, discover, run_suite};

fn fixture_suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/runner")
}

fn outcome<'a>(report: &'a Report, id: &str) -> &'a Outcome {
    report.outcomes.iter().find(|o| o.program.id() == id).unwrap_or_else(|| panic!("no outcome for {id}"))
}

fn run_fixtures(engine: &Engine) -> Report {
    let programs = discover(&fixture_suite()).expect("fixture suite readable");
    run_suite(engine, &programs, Duration::from_secs(2), 2)
}

#[test]
fn discovery_skips_helpers_and_fixture_directories() {
    let ids: Vec<String> = discover(&fixture_suite()).expect("readable").iter().map(|p| p.id()).collect();
    assert_eq!(
        ids,
        [
            "basic/01_pass",
            "basic/02_wrong_expected",
            "basic/03_uncaught",
            "basic/04_timeout",
            "basic/05_no_expected",
            "second/01_reads_fixture",
        ]
    );
}

#[test]
fn verdicts_on_luajit() {
    let report = run_fixtures(&Engine::new("luajit", &["-joff"]));
    assert!(outcome(&report, "basic/01_pass").passed());
    assert!(outcome(&report, "basic/03_uncaught").passed(), "exit status and first stderr line match");
    assert!(outcome(&report, "second/01_reads_fixture").passed(), "runs in the program's directory");

    match &outcome(&report, "basic/02_wrong_expected").verdict {
        Verdict::Fail { expected, actual } => {
            assert_eq!(expected, b"same\nwrong\n");
            assert_eq!(actual, b"same\nright\n");
        }
        v => panic!("expected a failure, got {v:?}"),
    }
    match &outcome(&report, "basic/04_timeout").verdict {
        Verdict::Fail { actual, .. } => {
            assert_eq!(actual, b"--- timed out after 2000 ms\n");
        }
        v => panic!("expected a timeout failure, got {v:?}"),
    }
    assert!(
        matches!(&outcome(&report, "basic/05_no_expected").verdict, Verdict::Broken(why) if why.contains("cannot read"))
    );

    assert!(!report.all_passed());
    assert_eq!(report.failing_ids(), ["basic/02_wrong_expected", "basic/04_timeout", "basic/05_no_expected"]);
    let table = report.table();
    assert!(table.contains("basic               2      3      5"), "{table}");
    assert!(table.contains("second              1      0      1"), "{table}");
    assert!(table.contains("total               3      3      6"), "{table}");
    let details = report.failure_details(10);
    assert!(details.contains("FAIL basic/02_wrong_expected"), "{details}");
    assert!(details.contains("   same\n  -wrong\n  +right\n"), "{details}");
}

#[test]
fn an_engine_with_another_name_must_print_its_own_prefix() {
    // lua5.1 prefixes "lua5.1: ", which the runner strips because the engine is named so;
    // the uncaught-error fixture therefore passes on it too.
    let report = run_fixtures(&Engine::new("lua5.1", &[]));
    assert!(outcome(&report, "basic/03_uncaught").passed());
}

#[test]
fn a_missing_engine_breaks_every_program() {
    let report = run_fixtures(&Engine::new("/nonexistent/engine", &[]));
    assert_eq!(report.failing_ids().len(), 6);
    let details = report.failure_details(1);
    assert!(details.contains("cannot run /nonexistent/engine"), "{details}");
    assert!(details.contains("... and 5 more failures"), "{details}");
}
