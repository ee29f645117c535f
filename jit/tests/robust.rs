//! Input cannot drive the engine's Rust recursion past its limits: every chain of Rust
//! calls into Lua (natives calling back, error handlers, coroutines) stops at the
//! "C stack overflow" limit, and what runs at the deepest level (the parser, the
//! compiler, pattern matching) has its own limits, so a thread with a 2 MiB stack (the
//! default for spawned threads, and for the test harness) never overflows, even in a
//! debug build.

use std::io::Write;

use twin_lua::vm::api::Lua;

mod common;
use common::Buf;

/// Runs `src` on a thread with a 2 MiB stack and returns what it printed.
fn run_small_stack(src: &'static str) -> String {
    let worker = std::thread::Builder::new().stack_size(2 << 20).spawn(move || {
        let mut lua = Lua::new();
        lua.set_budget(Some(50_000_000));
        let out = Buf::default();
        lua.set_output(Box::new(out.clone()));
        if let Err(e) = lua.exec(src.as_bytes(), "=t") {
            writeln!(out.clone(), "error: {}", e.message).unwrap();
        }
        let printed = String::from_utf8_lossy(&out.0.borrow()).into_owned();
        printed
    });
    worker.expect("spawn").join().expect("the run neither panics nor overflows")
}

/// Each chain recurses through a different native until the limit ends it. (LuaJIT
/// itself crashes or loops on several of these, so the expectations are the limit's
/// message, not a recorded run.)
#[test]
fn chains_of_native_calls_stop_at_the_limit() {
    let cases = [
        // An xpcall handler that raises errors under its own xpcall.
        (
            "local function h(e) return select(2, xpcall(error, h)) end print(xpcall(error, h))",
            "false\terror in error handling\n",
        ),
        (
            "local function g() return (string.gsub('x', 'x', g)) end print(pcall(g))",
            "false\tC stack overflow\n",
        ),
        (
            "local t = setmetatable({}, {__tostring = function(s) return tostring(s) end}) print(pcall(tostring, t))",
            "false\tC stack overflow\n",
        ),
        (
            "local function s(a, b) table.sort({3, 2, 1}, s) return a < b end print(pcall(table.sort, {3, 2, 1}, s))",
            "false\tC stack overflow\n",
        ),
        (
            "local function c() return select(2, coroutine.resume(coroutine.create(c))) end print(c())",
            "C stack overflow\n",
        ),
    ];
    for (src, want) in cases {
        let got = run_small_stack(src);
        assert!(got.ends_with(want), "{src}\ngot: {got}");
    }
}

/// At the deepest native level, the parser and the pattern matcher still get their
/// full nesting.
#[test]
fn deepest_level_still_parses_and_matches() {
    let got = run_small_stack(
        r#"
        local nested = "return " .. string.rep("(", 190) .. "1" .. string.rep(")", 190)
        local blocks = string.rep("do ", 190) .. string.rep("end ", 190)
        local deepest = 0
        local function g(_, d)
          d = d or 0
          if d > deepest then deepest = d end
          local ok = pcall(string.gsub, "x", "x", function() return g(nil, d + 1) end)
          if not ok and d == deepest then
            assert(loadstring(nested))
            assert(loadstring(blocks))
            assert(string.find(string.rep("a", 150), string.rep("a?", 150) .. "$"))
            print("deepest", d > 50)
          end
          return "x"
        end
        g()
        "#,
    );
    assert_eq!(got, "deepest\ttrue\n");
}
