//! Every generated program parses, with twin-lua's parser (back to the very tree it was
//! printed from, and reprinting is a fixed point: `Program::check_round_trip`) and with
//! LuaJIT's.
//!
//! LuaJIT checks all programs in one process: a small Lua driver reads
//! `<seed> <length>\n<program>` records from stdin and `loadstring`s each (compile only,
//! nothing runs).

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use twin_gen::from_seed;

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
        if let Err(e) = from_seed(seed).check_round_trip() {
            panic!("seed {seed}: {e}");
        }
    }
}

#[test]
fn same_seed_same_text() {
    for seed in [0, 5, 99, 4096] {
        assert_eq!(from_seed(seed).text, from_seed(seed).text);
    }
}

#[test]
fn round_trip_check_notices_a_broken_text() {
    let mut p = from_seed(1);
    p.text.push_str("\nx = = 1\n");
    assert!(p.check_round_trip().unwrap_err().starts_with("does not parse"));
    let mut p = from_seed(1);
    p.text.push_str("\nx = 1\n");
    assert_eq!(p.check_round_trip().unwrap_err(), "parse(print(ast)) != ast");
}

/// What the fuzz target does, over inputs of every length: raw bytes (not seed-expanded),
/// including short ones where the generator runs out early.
#[test]
fn raw_inputs_of_any_length_give_valid_programs() {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for case in 0..2000usize {
        let len = (case * 37) % 3000;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                // xorshift64: any cheap byte stream will do here.
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let p = twin_gen::generate(&mut arbitrary::Unstructured::new(&bytes)).expect("generate");
        if let Err(e) = p.check_round_trip() {
            panic!("input {case} ({len} bytes): {e}");
        }
    }
}
