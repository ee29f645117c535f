//! Every generated program parses, with twin-lua's parser and with LuaJIT's, and
//! printing is a fixed point: print(parse(print(ast))) == print(ast).
//!
//! LuaJIT checks all programs in one process: a small Lua driver reads
//! `<seed> <length>\n<program>` records from stdin and `loadstring`s each (compile only,
//! nothing runs).

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use twin_gen::from_seed;
use twin_lua::syntax::{parse, print_chunk};

const SEEDS: u64 = 10_000;

const DRIVER: &str = r#"
local n = 0
while true do
  local header = io.read("*l")
  if not header then break end
  local seed, len = header:match("^(%d+) (%d+)$")
  local src = io.read(tonumber(len))
  local f, err = loadstring(src, "=" .. seed)
  if not f then io.write(seed, ": ", err, "\n") end
  n = n + 1
end
io.write("checked ", n, "\n")
"#;

#[test]
fn luajit_parses_every_program() {
    let dir = std::env::temp_dir().join(format!("twin-gen-parse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let driver = dir.join("driver.lua");
    std::fs::write(&driver, DRIVER).unwrap();
    let mut child =
        match Command::new("luajit").arg(&driver).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn() {
            Ok(c) => c,
            Err(e) => panic!("this test needs luajit on PATH: {e}"),
        };
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for seed in 0..SEEDS {
            let text = from_seed(seed).text;
            write!(stdin, "{seed} {}\n{text}", text.len()).unwrap();
        }
    });
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    writer.join().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out, format!("checked {SEEDS}\n"), "programs LuaJIT rejects (seed: error):\n{out}");
}

#[test]
fn twin_lua_parses_every_program_back_to_its_tree() {
    for seed in 0..SEEDS {
        let p = from_seed(seed);
        let tree = match parse(p.text.as_bytes(), format!("={seed}")) {
            Ok(t) => t,
            Err(e) => panic!("seed {seed}: twin-lua rejects the program: {e:?}"),
        };
        assert!(tree == p.chunk, "seed {seed}: parse(print(ast)) != ast");
        assert_eq!(print_chunk(&tree), print_chunk(&p.chunk), "seed {seed}: reprinting is not stable");
    }
}

#[test]
fn same_seed_same_text() {
    for seed in [0, 5, 99, 4096] {
        assert_eq!(from_seed(seed).text, from_seed(seed).text);
    }
}
