//! twin-lua engines through `twin-lua --serve` (one fresh Lua state per
//! program): a planted JIT-shaped fault (`TWIN_LUA_FAULT=for-last`, see
//! twin-lua's `vm::fault`, set only in the faulty engine's environment) is
//! reported as a divergence at the right field and checkpoint, and nothing a
//! program changes reaches the next program in the same worker.

mod common;

use common::*;

/// `twin-faulty`: twin-lua's interpreter with the planted fault.
fn faulty_config(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("twin.toml");
    std::fs::write(
        &p,
        "[engines.twin-faulty]\nkind = \"twin-lua\"\nargs = [\"-joff\"]\nenv = { TWIN_LUA_FAULT = \"for-last\" }\n",
    )
    .expect("write twin.toml");
    p
}

#[test]
fn planted_fault_diverges_at_the_first_checkpoint_it_changes() {
    ensure_twin_lua();
    let dir = scratch("serve-fault");
    let config = faulty_config(&dir);
    // sum(60) is below the fault's 100-iteration threshold; sum(200) runs to
    // 199, and the probe shows the lowered hidden `(for limit)` from the
    // loop's entry on: the first checkpoint inside the hot loop (hit 2, after
    // sum(60)'s two, line 5) is the first that differs.
    let file = program(
        &dir,
        "hot_loop",
        r##"local function sum(n)
  local s = 0
  for i = 1, n do
    s = s + i
    if i % 50 == 0 then twin_checkpoint(1, i, s) end
  end
  twin_checkpoint(2, s)
  return s
end
local small = sum(60)
local big = sum(200)
print(small, big)
"##,
    );
    let (status, report) =
        diff_json(&file, "twin-interp,twin-faulty,twin-jit", &["--config", config.to_str().unwrap()]);
    assert_eq!(status, 1, "{report:#}");
    assert_eq!(report["results"][0]["observation"]["stdout"], "1830\t20100\n");
    assert_eq!(report["results"][1]["observation"]["stdout"], "1830\t19900\n");
    let j = judgement(&report, 0);
    let v = &j["verdict"];
    assert_eq!(v["kind"], "divergent", "{report:#}");
    assert_eq!(v["fields"][0], "checkpoints", "{report:#}");
    let cp = &v["checkpoint"];
    assert_eq!((cp["hit"].as_u64(), cp["id"].as_str()), (Some(2), Some("1")), "{cp}");
    assert_eq!((cp["function"].as_str(), cp["line"].as_i64()), (Some("prog:1"), Some(5)), "{cp}");
    assert_eq!(j["signature"], "divergent|checkpoints|prog:1@5|-");
    let diff = j["diffs"][0]["diff"].as_str().unwrap();
    assert!(diff.contains("-L (for limit)=200\n") && diff.contains("+L (for limit)=199\n"), "{diff}");
    // The fault is in the faulty engine's worker only.
    assert_eq!(judgement(&report, 1)["signature"], "same", "{report:#}");
}

#[test]
fn each_program_gets_a_fresh_state() {
    ensure_twin_lua();
    let dir = scratch("serve-fresh");
    // A change the shared-state server cannot see or undo: the string
    // library table itself, reached through the string metatable.
    let first =
        program(&dir, "a_taint", "getmetatable('').__index.shout = string.upper\nprint(('x'):shout())\n");
    let second = program(&dir, "b_look", "print(type(('x').shout))\n");
    let t = twin(&[
        "diff",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        "--engines",
        "twin-interp,twin-jit",
        "--json",
    ]);
    assert_eq!(t.status, 0, "{}\n{}", t.stdout, t.stderr);
    let lines: Vec<serde_json::Value> = t.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{}", t.stdout);
    assert_eq!(lines[0]["report"]["results"][0]["observation"]["stdout"], "X\n");
    assert_eq!(lines[1]["report"]["results"][0]["observation"]["stdout"], "nil\n");
}
