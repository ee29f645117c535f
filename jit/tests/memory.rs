//! Memory is returned: many fresh states in a row keep the resident set flat.

use twin_lua::vm::api::Lua;

fn rss_kb() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    pages * 4
}

fn run_one() {
    let mut lua = Lua::new();
    lua.set_output(Box::new(std::io::sink()));
    let src = b"local t = {} for i = 1, 2000 do t[i] = {i, tostring(i), function() return i end} end
                local co = coroutine.wrap(function() for i = 1, 10 do coroutine.yield(i) end end)
                for i = 1, 10 do co() end
                setmetatable(t, {__mode = 'v'}) collectgarbage()";
    lua.exec(src, "=mem").unwrap();
}

#[test]
fn fresh_states_do_not_leak() {
    for _ in 0..20 {
        run_one();
    }
    let before = rss_kb();
    for _ in 0..200 {
        run_one();
    }
    let after = rss_kb();
    assert!(after < before + 8 * 1024, "RSS grew from {before} KB to {after} KB");
}

#[test]
fn fresh_states_are_cheap() {
    let start = std::time::Instant::now();
    for _ in 0..200 {
        let mut lua = Lua::new();
        lua.set_output(Box::new(std::io::sink()));
        lua.exec(b"print(1)", "=t").unwrap();
    }
    let per = start.elapsed() / 200;
    // Generous bound: the harness runs thousands of programs a second per worker.
    assert!(per < std::time::Duration::from_millis(5), "{per:?} per state");
    eprintln!("{per:?} per fresh state + tiny program");
}
