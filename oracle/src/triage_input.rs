//! What `twin triage` reads from a findings directory: the one adapter
//! between a campaign's output (see [`crate::findings`]) and triage.
//!
//! A finding is any directory holding `program.lua` (else the first `*.lua`
//! by name) found under the given directory, at most [`MAX_DEPTH`] levels
//! down, so `DIR` may be `twin fuzz --out`, one instance, or its `findings/`.
//! From `finding.json`, when present, triage takes:
//!
//! ```text
//!   engines     names (strings, or engine objects with a "name", as twin fuzz writes)
//!   signature   the group key (see crate::dedup::group_key); else judged afresh
//!   seed        shown in the report (or "origin": {"seed": ...})
//!   found_at    unix seconds (or "timestamp"); else the program file's mtime
//! ```
//!
//! Missing metadata has defaults: the engines given on the command line, the
//! signature judged afresh. A directory without a program is skipped with a
//! message, never fatal; `.tmp-*` directories (findings being written) are
//! ignored.

use std::path::{Path, PathBuf};

use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Finding {
    pub dir: PathBuf,
    pub program: String,
    pub engines: Option<Vec<String>>,
    pub signature: Option<String>,
    pub seed: Option<String>,
    /// Seconds since the epoch.
    pub timestamp: Option<u64>,
}

/// How deep below the given directory findings are looked for.
pub const MAX_DEPTH: usize = 4;

/// Every finding under `root`, sorted by path; `skipped` gets one message
/// per unreadable entry.
pub fn read_dir(root: &Path, skipped: &mut Vec<String>) -> Result<Vec<Finding>, String> {
    if !root.is_dir() {
        return Err(format!("{}: not a directory", root.display()));
    }
    let mut out = Vec::new();
    let mut level = vec![root.to_path_buf()];
    for depth in 0..=MAX_DEPTH {
        let mut next = Vec::new();
        for dir in level {
            let mut subdirs: Vec<PathBuf> = match std::fs::read_dir(&dir) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect(),
                Err(e) => {
                    skipped.push(format!("{}: {e}", dir.display()));
                    continue;
                }
            };
            subdirs.retain(|d| !d.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".tmp-")));
            subdirs.sort();
            for d in subdirs {
                if has_program(&d) {
                    match read_one(&d) {
                        Ok(f) => out.push(f),
                        Err(e) => skipped.push(format!("{}: {e}", d.display())),
                    }
                } else if depth < MAX_DEPTH && has_subdirs(&d) {
                    next.push(d);
                } else {
                    skipped.push(format!("{}: no program (program.lua or *.lua)", d.display()));
                }
            }
        }
        level = next;
    }
    out.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(out)
}

fn has_subdirs(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| rd.filter_map(|e| e.ok()).any(|e| e.path().is_dir()))
}

fn has_program(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.filter_map(|e| e.ok())
            .any(|e| e.path().is_file() && e.path().extension().is_some_and(|x| x == "lua"))
    })
}

fn read_one(dir: &Path) -> Result<Finding, String> {
    let program_path = if dir.join("program.lua").is_file() {
        dir.join("program.lua")
    } else {
        let mut lua: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "lua"))
            .collect();
        lua.sort();
        lua.into_iter().next().ok_or("no program (program.lua or *.lua)")?
    };
    let program =
        std::fs::read_to_string(&program_path).map_err(|e| format!("{}: {e}", program_path.display()))?;
    let meta: Value = match std::fs::read_to_string(dir.join("finding.json")) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("finding.json: {e}"))?,
        Err(_) => Value::Null,
    };
    let engines = match &meta["engines"] {
        Value::Array(a) => Some(
            a.iter().filter_map(|v| v.as_str().or_else(|| v["name"].as_str()).map(str::to_string)).collect(),
        ),
        Value::String(s) => Some(s.split(',').map(|s| s.trim().to_string()).collect()),
        _ => None,
    };
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    };
    let timestamp = meta["found_at"].as_u64().or_else(|| meta["timestamp"].as_u64()).or_else(|| {
        let modified = std::fs::metadata(&program_path).ok()?.modified().ok()?;
        Some(modified.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs())
    });
    Ok(Finding {
        dir: dir.to_path_buf(),
        program,
        engines,
        signature: text(&meta["signature"]),
        seed: text(&meta["seed"]).or_else(|| text(&meta["origin"]["seed"])),
        timestamp,
    })
}
