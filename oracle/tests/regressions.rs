//! The LuaJIT regression corpus: every case under
//! `conformance/regressions/luajit/` states its engines and the signature of
//! the verdict it had when it was committed; this test checks each still gets
//! exactly that verdict. Real bugs of Debian's LuaJIT 2.1 are the subject, so
//! a LuaJIT upgrade that fixes one shows up here as a changed verdict.
//!
//! LuaJIT is not fully deterministic from run to run (its string hashes are
//! seeded per process, so table layouts and with them trace shapes vary), and a
//! few of its bugs show in most runs but not all; a case passes when one of
//! `ATTEMPTS` runs gets the recorded verdict.

mod common;

use std::path::Path;

use common::*;

const ATTEMPTS: usize = 5;

struct Case {
    engines: String,
    verdict: String,
    signature: String,
}

/// Reads the `-- engines:`, `-- verdict:` and `-- signature:` header lines.
fn header(text: &str) -> Case {
    let field = |name: &str| {
        text.lines()
            .take_while(|l| l.starts_with("--"))
            .find_map(|l| l.strip_prefix(&format!("-- {name}: ")))
            .unwrap_or_else(|| panic!("missing `-- {name}:` header line"))
            .trim()
            .to_string()
    };
    // "luajit-joff (oracle) vs luajit-stress (...)" -> "luajit-joff,luajit-stress"
    let engines: Vec<String> = field("engines")
        .split(" vs ")
        .map(|e| e.split_whitespace().next().unwrap_or_default().to_string())
        .collect();
    Case { engines: engines.join(","), verdict: field("verdict"), signature: field("signature") }
}

#[test]
fn luajit_regressions_keep_their_verdicts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/regressions/luajit");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("regression dir")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "at least three LuaJIT regressions");
    for file in files {
        let case = header(&std::fs::read_to_string(&file).unwrap());
        let expected_status = if case.verdict == "poisoned" { 0 } else { 1 };
        let mut last = None;
        for _ in 0..ATTEMPTS {
            let (status, report) = diff_json(&file, &case.engines, &[]);
            let j = judgement(&report, 0);
            if j["verdict"]["kind"] == case.verdict.as_str() && j["signature"] == case.signature.as_str() {
                assert_eq!(status, expected_status, "{}", file.display());
                last = None;
                break;
            }
            last = Some(report);
        }
        if let Some(report) = last {
            panic!("{}: expected {} in {ATTEMPTS} runs, last: {report:#}", file.display(), case.signature);
        }
    }
}
