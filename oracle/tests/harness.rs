//! The harness end to end: the `twin` binary running real programs through
//! Debian's LuaJIT and through test engines that misbehave on purpose.

mod common;

use common::*;

const ORDINARY: &[(&str, &str)] = &[
    (
        "closures",
        r##"
local function counter(start)
  local n = start
  return function(step) n = n + (step or 1); return n end
end
local c = counter(10)
for i = 1, 100 do c(i % 3) end
local t = {}
for i = 1, 200 do t[i] = i * i end
local s = 0
for _, v in ipairs(t) do s = s + v end
twin_checkpoint(1)
print(c(), s, #t)
return s, c
"##,
    ),
    (
        "strings_and_varargs",
        r##"
local function f(...)
  local n = select("#", ...)
  twin_checkpoint(2)
  return n, ...
end
local parts = {}
for i = 1, 50 do parts[#parts + 1] = string.format("%d:%s", i, string.rep("x", i % 4)) end
print(table.concat(parts, ","))
print(f(1, nil, "a\n", 2.5))
print(("hello"):upper(), ("%5.2f"):format(math.pi), tostring(1/0), tostring(-0.0))
"##,
    ),
    (
        "coroutines_and_errors",
        r##"
local co = coroutine.wrap(function(a)
  for i = 1, 3 do a = a + coroutine.yield(a * i) end
  return "done"
end)
print(co(1), co(2), co(3), co(4))
local ok, err = pcall(function() local x = nil; return x.field end)
print(ok, err)
local ok2, err2 = pcall(error, { code = 7 })
print(ok2, type(err2), err2.code)
error("final error")
"##,
    ),
];

#[test]
fn luajit_interpreter_and_jit_agree_on_ordinary_programs() {
    let dir = scratch("agree");
    for (name, text) in ORDINARY {
        let file = program(&dir, name, text);
        let (status, report) = diff_json(&file, "luajit-joff,luajit", &[]);
        assert_eq!(status, 0, "{name}: {report:#}");
        assert_eq!(judgement(&report, 0)["verdict"]["kind"], "same", "{name}");
        assert_eq!(judgement(&report, 0)["signature"], "same");
    }
    // The oracle's observation holds what the programs did.
    let (_, report) = diff_json(&dir.join("coroutines_and_errors.lua"), "luajit-joff,luajit", &[]);
    let obs = &report["results"][0]["observation"];
    assert_eq!(obs["error"], "prog:11: final error");
    assert_eq!(obs["outcome"]["kind"], "finished");
    assert!(obs["stdout"].as_str().unwrap().contains("prog:7: attempt to index local 'x' (a nil value)"));
}

#[test]
fn persistent_and_one_process_modes_observe_the_same() {
    let dir = scratch("modes");
    let files: Vec<_> = ORDINARY.iter().map(|(n, t)| program(&dir, n, t)).collect();
    let paths: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    let run = |extra: &[&str]| {
        let mut args = vec!["diff"];
        args.extend_from_slice(&paths);
        args.extend_from_slice(&["--engines", "luajit-joff,luajit-stress", "--json"]);
        args.extend_from_slice(extra);
        let t = twin(&args);
        assert_eq!(t.status, 0, "{}", t.stderr);
        // Everything but the timings.
        let mut lines: Vec<serde_json::Value> =
            t.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        for line in &mut lines {
            for r in line["report"]["results"].as_array_mut().unwrap() {
                r.as_object_mut().unwrap().remove("elapsed_ms");
            }
        }
        lines
    };
    assert_eq!(run(&[]), run(&["--no-persist"]));
}

#[test]
fn injected_fault_is_a_divergence_at_the_right_checkpoint() {
    let dir = scratch("fault");
    let config = test_config(&dir);
    let file = program(
        &dir,
        "sqrt",
        r##"
local function hyp(a, b)
  local h = math.sqrt(a * a + b * b)
  twin_checkpoint(10)
  return h
end
local total = 0
for i = 1, 5 do total = total + hyp(3, 4) end
twin_checkpoint(20)
local odd = hyp(7, 0)
print(total, odd)
"##,
    );
    let (status, report) = diff_json(&file, "luajit-joff,bad-sqrt", &["--config", config.to_str().unwrap()]);
    assert_eq!(status, 1, "{report:#}");
    let j = judgement(&report, 0);
    let v = &j["verdict"];
    assert_eq!(v["kind"], "divergent");
    assert_eq!(v["fields"][0], "checkpoints");
    assert_eq!(v["fields"][1], "stdout");
    // Hits 0-4 are id 10 (h = 5) and hit 5 is id 20: identical. Hit 6 is
    // id 10 inside hyp(7, 0), the first place the bad sqrt shows.
    let cp = &v["checkpoint"];
    assert_eq!(cp["hit"], 6);
    assert_eq!(cp["id"], "10");
    assert_eq!(cp["function"], "prog:2");
    assert_eq!(cp["line"], 4);
    assert_eq!(j["signature"], "divergent|checkpoints|prog:2@4|-");
    let diff = j["diffs"][0]["diff"].as_str().unwrap();
    assert!(diff.contains("-L h=7\n") && diff.contains("+L h=7.5\n"), "{diff}");
}

#[test]
fn segfaulting_engine_is_a_crash_and_the_harness_goes_on() {
    let dir = scratch("segv");
    let config = test_config(&dir);
    let a = program(&dir, "a", "print('a')\n");
    let b = program(&dir, "b", "print('b')\n");
    let t = twin(&[
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--engines",
        "luajit-joff,segv",
        "--json",
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(t.status, 1, "{}", t.stderr);
    let lines: Vec<serde_json::Value> = t.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "both programs judged: the dead worker was restarted");
    for line in &lines {
        let j = judgement(&line["report"], 0);
        assert_eq!(j["verdict"]["kind"], "crash");
        assert_eq!(j["verdict"]["signal"], libc::SIGSEGV);
        assert_eq!(j["signature"], "crash|SIGSEGV|-");
        assert_eq!(line["report"]["results"][1]["observation"]["outcome"]["kind"], "signaled");
    }
}

#[test]
fn crash_mid_program_keeps_the_output_before_it() {
    let dir = scratch("boom");
    let config = test_config(&dir);
    let file = program(&dir, "boom", "print('before')\nprint('boom')\nprint('after')\n");
    let (status, report) =
        diff_json(&file, "luajit-joff,crash-on-boom", &["--config", config.to_str().unwrap()]);
    assert_eq!(status, 1);
    let j = judgement(&report, 0);
    assert_eq!(j["verdict"]["kind"], "crash");
    assert_eq!(j["verdict"]["signal"], libc::SIGSEGV);
    assert_eq!(report["results"][1]["observation"]["stdout"], "before\n");
}

#[test]
fn hanging_engine_times_out_and_is_replaced() {
    let dir = scratch("timeout");
    // Only the JIT-enabled engine loops forever.
    let hang = program(&dir, "hang", "if jit.status() then while true do end end\nprint('ok')\n");
    let fine = program(&dir, "fine", "print('still here')\n");
    let t = twin(&[
        "diff",
        hang.to_str().unwrap(),
        fine.to_str().unwrap(),
        "--engines",
        "luajit-joff,luajit",
        "--timeout-ms",
        "1500",
        "--json",
    ]);
    assert_eq!(t.status, 1, "{}", t.stderr);
    let lines: Vec<serde_json::Value> = t.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let first = judgement(&lines[0]["report"], 0);
    assert_eq!(first["verdict"], serde_json::json!({"kind": "timeout", "after_ms": 1500}));
    assert_eq!(first["signature"], "timeout");
    assert_eq!(judgement(&lines[1]["report"], 0)["verdict"]["kind"], "same");
}

#[test]
fn clock_dependent_program_poisons_the_oracle() {
    let dir = scratch("clock");
    let file = program(
        &dir,
        "clock",
        "local x = 0\nfor i = 1, 200000 do x = x + i end\nprint(string.format('%.17g', os.clock()))\n",
    );
    let (status, report) = diff_json(&file, "luajit-joff,luajit-stress", &[]);
    assert_eq!(status, 0, "poisoned is reported, not a failure: {report:#}");
    let j = judgement(&report, 0);
    assert_eq!(j["verdict"]["kind"], "poisoned");
    assert_eq!(j["verdict"]["poison"]["kind"], "oracle-nondeterministic");
    assert_eq!(j["signature"], "poisoned|oracle-nondeterministic|stdout");
}

#[test]
fn program_output_cannot_break_the_framing() {
    let dir = scratch("framing");
    // Raw writes, a fake marker, NUL bytes, invalid UTF-8 and no final newline.
    let file = program(
        &dir,
        "framing",
        "io.stdout:write('\\0TWIN:fake:5\\nxxxxx')\nio.write('\\255\\0')\nio.stderr:write('to stderr')\nprint(1)\nio.write('tail')\nreturn 42\n",
    );
    let t = twin(&["run", file.to_str().unwrap(), "--engine", "luajit-joff", "--json"]);
    assert_eq!(t.status, 0, "{}", t.stderr);
    let obs: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    assert_eq!(obs["stdout"], "\u{0}TWIN:fake:5\nxxxxx\\xff\u{0}1\ntail");
    assert_eq!(obs["stderr"], "to stderr");
    assert_eq!(obs["returns"], serde_json::json!(["42"]));
}

#[test]
fn probe_prints_values_canonically() {
    let dir = scratch("probe");
    let file = program(
        &dir,
        "values",
        r##"
local up = "u"
local function f(a, ...)
  local negz, nan, big, frac = -0.0, 0/0, 2^53, 0.1
  local inf, ninf = 1/0, -1/0
  local s = "q\"\\\n\t\1\200"
  local t = setmetatable({3, 2, 1, x = {y = {z = {w = {}}}}, [true] = false, [1.5] = "f"}, {})
  local g, co = print, coroutine.create(print)
  local same = t
  twin_checkpoint(1)
  return up
end
f(1, "v", nil)
"##,
    );
    let t = twin(&["run", file.to_str().unwrap(), "--engine", "luajit-joff", "--json"]);
    let obs: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    let frames = &obs["checkpoints"][0]["frames"];
    assert_eq!(frames[0]["function"], "prog:3");
    assert_eq!(frames[0]["line"], 10);
    let locals: Vec<(String, String)> = serde_json::from_value(frames[0]["locals"].clone()).unwrap();
    let get = |n: &str| locals.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap();
    assert_eq!(get("a"), "1");
    assert_eq!(get("negz"), "-0");
    assert_eq!(get("nan"), "nan");
    assert_eq!(get("big"), "9007199254740992");
    assert_eq!(get("frac"), "0.10000000000000001");
    assert_eq!((get("inf"), get("ninf")), ("inf".into(), "-inf".into()));
    assert_eq!(get("s"), r#""q\"\\\n\t\001\200""#);
    assert_eq!(
        get("t"),
        r#"table#1^table#2{..}{1=3,1.5="f",2=2,3=1,"x"=table#3{"y"=table#4{"z"=table#5{..}}},true=false}"#
    );
    assert_eq!(get("g"), "function#6<C>");
    assert_eq!(get("co"), "coroutine#7");
    // Every line is complete on its own (probe.lua): a table seen on an earlier line is
    // shown in full again, under the same identity number.
    assert_eq!(get("same"), get("t"));
    assert_eq!(frames[0]["varargs"], serde_json::json!(["\"v\"", "nil"]));
    assert_eq!(frames[0]["upvalues"], serde_json::json!([["up", "\"u\""]]));
    // The walk ends at the program's main chunk.
    assert_eq!(frames.as_array().unwrap().len(), 2);
    assert_eq!(frames[1]["function"], "prog:0");
}

#[test]
fn every_program_gets_fresh_globals() {
    let dir = scratch("fresh");
    let a = program(&dir, "a", "leak = 1\nstring.leak = 2\nprint(leak, string.leak)\n");
    let b = program(&dir, "b", "print(leak, string.leak, loadstring('return leak')())\n");
    let t = twin(&["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--engines", "luajit-joff", "--json"]);
    let lines: Vec<serde_json::Value> = t.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["report"]["results"][0]["observation"]["stdout"], "1\t2\n");
    assert_eq!(lines[1]["report"]["results"][0]["observation"]["stdout"], "nil\tnil\tnil\n");
}

#[test]
fn syntax_errors_use_the_normalised_chunk_name() {
    let dir = scratch("syntax");
    let file = program(&dir, "bad", "local x = = 1\n");
    let t = twin(&["run", file.to_str().unwrap(), "--engine", "luajit-stress", "--json"]);
    let obs: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    assert_eq!(obs["error"], "prog:1: unexpected symbol near '='");
}

#[test]
fn harness_errors_exit_2() {
    let dir = scratch("errors");
    let file = program(&dir, "p", "print(1)\n");
    let t = twin(&["diff", file.to_str().unwrap(), "--engines", "luajit-joff,no-such-engine"]);
    assert_eq!(t.status, 2);
    assert!(t.stderr.contains("unknown engine `no-such-engine`"), "{}", t.stderr);
    let t = twin(&["diff", "/nonexistent.lua", "--engines", "luajit-joff"]);
    assert_eq!(t.status, 2);
    let config = dir.join("twin.toml");
    std::fs::write(&config, "[engines.gone]\ncommand = \"/nonexistent/engine\"\n").unwrap();
    let t = twin(&[
        "diff",
        file.to_str().unwrap(),
        "--engines",
        "luajit-joff,gone",
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(t.status, 2);
    assert!(t.stderr.contains("cannot start `/nonexistent/engine`"), "{}", t.stderr);
}

#[test]
fn text_report_names_field_and_checkpoint() {
    let dir = scratch("text");
    let config = test_config(&dir);
    let file = program(&dir, "t", "local r = math.sqrt(49)\ntwin_checkpoint(1)\nprint(r)\n");
    let t = twin(&[
        "diff",
        file.to_str().unwrap(),
        "--engines",
        "luajit-joff,bad-sqrt",
        "--config",
        config.to_str().unwrap(),
        "--colour",
        "always",
    ]);
    assert_eq!(t.status, 1);
    assert!(
        t.stdout.contains("bad-sqrt vs luajit-joff: divergent  [divergent|checkpoints|prog:0@2|-]"),
        "{}",
        t.stdout
    );
    assert!(t.stdout.contains("first differing checkpoint: hit 1 (id 1) in function prog:0 at line 2"));
    assert!(t.stdout.contains("\x1b[31m-L r=7\x1b[0m"), "{}", t.stdout);
}

#[test]
fn memory_limit_turns_a_blow_up_into_an_error() {
    let dir = scratch("memory");
    let config = dir.join("twin.toml");
    std::fs::write(&config, "[engines.small]\ncommand = \"luajit\"\nargs = [\"-joff\"]\nmemory_mb = 200\n")
        .unwrap();
    let hog = program(&dir, "hog", "local t = {}\nfor i = 1, 1e8 do t[i] = i end\nprint(#t)\n");
    let after = program(&dir, "after", "print('fine')\n");
    let t = twin(&[
        "diff",
        hog.to_str().unwrap(),
        after.to_str().unwrap(),
        "--engines",
        "small",
        "--json",
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(t.status, 0, "{}", t.stderr);
    let lines: Vec<serde_json::Value> = t.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["report"]["results"][0]["observation"]["error"], "not enough memory");
    assert_eq!(lines[1]["report"]["results"][0]["observation"]["stdout"], "fine\n");
}

#[test]
fn programs_reading_stdin_see_end_of_file() {
    let dir = scratch("stdin");
    let file = program(
        &dir,
        "r",
        "print(io.read('*l'), io.read(5))\nfor l in io.lines() do print(l) end\nprint('end')\n",
    );
    let t =
        twin(&["diff", file.to_str().unwrap(), file.to_str().unwrap(), "--engines", "luajit-joff", "--json"]);
    for line in t.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["report"]["results"][0]["observation"]["stdout"], "nil\tnil\nend\n");
    }
}

#[test]
fn ffi_programs_get_a_fresh_worker() {
    // ffi.cdef state is per process: without a new worker the oracle's second
    // run (and the next program) would fail with "attempt to redefine".
    let dir = scratch("ffi");
    let file = program(
        &dir,
        "ffi",
        "local ffi = require('ffi')\nffi.cdef[[ typedef struct { int x; } pt_t; ]]\nprint(ffi.new('pt_t', 5).x)\n",
    );
    let f = file.to_str().unwrap();
    let t = twin(&["diff", f, f, "--engines", "luajit-joff,luajit", "--json"]);
    assert_eq!(t.status, 0, "{}", t.stdout);
    for line in t.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(judgement(&v["report"], 0)["signature"], "same");
        assert_eq!(v["report"]["results"][0]["observation"]["stdout"], "5\n");
    }
}

#[test]
fn runaway_output_is_cut_at_the_limit() {
    let dir = scratch("output");
    let file = program(
        &dir,
        "big",
        "local s = string.rep('x', 1048576)\nfor i = 1, 40 do io.write(s) end\nprint('done')\n",
    );
    let t = twin(&["run", file.to_str().unwrap(), "--engine", "luajit-joff", "--json"]);
    assert_eq!(t.status, 0, "{}", t.stderr);
    let obs: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    assert_eq!(obs["outcome"]["kind"], "output-limit");
    assert_eq!(obs["stdout"].as_str().unwrap().len(), twin_oracle::worker::MAX_STREAM_BYTES);
}

#[test]
fn engines_lists_builtins_and_config() {
    let dir = scratch("engines");
    let config = test_config(&dir);
    let t = twin(&["engines", "--config", config.to_str().unwrap()]);
    assert_eq!(t.status, 0);
    assert!(
        t.stdout.contains("luajit-stress          luajit -Ohotloop=1 -Ohotexit=1  (timeout 10000 ms"),
        "{}",
        t.stdout
    );
    assert!(t.stdout.contains("luajit-bad-sqrt"), "{}", t.stdout);
    let t = twin(&["engines", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    assert!(
        list.as_array().unwrap().iter().any(|e| e["name"] == "twin-jit-stress" && e["kind"] == "twin-lua")
    );
}

#[test]
fn programs_that_change_lasting_state_get_a_new_worker() {
    let dir = scratch("lasting");
    let probe_state = "print(jit.status(), debug.gethook() == nil, ('x'):rep(2))\n";
    let changers = [
        "jit.off()\n",
        "jit.opt.start('hotloop=7')\n",
        "collectgarbage('stop')\n",
        "getmetatable('').__index = {}\n",
        "debug.sethook(function() end, '', 1000)\n",
    ];
    for (i, changer) in changers.iter().enumerate() {
        let a = program(&dir, &format!("change{i}"), changer);
        let b = program(&dir, &format!("check{i}"), probe_state);
        let t = twin(&["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--engines", "luajit", "--json"]);
        let lines: Vec<serde_json::Value> =
            t.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let out = lines[1]["report"]["results"][0]["observation"]["stdout"].as_str().unwrap().to_string();
        assert_eq!(out, "true\ttrue\txx\n", "after {changer:?}");
    }
}

#[test]
fn dead_locals_are_masked_not_compared() {
    // `i` is dead at the checkpoint (redefined before any read), so the JIT
    // need not restore it at the trace exit; LuaJIT indeed leaves it stale.
    let dir = scratch("dead");
    let file = program(
        &dir,
        "dead",
        "local sum, odd = 0, 0\nfor i = 1, 300 do\n  if i % 2 == 0 then odd = odd + i else sum = sum + i * 3 end\n  if i == 9 then twin_checkpoint(1) end\nend\nprint(sum, odd)\n",
    );
    let (status, report) = diff_json(&file, "luajit-joff,luajit-stress", &[]);
    assert_eq!(status, 0, "{report:#}");
    // The raw observations keep every value; only the comparison masks.
    let oracle_locals = &report["results"][0]["observation"]["checkpoints"][0]["frames"][0]["locals"];
    assert_eq!(oracle_locals[5], serde_json::json!(["i", "9"]));
    let (status, report) = diff_json(&file, "luajit-joff,luajit-stress", &["--compare-dead-locals"]);
    assert_eq!(status, 1, "LuaJIT leaves the dead slot stale: {report:#}");
    assert_eq!(judgement(&report, 0)["signature"], "divergent|checkpoints|prog:0@4|-");
}

#[test]
fn checkpoints_after_a_tail_call_stop_at_the_program() {
    let dir = scratch("tail");
    let file =
        program(&dir, "tail", "local function f(a)\n  twin_checkpoint(1, a)\n  return a\nend\nreturn f(3)\n");
    let t = twin(&["run", file.to_str().unwrap(), "--engine", "luajit-joff", "--json"]);
    let obs: serde_json::Value = serde_json::from_str(&t.stdout).unwrap();
    // `return f(3)` replaced the main chunk's frame: only f's frame is the program's.
    let frames = obs["checkpoints"][0]["frames"].as_array().unwrap();
    assert_eq!(frames.len(), 1, "{frames:?}");
    assert_eq!(frames[0]["function"], "prog:1");
}

#[test]
fn twin_lua_engines_run_through_the_same_worker() {
    ensure_twin_lua();
    let dir = scratch("twinlua");
    let file = program(
        &dir,
        "simple",
        r##"
local function f(a, ...)
  local s = 0
  for i = 1, 10 do s = s + i * a end
  twin_checkpoint(1, s)
  return s, select("#", ...)
end
print(f(2, "x", nil))
local t = {}
for i = 1, 5 do t[#t + 1] = i * i end
print(table.concat(t, ","), #t, ("%5.1f"):format(1 / 3))
local ok, err = pcall(error, "boom")
print(ok, err)
return f(3)
"##,
    );
    let (status, report) = diff_json(&file, "luajit-joff,twin-interp,twin-jit,twin-jit-stress", &[]);
    assert_eq!(status, 0, "{report:#}");
    for i in 0..3 {
        assert_eq!(judgement(&report, i)["signature"], "same", "{report:#}");
    }
    assert_eq!(report["results"][1]["observation"]["stdout"], "110\t2\n1,4,9,16,25\t5\t  0.3\nfalse\tboom\n");
}
