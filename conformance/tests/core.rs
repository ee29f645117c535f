//! The conformance suites (`conformance/core`, `conformance/stdlib`) on the reference
//! engine and on twin-lua.
//!
//! `luajit -joff` must pass every program: the expected files were made from it by
//! `conformance/bless`, so a failure there means a stale expected file or a runner bug.

mod common;

use std::time::Duration;

use common::twin_lua;

use twin_conformance::{Engine, core_suite_dir, discover, run_suite};

/// Runs a whole suite and fails listing every program that did not pass.
fn assert_suite_passes(suite: &str, engine: &Engine) {
    let dir = core_suite_dir().with_file_name(suite);
    let programs = discover(&dir).expect("the suite is readable");
    assert!(programs.len() >= 300, "the {suite} suite has only {} programs", programs.len());
    let report = run_suite(engine, &programs, Duration::from_secs(30), 2);
    eprint!("{}", report.table());
    assert!(
        report.all_passed(),
        "{} of {} programs failed on {}:\n{}\n{}",
        report.failing_ids().len(),
        programs.len(),
        report.engine,
        report.failing_ids().join("\n"),
        report.failure_details(20),
    );
}

#[test]
fn luajit_passes_core_suite() {
    assert_suite_passes("core", &Engine::new("luajit", &["-joff"]));
}

#[test]
fn twin_lua_passes_core_suite() {
    assert_suite_passes("core", &Engine::new(twin_lua(), &["-joff"]));
}

#[test]
fn luajit_passes_stdlib_suite() {
    assert_suite_passes("stdlib", &Engine::new("luajit", &["-joff"]));
}

#[test]
fn twin_lua_passes_stdlib_suite() {
    assert_suite_passes("stdlib", &Engine::new(twin_lua(), &["-joff"]));
}
