//! `twin fuzz` end to end: real campaigns of the real binary against twin-lua
//! with a planted fault (`TWIN_LUA_FAULT=for-last`, see twin-lua's
//! `vm::fault`): the fault is found, recorded completely, reproduced by the
//! recorded command; a SIGKILLed campaign leaves a consistent output
//! directory and resumes; instances sharing one directory do not duplicate
//! findings.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use arbitrary::Unstructured;
use common::{ensure_twin_lua, scratch, twin};
use serde_json::Value;

/// A config with `twin-faulty`: twin-lua's interpreter with the planted fault.
fn faulty_config(dir: &Path) -> PathBuf {
    let p = dir.join("twin.toml");
    std::fs::write(
        &p,
        "[engines.twin-faulty]\nkind = \"twin-lua\"\nargs = [\"-joff\"]\nenv = { TWIN_LUA_FAULT = \"for-last\" }\n",
    )
    .unwrap();
    p
}

fn fuzz_args<'a>(config: &'a str, out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec![
        "--config",
        config,
        "fuzz",
        "--engines",
        "twin-interp,twin-faulty",
        "--jobs",
        "1",
        "--out",
        out,
        "--timeout-ms",
        "30000",
    ];
    a.extend_from_slice(extra);
    a
}

fn finding_dirs(out: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let Ok(instances) = std::fs::read_dir(out) else { return v };
    for inst in instances.filter_map(|e| e.ok()) {
        let Ok(rd) = std::fs::read_dir(inst.path().join("findings")) else { continue };
        v.extend(
            rd.filter_map(|e| e.ok())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path()),
        );
    }
    v.sort();
    v
}

/// Checks one finding directory is complete and self-consistent; returns its finding.json.
fn check_complete(dir: &Path) -> Value {
    for f in
        ["program.lua", "input.bin", "finding.json", "report.json", "diff.txt", "engines.toml", "repro.sh"]
    {
        assert!(dir.join(f).is_file(), "{} lacks {f}", dir.display());
    }
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("finding.json")).unwrap()).unwrap();
    let program = std::fs::read_to_string(dir.join("program.lua")).unwrap();
    let input = std::fs::read(dir.join("input.bin")).unwrap();
    // The recorded generator bytes give the recorded program.
    let again = twin_gen::generate(&mut Unstructured::new(&input)).unwrap();
    assert_eq!(
        again.text.lines().skip_while(|l| l.starts_with("--")).collect::<Vec<_>>(),
        program.lines().skip_while(|l| l.starts_with("--")).collect::<Vec<_>>()
    );
    if meta["origin"]["kind"] == "fresh" {
        let seed = meta["origin"]["seed"].as_u64().unwrap();
        assert_eq!(twin_gen::from_seed(seed).text, program);
    }
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["results"].as_array().unwrap().len(), 2, "every observation is kept");
    assert_eq!(meta["size"].as_u64().unwrap() as usize, program.len());
    assert_eq!(meta["engines"].as_array().unwrap().len(), 2);
    assert!(meta["config"].as_str().unwrap().starts_with("Config {"));
    meta
}

#[test]
fn injected_fault_is_found_recorded_and_reproduced() {
    ensure_twin_lua();
    let dir = scratch("campaign-fault");
    let config = faulty_config(&dir);
    let out = dir.join("out");
    let (c, o) = (config.to_str().unwrap(), out.to_str().unwrap());
    let t = twin(&fuzz_args(c, o, &["--runs", "6", "--seed", "7"]));
    assert_eq!(t.status, 1, "a campaign that found divergences exits 1\n{}\n{}", t.stdout, t.stderr);
    assert!(t.stderr.contains("seed 7"), "the seed is printed: {}", t.stderr);
    let runs = t.stdout.lines().find(|l| l.trim_start().starts_with("programs run")).unwrap_or_default();
    assert!(runs.ends_with(" 6"), "{}", t.stdout);
    let dirs = finding_dirs(&out);
    assert!(!dirs.is_empty(), "the planted fault was found\n{}", t.stdout);
    let mut sigs = BTreeSet::new();
    for d in &dirs {
        let meta = check_complete(d);
        let sig = meta["signature"].as_str().unwrap().to_string();
        assert!(sig.starts_with("divergent|"), "{sig}");
        // One summary line per signature, not per finding.
        assert_eq!(t.stdout.matches(&format!(" {sig}\n")).count(), 1, "{}", t.stdout);
        sigs.insert(sig.clone());
        // The recorded command reproduces the finding.
        let cmd: Vec<String> = serde_json::from_value(meta["command"].clone()).unwrap();
        let r = Command::new(&cmd[0]).args(&cmd[1..]).output().unwrap();
        assert_eq!(r.status.code(), Some(1), "{}", String::from_utf8_lossy(&r.stderr));
        let verdict_sig = meta["signatures"][0].as_str().unwrap();
        assert!(String::from_utf8_lossy(&r.stdout).contains(&format!("[{verdict_sig}]")));
        let recheck: Value =
            serde_json::from_str(&std::fs::read_to_string(d.join("recheck.json")).unwrap()).unwrap();
        assert_eq!(recheck["reproduced"], true, "twin-lua is deterministic");
    }
    // Same seed, same options: the same programs (and so the same findings).
    let out2 = dir.join("out2");
    let t2 = twin(&fuzz_args(c, out2.to_str().unwrap(), &["--runs", "6", "--seed", "7"]));
    assert_eq!(t2.status, 1);
    let names = |v: Vec<PathBuf>| -> Vec<String> {
        v.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect()
    };
    assert_eq!(names(finding_dirs(&out2)), names(dirs));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigkilled_campaign_leaves_consistent_findings_and_resumes() {
    ensure_twin_lua();
    let dir = scratch("campaign-kill");
    let config = faulty_config(&dir);
    let out = dir.join("out");
    let (c, o) = (config.to_str().unwrap(), out.to_str().unwrap());
    let mut child = Command::new(env!("CARGO_BIN_EXE_twin"))
        .args(fuzz_args(c, o, &["--time", "5m", "--seed", "11"]))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while finding_dirs(&out).len() < 2 && start.elapsed() < Duration::from_secs(240) {
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let before = finding_dirs(&out);
    assert!(before.len() >= 2, "findings appeared before the kill");
    for d in &before {
        check_complete(d);
    }
    let ids = |dirs: &[PathBuf]| -> Vec<String> {
        dirs.iter()
            .map(|d| d.file_name().unwrap().to_string_lossy().split('-').nth(1).unwrap().to_string())
            .collect()
    };
    // Resume: the same --out, no seed given.
    let t = twin(&fuzz_args(c, o, &["--runs", "3"]));
    assert_eq!(t.status, 1, "{}", t.stderr);
    assert!(t.stderr.contains("seed 11"), "{}", t.stderr);
    assert!(t.stderr.contains("already in"), "the index was rebuilt: {}", t.stderr);
    let after = finding_dirs(&out);
    for d in &before {
        assert!(after.contains(d), "{} survived", d.display());
    }
    for d in &after {
        check_complete(d);
    }
    let all = ids(&after);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "no program recorded twice: {all:?}");
    let leftovers: Vec<_> = std::fs::read_dir(out.join("main/findings"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporaries of the killed run are cleaned");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The program ids of the findings under `out`, with each finding checked complete.
fn program_ids(out: &Path) -> Vec<String> {
    let mut ids: Vec<String> = finding_dirs(out)
        .iter()
        .map(|d| check_complete(d)["program_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Entries under `out` whose names start with a dot: temporaries (`.tmp-*`)
/// a finished instance must not leave behind.
fn hidden_entries(out: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().filter_map(|e| e.ok()) {
            if e.file_name().to_string_lossy().starts_with('.') {
                v.push(e.path());
            } else if e.path().is_dir() {
                stack.push(e.path());
            }
        }
    }
    v
}

#[test]
fn instances_sharing_an_output_directory_neither_duplicate_nor_lose_findings() {
    ensure_twin_lua();
    let dir = scratch("campaign-sync");
    let config = faulty_config(&dir);
    let c = config.to_str().unwrap();
    let spawn = |out: &Path, id: &str, seed: &str| {
        Command::new(env!("CARGO_BIN_EXE_twin"))
            .args(fuzz_args(c, out.to_str().unwrap(), &["--runs", "2", "--seed", seed, "--instance-id", id]))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let finish = |child: std::process::Child| {
        let r = child.wait_with_output().unwrap();
        assert_eq!(r.status.code(), Some(1), "{}", String::from_utf8_lossy(&r.stderr));
    };
    // Alone, each seed finds some programs (2 runs per seed, 4 in all, stay
    // below dedup::KEEP: every failing program is written, none only counted).
    let solo = |seed: &str| {
        let out = dir.join(format!("solo-{seed}"));
        finish(spawn(&out, "main", seed));
        program_ids(&out)
    };
    let (five, six) = (solo("5"), solo("6"));
    assert!(!five.is_empty() && !six.is_empty());
    let union: BTreeSet<String> = five.iter().chain(&six).cloned().collect();

    // Three instances on one directory at once: two with the same seed (they
    // run the same programs, so every finding is met twice and must be
    // recorded once), one with another seed (its findings must all be there).
    let out = dir.join("shared");
    let running = [spawn(&out, "a", "5"), spawn(&out, "b", "5"), spawn(&out, "c", "6")];
    for child in running {
        finish(child);
    }
    let ids = program_ids(&out);
    let unique: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(unique.len(), ids.len(), "each program recorded by one instance only: {ids:?}");
    assert_eq!(unique, union, "the shared directory holds exactly the union of the solo findings");
    let claims = std::fs::read_dir(out.join("claims")).unwrap().count();
    assert_eq!(claims, ids.len());
    assert!(hidden_entries(&out).is_empty(), "no partial files: {:?}", hidden_entries(&out));
    let _ = std::fs::remove_dir_all(&dir);
}
