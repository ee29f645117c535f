//! Reference identities in checkpoints are stable under dead-local masking.
//!
//! The campaign against LuaJIT met this some hundred times: under
//! `-Ohotloop=1` a trace exit leaves a recursive function's dead parameter
//! slot holding a stale reference (a table, a function), the interpreter's
//! holds a number; the
//! probe numbers references in order of first sight, so every later
//! `function#N` shifted by one and the checkpoint differed although every
//! compared value was the same. Masking is followed by renumbering
//! (`Checkpoint::renumber_identities`), and the two engines agree.

mod common;

use common::{diff_json, judgement, program, scratch};

const STALE_DEAD_SLOT: &str = r#"local twin_checkpoint = twin_checkpoint or function() end
local acc = 0
local function fib(n)
    if n < 2 then
        twin_checkpoint(1)
        return -54
    end
    return fib(n - 1) + fib(n - 2)
end
for i = 1, 16 do
    acc = acc + fib(14)
    twin_checkpoint(2)
end
print(acc)
"#;

#[test]
fn a_stale_reference_in_a_dead_slot_shifts_no_identity() {
    let dir = scratch("identities");
    let file = program(&dir, "stale.lua", STALE_DEAD_SLOT);
    let (status, report) = diff_json(&file, "luajit-joff,luajit-stress", &[]);
    assert_eq!(status, 0, "{report:#}");
    assert_eq!(judgement(&report, 0)["signature"], "same");
    // The dead slot is there and masked; the upvalues after it keep their numbers.
    let (_, unmasked) = diff_json(&file, "luajit-joff,luajit-stress", &["--compare-dead-locals"]);
    let cps = unmasked["results"][1]["observation"]["checkpoints"].as_array().unwrap();
    let stale = cps.iter().flat_map(|c| c["frames"].as_array().unwrap()).any(|f| {
        f["locals"].as_array().unwrap().iter().any(|l| l[0] == "n" && l[1].as_str().unwrap().contains('#'))
    });
    assert!(stale, "LuaJIT no longer leaves a stale reference in the dead slot: the test shows nothing");
    let _ = std::fs::remove_dir_all(&dir);
}
