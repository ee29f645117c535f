//! Findings on disk: one directory per finding, written so that none is ever
//! half there.
//!
//! A finding is a program on which some engine did not agree with the oracle
//! (any verdict but "same", poisoned ones included: a known gap is reported,
//! not hidden). Its directory holds everything needed to look at it and to
//! reproduce it without the campaign that found it:
//!
//! ```text
//!   <instance>/findings/<sig8>-<prog16>/
//!     program.lua     the program, byte for byte as the engines ran it
//!     input.bin       the generator bytes it came from (twin_gen::generate)
//!     finding.json    signature, seeds, origin, swarm config, families,
//!                     engines and session options, the reproducing command
//!     report.json     every engine's observation, every judgement, the diffs
//!     diff.txt        the same report as `twin diff` prints it
//!     engines.toml    the engines exactly as configured (for `twin --config`)
//!     repro.sh        the reproducing command, runnable
//!     recheck.json    (added later) whether a fresh worker set saw it again
//! ```
//!
//! `<sig8>` is a hash of the signature and `<prog16>` of the program text, so
//! a directory name says which group a finding is in and which program it is.
//!
//! Atomicity: the files are written into `findings/.tmp-<name>-<pid>`, each
//! fsynced, then the directory is fsynced, renamed to its final name, and the
//! parent directory fsynced. A reader (a resumed campaign, another instance, a
//! person) sees either no finding or a complete one; a crash leaves at most a
//! `.tmp-` directory, which [`clean_temporaries`] removes on resume.
//! `recheck.json` is added afterwards with the same temp-file-and-rename rule.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, EngineKind};
use crate::session::Report;

/// Hex of a 64-bit FNV-1a hash: stable across builds and machines (file names
/// depend on it), which `std`'s hashers do not promise.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The name of a program's content: 16 hex digits.
pub fn program_id(text: &str) -> String {
    format!("{:016x}", fnv64(text.as_bytes()))
}

/// Where a program came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Origin {
    /// Program `twin_gen::from_seed(seed)`.
    Fresh { seed: u64 },
    /// Fresh bytes of `seed` with the family mask forced (`--families`).
    Restricted { seed: u64 },
    /// A mutation of the corpus entry `parent` (its program id).
    Mutation { parent: String },
}

/// The session options a finding was judged with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgedWith {
    pub oracle_runs: usize,
    pub compare_dead_locals: bool,
}

/// `finding.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    /// The group key ([`crate::dedup::group_key`]) of the first failing
    /// judgement, else of the first non-same one.
    pub signature: String,
    /// Every non-oracle engine's verdict signature (as `twin diff` prints
    /// it), in engine order.
    pub signatures: Vec<String>,
    pub program_id: String,
    /// Program text length in bytes (the "smallest" of a group is by this).
    pub size: usize,
    pub instance: String,
    pub campaign_seed: u64,
    /// The program's number in its campaign.
    pub program_number: u64,
    pub origin: Origin,
    pub families: Vec<String>,
    /// The swarm configuration, as twin-gen prints it.
    pub config: String,
    pub same_engine_only: bool,
    pub engines: Vec<Engine>,
    pub judged_with: JudgedWith,
    /// The reproducing command, argument by argument.
    pub command: Vec<String>,
    /// Seconds since the Unix epoch.
    pub found_at: u64,
}

/// `recheck.json`: the program run again in fresh workers right after it was
/// recorded (LuaJIT is not repeatable run to run: hash seeds, trace penalties).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recheck {
    pub reproduced: bool,
    pub signature: String,
}

/// Everything written for one finding.
pub struct Finding<'a> {
    pub meta: Meta,
    pub program: &'a str,
    pub input: &'a [u8],
    pub report: &'a Report,
}

/// The directory name of a finding.
pub fn dir_name(signature: &str, program_id: &str) -> String {
    format!("{:08x}-{program_id}", fnv64(signature.as_bytes()) as u32)
}

/// The command that reproduces a finding stored in `dir`.
pub fn reproduce_command(dir: &Path, engines: &[Engine], judged: &JudgedWith) -> Vec<String> {
    let exe =
        std::env::current_exe().map_or_else(|_| "twin".to_string(), |p| p.to_string_lossy().into_owned());
    let names: Vec<&str> = engines.iter().map(|e| e.name.as_str()).collect();
    let mut argv = vec![
        exe,
        "--config".into(),
        dir.join("engines.toml").to_string_lossy().into_owned(),
        "diff".into(),
        dir.join("program.lua").to_string_lossy().into_owned(),
        "--engines".into(),
        names.join(","),
        "--oracle-runs".into(),
        judged.oracle_runs.to_string(),
    ];
    if judged.compare_dead_locals {
        argv.push("--compare-dead-locals".into());
    }
    argv
}

/// The engines as a `twin.toml` that `twin --config` reads back to the same
/// configurations.
pub fn engines_toml(engines: &[Engine]) -> String {
    let mut root = toml::Table::new();
    let mut table = toml::Table::new();
    for e in engines {
        let mut t = toml::Table::new();
        let kind = match e.kind {
            EngineKind::TwinLua => "twin-lua",
            EngineKind::External => "external",
        };
        t.insert("kind".into(), kind.into());
        if let Some(c) = &e.command {
            t.insert("command".into(), c.as_str().into());
        }
        let strings = |v: &[String]| toml::Value::Array(v.iter().map(|s| s.as_str().into()).collect());
        t.insert("args".into(), strings(&e.args));
        t.insert("emulator".into(), strings(&e.emulator));
        let env: toml::Table = e.env.iter().map(|(k, v)| (k.clone(), v.as_str().into())).collect();
        t.insert("env".into(), env.into());
        t.insert("timeout_ms".into(), toml::Value::Integer(e.timeout_ms as i64));
        t.insert("memory_mb".into(), toml::Value::Integer(e.memory_mb.unwrap_or(0) as i64));
        table.insert(e.name.clone(), t.into());
    }
    root.insert("engines".into(), table.into());
    toml::to_string(&root).unwrap_or_default()
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=,:+@".contains(&b)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes `bytes` to `path` atomically: temp file, fsync, rename, fsync dir.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().ok_or_else(|| std::io::Error::other("no parent directory"))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".tmp-{name}-{}", std::process::id()));
    write_synced(&tmp, bytes)?;
    fs::rename(&tmp, path)?;
    sync_dir(dir)
}

/// Writes a finding under `findings`; returns its directory and whether it
/// is new. An existing directory of the same name (the same program with the
/// same signature, met again after a resume) is left as it is.
pub fn write(findings: &Path, f: &Finding) -> std::io::Result<(PathBuf, bool)> {
    let name = dir_name(&f.meta.signature, &f.meta.program_id);
    let dest = findings.join(&name);
    if dest.exists() {
        return Ok((dest, false));
    }
    let tmp = findings.join(format!(".tmp-{name}-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    fs::create_dir_all(&tmp)?;
    let mut meta = f.meta.clone();
    meta.command = reproduce_command(&dest, &meta.engines, &meta.judged_with);
    let command: Vec<String> = meta.command.iter().map(|a| shell_quote(a)).collect();
    write_synced(&tmp.join("program.lua"), f.program.as_bytes())?;
    write_synced(&tmp.join("input.bin"), f.input)?;
    write_synced(&tmp.join("report.json"), to_json(f.report).as_bytes())?;
    let diff = crate::cli::render_report(Path::new("program.lua"), f.report, false);
    write_synced(&tmp.join("diff.txt"), diff.as_bytes())?;
    write_synced(&tmp.join("engines.toml"), engines_toml(&meta.engines).as_bytes())?;
    write_synced(&tmp.join("repro.sh"), format!("#!/bin/sh\nexec {}\n", command.join(" ")).as_bytes())?;
    // finding.json last: its presence is what marks the files complete even
    // for a reader that ignores the rename protocol.
    write_synced(&tmp.join("finding.json"), to_json(&meta).as_bytes())?;
    sync_dir(&tmp)?;
    fs::rename(&tmp, &dest)?;
    sync_dir(findings)?;
    Ok((dest, true))
}

/// Adds `recheck.json` to a finding's directory.
pub fn write_recheck(dir: &Path, r: &Recheck) -> std::io::Result<()> {
    write_atomic(&dir.join("recheck.json"), to_json(r).as_bytes())
}

/// Reads a finding's `finding.json`.
pub fn read_meta(dir: &Path) -> Result<Meta, String> {
    let text = fs::read_to_string(dir.join("finding.json")).map_err(|e| format!("{}: {e}", dir.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", dir.display()))
}

/// Reads a finding's `recheck.json`, if it has one.
pub fn read_recheck(dir: &Path) -> Option<Recheck> {
    serde_json::from_str(&fs::read_to_string(dir.join("recheck.json")).ok()?).ok()
}

/// The finding directories under `findings`, sorted by name (temporaries and
/// stray files skipped).
pub fn list(findings: &Path) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(findings) else { return Vec::new() };
    let mut dirs: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Removes `.tmp-*` leftovers of a crashed writer in `dir` (one instance's
/// own directory only: another instance's temporaries may be in progress).
pub fn clean_temporaries(dir: &Path) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.filter_map(|e| e.ok()) {
        if e.file_name().to_string_lossy().starts_with(".tmp-") {
            let p = e.path();
            let _ = if p.is_dir() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
        }
    }
}

/// Pretty JSON with a final newline (serialising these types cannot fail;
/// should it, the error is written instead of a panic).
pub fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Registry;

    #[test]
    fn engines_toml_round_trips_through_the_registry() {
        let mut e = Registry::builtin().select("twin-interp,luajit-stress").unwrap();
        e[0].env.insert("TWIN_LUA_FAULT".into(), "for-last".into());
        e[1].memory_mb = None;
        let dir = std::env::temp_dir().join(format!("twin-findings-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("engines.toml");
        write_atomic(&path, engines_toml(&e).as_bytes()).unwrap();
        let back = Registry::load(&path).unwrap().select("twin-interp,luajit-stress").unwrap();
        assert_eq!(back, e);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn names_are_stable() {
        assert_eq!(fnv64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(program_id("a"), "af63dc4c8601ec8c");
        assert_eq!(dir_name("same", "0011"), format!("{:08x}-0011", fnv64(b"same") as u32));
        assert_eq!(shell_quote("a b'c"), "'a b'\\''c'");
        assert_eq!(shell_quote("/x/y.lua"), "/x/y.lua");
    }
}
