//! Property test of the string library and number conversions: thousands of seeded-random
//! `string.format`, pattern-matching and `tostring`/`tonumber` cases, each run through
//! `luajit -joff` (the reference) and through twin-lua, compared result by result.
//!
//! The cases of one family are written as ONE Lua program per batch, so an engine starts once
//! per few hundred cases. Every case is a single line of the form
//!
//! ```text
//!     R(pcall(string.find, "ab(c", "%b()", -3))
//! ```
//!
//! and `R` writes what `pcall` returned, each value tagged with its type (`s:` string, `n:`
//! number), values separated by tabs, then `END`, the bytes `\1END\1\n`. No result can hold
//! that text (generated strings never contain byte 1, and `%c` alone cannot spell it), so
//! results may carry any bytes, newlines and zeros included, and a case's output is found by
//! splitting at the markers: the i-th piece belongs to the i-th case. Errors are compared by
//! message, since `pcall` returns it. A program that dies part-way (a crash in the engine
//! under test) shows up as missing pieces from the first case it did not finish.
//!
//! The generators are small grammars over the inputs that matter:
//!
//! * format: `%[flags][width][.precision]conversion` for every conversion LuaJIT knows plus
//!   invalid ones, widths and precisions beyond LuaJIT's two digits, literal text (`%%`,
//!   zeros), one or two conversions per format, and arguments of every kind: edge numbers
//!   (signed zeros, infinities, NaN, rounding ties, values beyond 2^63), numeric and other
//!   strings, booleans, nil and missing arguments;
//! * pattern: short subjects over a tiny alphabet (so matches are frequent and backtracking
//!   stays cheap) and patterns of literals, `.`, classes, sets, quantifiers, captures,
//!   position captures, `%b`, `%f`, back-references and anchors, some deliberately broken
//!   (unclosed sets and captures, trailing `%`, bad capture indices), run through `find`
//!   (with init and plain), `match`, `gmatch` and `gsub` (string, table and function
//!   replacements, with and without a limit);
//! * number: `tostring` of literals (random bit patterns, integers near 2^31/2^53/2^63,
//!   short decimals, specials), `tonumber` of strings from a numeral grammar with whitespace,
//!   signs, hex, exponents and garbage, with and without a base, and numerals compiled as
//!   source by `loadstring` (so the lexer's conversion and its "malformed number" errors are
//!   covered too).
//!
//! The seed is printed; `TWIN_PROPERTY_SEED` (decimal or `0x` hex) replays or varies a run.
//! twin-lua is `$TWIN_LUA` if set, else built by cargo for the test's profile, the way the
//! core suite's test finds it. Without luajit on PATH the tests print why and pass
//! (`ci/setup` installs it).

use std::fmt::Write as _;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use twin_conformance::{Engine, Program, Status, run};

mod common;
use common::twin_lua;

/// Written after every case's result (see the module docs).
const END: &[u8] = b"\x01END\x01\n";
const DEFAULT_SEED: u64 = 0x5eed_2026;
/// Cases per generated program.
const BATCH: usize = 500;
const TIMEOUT: Duration = Duration::from_secs(120);

/// splitmix64: tiny, fast, and good enough to drive grammars.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    fn byte_from(&mut self, alphabet: &[u8]) -> u8 {
        alphabet[self.below(alphabet.len())]
    }
}

/// A Lua string literal for any bytes: printable ASCII stays, the rest is `\ddd`.
fn lua_str(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('"');
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                s.push('\\');
                s.push(b as char);
            }
            0x20..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\{b:03}");
            }
        }
    }
    s.push('"');
    s
}

/// A Lua expression that evaluates to exactly `x`: Rust's shortest round-trip form for finite
/// values (a decimal numeral Lua reads back exactly), arithmetic for the others.
fn lua_num(x: f64) -> String {
    if x.is_nan() {
        "(0/0)".into()
    } else if x.is_infinite() {
        if x > 0.0 { "(1/0)".into() } else { "(-1/0)".into() }
    } else if x == 0.0 && x.is_sign_negative() {
        "(-0.0)".into()
    } else {
        format!("({x:e})")
    }
}

/// Numbers where formatting and conversion are interesting.
fn edge_number(rng: &mut Rng) -> f64 {
    match rng.below(8) {
        0 => rng.range(-20, 20) as f64,
        1 => rng.range(-(1 << 32), 1 << 32) as f64,
        2 => {
            let base: i32 = *rng.pick(&[&31, &32, &52, &53, &63, &64]);
            let sign = if rng.chance(30) { -1.0 } else { 1.0 };
            sign * (2f64.powi(base) + rng.range(-3, 3) as f64)
        }
        3 => {
            // Short decimals: the usual inputs of format and tostring.
            let m = rng.range(-99_999, 99_999) as f64;
            m / 10f64.powi(rng.range(0, 9) as i32)
        }
        4 => {
            // Exact rounding ties at some decimal place: 0.125, 2.5, 1234.5 ...
            let m = rng.range(0, 9_999) as f64 * 2.0 + 1.0;
            let sign = if rng.chance(30) { -1.0 } else { 1.0 };
            sign * m / 2f64.powi(rng.range(1, 4) as i32)
        }
        5 => f64::from_bits(rng.next()),
        6 => 10f64.powi(rng.range(-320, 308) as i32) * if rng.chance(50) { 1.0 } else { 3.0 },
        _ => *rng.pick(&[
            &0.0,
            &-0.0,
            &f64::INFINITY,
            &f64::NEG_INFINITY,
            &f64::NAN,
            &0.5,
            &1.5,
            &0.1,
            &(1.0 / 3.0),
            &5e-324,
            &2.2250738585072014e-308,
            &f64::MAX,
            &1e15,
            &1e16,
            &1e-5,
            &123456789012345.0,
        ]),
    }
}

/// Random bytes for `%s`/`%q` and friends: mostly printable, some controls, zeros and high
/// bytes (never byte 1, the marker's).
fn random_bytes(rng: &mut Rng, max_len: usize) -> Vec<u8> {
    let len = rng.below(max_len + 1);
    (0..len)
        .map(|_| match rng.below(10) {
            0 => *rng.pick(&[&0u8, &b'\n', &b'\r', &b'\t', &b'"', &b'\\', &27, &127]),
            1 => rng.range(0x80, 0xff) as u8,
            _ => rng.range(0x20, 0x7e) as u8,
        })
        .collect()
}

/// `string.format` cases: `string.format, FMT, ARGS...`.
fn gen_format(rng: &mut Rng) -> String {
    let conversions = 1 + usize::from(rng.chance(20));
    let mut fmt = Vec::new();
    let mut args = Vec::new();
    for _ in 0..conversions {
        if rng.chance(25) {
            let text: &[u8] = rng.pick(&[b"x" as &[u8], b"%%", b" ", b"[", b"\0", b"ab\n"]);
            fmt.extend_from_slice(text);
        }
        fmt.push(b'%');
        for flag in b"-+ #0" {
            if rng.chance(12) {
                fmt.push(*flag);
            }
        }
        if rng.chance(45) {
            let width = if rng.chance(90) { rng.range(0, 30) } else { rng.range(90, 130) };
            fmt.extend_from_slice(width.to_string().as_bytes());
        }
        if rng.chance(45) {
            fmt.push(b'.');
            if !rng.chance(10) {
                let prec = if rng.chance(90) { rng.range(0, 20) } else { rng.range(90, 130) };
                fmt.extend_from_slice(prec.to_string().as_bytes());
            }
        }
        let conv = if rng.chance(4) {
            // Invalid conversions, the end of the format included.
            rng.pick(&["y", "b", "n", "l", "", "%"])
        } else {
            rng.pick(&["d", "i", "o", "u", "x", "X", "c", "e", "E", "f", "g", "G", "a", "A", "s", "q"])
        };
        fmt.extend_from_slice(conv.as_bytes());
        args.push(format_arg(rng, conv));
    }
    if rng.chance(10) {
        args.pop(); // a missing argument
    }
    if rng.chance(5) {
        args.push(lua_num(edge_number(rng))); // an extra, ignored one
    }
    let mut case = format!("string.format, {}", lua_str(&fmt));
    for a in args {
        case.push_str(", ");
        case.push_str(&a);
    }
    case
}

fn format_arg(rng: &mut Rng, conv: &str) -> String {
    let stringy = matches!(conv, "s" | "q");
    match rng.below(20) {
        0 => "nil".into(),
        1 => (rng.pick(&["true", "false"])).into(),
        2 | 3 => {
            // A numeric string: converted by numeric conversions, kept by %s.
            let n: &str =
                rng.pick(&["\" 12 \"", "\"0x1f\"", "\"1e3\"", "\"-2.5\"", "\"abc\"", "\"\"", "\"1e\""]);
            n.into()
        }
        _ if stringy && rng.chance(75) => lua_str(&random_bytes(rng, 12)),
        _ if conv == "c" && rng.chance(80) => rng.range(0, 255).to_string(),
        _ => lua_num(edge_number(rng)),
    }
}

const SUBJECT_ALPHABET: &[u8] = b"aabbc12 .()[]%-A\0";

fn gen_subject(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(13);
    (0..len).map(|_| rng.byte_from(SUBJECT_ALPHABET)).collect()
}

/// One pattern item, possibly a group with nested items (`depth` bounds the nesting).
fn pattern_item(rng: &mut Rng, out: &mut Vec<u8>, depth: usize) {
    match rng.below(16) {
        0..=3 => out.push(rng.byte_from(b"abc1 A")),
        4 => out.push(b'.'),
        5 | 6 => {
            out.push(b'%');
            out.push(rng.byte_from(b"adlspuwxczADLSPUWXCZ.%()[-"));
        }
        7 | 8 => {
            out.push(b'[');
            if rng.chance(30) {
                out.push(b'^');
            }
            for _ in 0..1 + rng.below(3) {
                match rng.below(4) {
                    0 => out.extend_from_slice(rng.pick(&[
                        b"a-c" as &[u8],
                        b"0-9",
                        b"c-a",
                        b"%a",
                        b"%d",
                        b"%s",
                    ])),
                    1 => out.push(rng.byte_from(b"]-^.(")),
                    _ => out.push(rng.byte_from(b"abc12 ")),
                }
            }
            out.push(b']');
        }
        9 | 10 if depth < 2 => {
            out.push(b'(');
            if !rng.chance(20) {
                for _ in 0..1 + rng.below(2) {
                    pattern_item(rng, out, depth + 1);
                }
            }
            out.push(b')');
        }
        11 => {
            out.extend_from_slice(b"%b");
            out.push(rng.byte_from(b"()ab"));
            out.push(rng.byte_from(b"()ab"));
        }
        12 => {
            out.extend_from_slice(b"%f[");
            out.extend_from_slice(rng.pick(&[b"%a" as &[u8], b"%A", b"a", b"^a", b"%z", b"%s"]));
            out.push(b']');
        }
        13 => {
            out.push(b'%');
            out.push(rng.byte_from(b"1123"));
        }
        _ => out.push(rng.byte_from(b"abc")),
    }
    if rng.chance(30) {
        out.push(rng.byte_from(b"*+-?"));
    }
}

fn gen_pattern(rng: &mut Rng) -> Vec<u8> {
    let mut p = Vec::new();
    if rng.chance(15) {
        p.push(b'^');
    }
    for _ in 0..rng.below(5) {
        pattern_item(rng, &mut p, 0);
    }
    if rng.chance(15) {
        p.push(b'$');
    }
    if rng.chance(8) {
        // Break it: each of these is an error or a LuaJIT corner.
        match rng.below(7) {
            0 => p.push(b'%'),
            1 => p.push(b'['),
            2 => p.push(b'('),
            3 => p.push(b')'),
            4 => p.extend_from_slice(b"%b"),
            5 => p.extend_from_slice(b"%f"),
            _ => p.extend_from_slice(b"%9"),
        }
    }
    p
}

/// Pattern cases: `find`, `match`, `gmatch` (through `GM`) and `gsub`.
fn gen_pattern_case(rng: &mut Rng) -> String {
    let s = lua_str(&gen_subject(rng));
    let p = lua_str(&gen_pattern(rng));
    let init = |rng: &mut Rng| rng.range(-15, 15).to_string();
    match rng.below(4) {
        0 => match rng.below(4) {
            0 => format!("string.find, {s}, {p}"),
            1 => format!("string.find, {s}, {p}, {}", init(rng)),
            _ => format!("string.find, {s}, {p}, {}, {}", init(rng), rng.pick(&["true", "false", "nil"])),
        },
        1 => {
            if rng.chance(50) {
                format!("string.match, {s}, {p}")
            } else {
                format!("string.match, {s}, {p}, {}", init(rng))
            }
        }
        2 => format!("GM, {s}, {p}"),
        _ => {
            let repl = match rng.below(4) {
                0 => "GT".to_string(),
                1 => "GF".to_string(),
                _ => {
                    let mut r = Vec::new();
                    for _ in 0..rng.below(4) {
                        r.extend_from_slice(rng.pick(&[
                            b"x" as &[u8],
                            b"%0",
                            b"%1",
                            b"%2",
                            b"%%",
                            b"-",
                            b"%a",
                            b"%",
                        ]));
                    }
                    lua_str(&r)
                }
            };
            if rng.chance(30) {
                format!("string.gsub, {s}, {p}, {repl}, {}", rng.range(-1, 4))
            } else {
                format!("string.gsub, {s}, {p}, {repl}")
            }
        }
    }
}

fn digits(rng: &mut Rng, alphabet: &[u8], max: usize, out: &mut Vec<u8>) {
    for _ in 0..rng.below(max + 1) {
        out.push(rng.byte_from(alphabet));
    }
}

/// A numeral-like string: what `tonumber` and the lexer must accept or reject.
fn gen_numeral(rng: &mut Rng, with_space_and_sign: bool) -> Vec<u8> {
    let mut s = Vec::new();
    if with_space_and_sign {
        s.extend_from_slice(rng.pick(&[b"" as &[u8], b"", b"", b" ", b"\t", b"\n "]));
        s.extend_from_slice(rng.pick(&[b"" as &[u8], b"", b"-", b"+"]));
    }
    match rng.below(6) {
        0..=2 => {
            digits(rng, b"0123456789", 20, &mut s);
            if rng.chance(40) {
                s.push(b'.');
                digits(rng, b"0123456789", 10, &mut s);
            }
            if rng.chance(30) {
                s.push(rng.byte_from(b"eE"));
                s.extend_from_slice(rng.pick(&[b"" as &[u8], b"-", b"+"]));
                digits(rng, b"0123456789", 4, &mut s);
            }
        }
        3 => {
            s.extend_from_slice(rng.pick(&[b"0x" as &[u8], b"0X"]));
            digits(rng, b"0123456789abcdefABCDEF", 17, &mut s);
            if rng.chance(25) {
                s.push(b'.');
                digits(rng, b"0123456789abcdef", 4, &mut s);
            }
            if rng.chance(25) {
                s.push(rng.byte_from(b"pP"));
                s.extend_from_slice(rng.pick(&[b"" as &[u8], b"-", b"+"]));
                digits(rng, b"0123456789", 3, &mut s);
            }
        }
        4 => digits(rng, b"0123456789", 40, &mut s),
        _ => s.extend_from_slice(rng.pick(&[
            b"inf" as &[u8],
            b"nan",
            b"infinity",
            b"INF",
            b".",
            b"e5",
            b".5",
            b"5.",
            b"1e400",
            b"1e-400",
        ])),
    }
    if with_space_and_sign && rng.chance(30) {
        s.extend_from_slice(rng.pick(&[b" " as &[u8], b"\n", b"\t "]));
    }
    if rng.chance(10) {
        s.push(rng.byte_from(b"xgz.e\0_"));
    }
    s
}

/// Number cases: `tostring`, `tonumber` with and without a base, and numerals as source.
fn gen_number_case(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 | 1 => format!("tostring, {}", lua_num(edge_number(rng))),
        2 | 3 => format!("tonumber, {}", lua_str(&gen_numeral(rng, true))),
        4 => {
            let mut s = Vec::new();
            s.extend_from_slice(rng.pick(&[b"" as &[u8], b"", b"-", b" "]));
            digits(rng, b"0123456789abcdefxyzABZ", 12, &mut s);
            if rng.chance(10) {
                s.push(b' ');
            }
            let base = if rng.chance(90) {
                rng.range(2, 36).to_string()
            } else {
                rng.pick(&["0", "1", "37", "-2", "10.5", "\"16\""]).to_string()
            };
            format!("tonumber, {}, {base}", lua_str(&s))
        }
        _ => {
            let numeral = gen_numeral(rng, false);
            let mut src = b"return ".to_vec();
            src.extend_from_slice(&numeral);
            format!("LOAD, {}", lua_str(&src))
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Family {
    Format,
    Pattern,
    Number,
}

impl Family {
    const ALL: [Family; 3] = [Family::Format, Family::Pattern, Family::Number];

    fn case(self, rng: &mut Rng) -> String {
        match self {
            Family::Format => gen_format(rng),
            Family::Pattern => gen_pattern_case(rng),
            Family::Number => gen_number_case(rng),
        }
    }
}

/// The helpers every batch starts with. `GM` collects a `gmatch` loop (at most 50 rounds),
/// `GT`/`GF` are `gsub`'s table and function replacements (including the values that keep
/// the match: nil and false), `LOAD` compiles and runs a chunk.
const PRELUDE: &str = r##"local select, type, tostring = select, type, tostring
local concat, write = table.concat, io.write
local END = "\1END\1\n"
local function R(...)
  local t = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    local ty = type(v)
    if ty == "string" then t[i] = "s:" .. v
    elseif ty == "number" then t[i] = "n:" .. tostring(v)
    else t[i] = tostring(v) end
  end
  write(concat(t, "\t"), END)
end
local function GM(s, p)
  local out, n = {}, 0
  for a, b, c in string.gmatch(s, p) do
    n = n + 1
    out[n] = tostring(a) .. "," .. tostring(b) .. "," .. tostring(c)
    if n == 50 then break end
  end
  return n, concat(out, ";")
end
local GT = {a = "<A>", b = false, ["1"] = 1, [1] = "one", [3] = 3.5, c = "%1"}
local function GF(...)
  local a = ...
  if a == "a" then return nil end
  if a == "b" then return false end
  if a == 2 then return 22 end
  return "<" .. tostring(a) .. select("#", ...) .. ">"
end
local function LOAD(src)
  local f, err = loadstring(src)
  if not f then return nil, err end
  return f()
end
"##;

/// One batch: the cases' Lua sources and the program that runs them.
struct Batch {
    cases: Vec<String>,
    program: String,
}

fn make_batch(family: Family, rng: &mut Rng, n: usize) -> Batch {
    let cases: Vec<String> = (0..n).map(|_| family.case(rng)).collect();
    let mut program = String::from(PRELUDE);
    for c in &cases {
        let _ = writeln!(program, "R(pcall({c}))");
    }
    Batch { cases, program }
}

/// Runs a batch program on an engine; the per-case results (bytes before each marker).
fn run_batch(engine: &Engine, program: &str) -> Result<Vec<Vec<u8>>, String> {
    // A fresh directory per run, but always the same file name: error messages carry the
    // chunkname, and both engines must see the same one.
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("twin-stdlib-property-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let path = dir.join("property.lua");
    std::fs::write(&path, program).map_err(|e| format!("writing {}: {e}", path.display()))?;
    let prog = Program { area: "property".into(), name: "property".into(), path };
    let obs = run(engine, &prog, TIMEOUT);
    let _ = std::fs::remove_dir_all(&dir);
    let obs = obs.map_err(|e| format!("running {}: {e}", engine.describe()))?;
    if obs.status != Status::Exited(0) {
        // Keep what was written before the failure: it locates the case that broke.
        let first = String::from_utf8_lossy(obs.stderr.split(|&b| b == b'\n').next().unwrap_or_default());
        eprintln!("{} ended with {:?}: {first}", engine.describe(), obs.status);
    }
    Ok(split_results(&obs.stdout))
}

fn split_results(stdout: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = stdout;
    while let Some(at) = rest.windows(END.len()).position(|w| w == END) {
        out.push(rest[..at].to_vec());
        rest = &rest[at + END.len()..];
    }
    out
}

/// Bytes shown readably in reports.
fn show(bytes: &[u8]) -> String {
    bytes.escape_ascii().to_string()
}

/// Compares two engines on `batches` batches of each family; returns the number of cases and
/// the report of every difference (empty when they agree).
fn compare_engines(reference: &Engine, tested: &Engine, seed: u64, batches: usize) -> (usize, Vec<String>) {
    let mut rng = Rng(seed);
    let mut cases = 0;
    let mut diffs = Vec::new();
    for family in Family::ALL {
        for b in 0..batches {
            let batch = make_batch(family, &mut rng, BATCH);
            cases += batch.cases.len();
            let want = run_batch(reference, &batch.program).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                want.len(),
                batch.cases.len(),
                "{} did not finish {family:?} batch {b} (seed {seed:#x})",
                reference.describe()
            );
            let got = run_batch(tested, &batch.program).unwrap_or_else(|e| panic!("{e}"));
            diffs.extend(diff_results(&format!("{family:?} batch {b}"), &batch.cases, &want, &got));
        }
    }
    (cases, diffs)
}

/// One line per case whose results differ; a missing result ends the list (the program
/// stopped there, and every later case is missing too).
fn diff_results(label: &str, cases: &[String], want: &[Vec<u8>], got: &[Vec<u8>]) -> Vec<String> {
    let mut diffs = Vec::new();
    for (i, (case, w)) in cases.iter().zip(want).enumerate() {
        match got.get(i) {
            Some(g) if g == w => {}
            Some(g) => diffs.push(format!(
                "{label} case {i}: pcall({case})\n  luajit: {}\n  tested: {}",
                show(w),
                show(g)
            )),
            None => {
                diffs.push(format!(
                    "{label} case {i}: pcall({case})\n  luajit: {}\n  tested: (no result: the program \
                     stopped here; {} later cases not run)",
                    show(w),
                    cases.len() - i - 1
                ));
                break;
            }
        }
    }
    diffs
}

fn seed() -> u64 {
    let seed = match std::env::var("TWIN_PROPERTY_SEED") {
        Ok(s) => {
            let s = s.trim();
            let parsed = match s.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => s.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("TWIN_PROPERTY_SEED={s} is not a number"))
        }
        Err(_) => DEFAULT_SEED,
    };
    eprintln!("stdlib property seed: {seed:#x} (set TWIN_PROPERTY_SEED to replay or vary)");
    seed
}

/// `luajit -joff`, or `None` after saying why the test is skipped.
fn luajit() -> Option<Engine> {
    match Command::new("luajit").arg("-v").output() {
        Ok(o) if o.status.success() => Some(Engine::new("luajit", &["-joff"])),
        _ => {
            eprintln!("skipping: luajit is not on PATH (ci/setup installs it)");
            None
        }
    }
}

fn report(seed: u64, cases: usize, diffs: &[String], tested: &Engine) -> String {
    let mut msg = format!(
        "{} of {cases} cases differ between luajit -joff and {} (seed {seed:#x}); the first ones:\n",
        diffs.len(),
        tested.describe()
    );
    for d in diffs.iter().take(15) {
        msg.push_str(d);
        msg.push('\n');
    }
    msg
}

#[test]
fn twin_lua_matches_luajit_on_random_string_and_number_cases() {
    let Some(reference) = luajit() else { return };
    let seed = seed();
    let tested = Engine::new(twin_lua(), &["-joff"]);
    let (cases, diffs) = compare_engines(&reference, &tested, seed, 4);
    assert!(cases >= 6000);
    assert!(diffs.is_empty(), "{}", report(seed, cases, &diffs, &tested));
}

/// The generator and the runner themselves, with luajit on both sides: every case yields a
/// result, runs agree, and each family produces successes as well as errors.
#[test]
fn generator_and_runner_on_luajit_against_itself() {
    let Some(reference) = luajit() else { return };
    let seed = seed();
    let (cases, diffs) = compare_engines(&reference, &reference, seed, 1);
    assert_eq!(cases, 3 * BATCH);
    assert!(diffs.is_empty(), "{}", report(seed, cases, &diffs, &reference));

    let mut rng = Rng(seed ^ 1);
    for family in Family::ALL {
        let batch = make_batch(family, &mut rng, BATCH);
        let results = run_batch(&reference, &batch.program).unwrap_or_else(|e| panic!("{e}"));
        let ok = results.iter().filter(|r| r.starts_with(b"true")).count();
        let failed = results.iter().filter(|r| r.starts_with(b"false")).count();
        assert_eq!(ok + failed, BATCH, "{family:?}: every result starts with pcall's status");
        assert!(ok > BATCH / 2, "{family:?}: only {ok} of {BATCH} cases succeed");
        assert!(failed > 0, "{family:?}: no case raises an error");
    }
}

/// A difference in one case is reported with that case, and a program that stops early is
/// reported at the first missing case.
#[test]
fn differences_are_reported_per_case() {
    let Some(reference) = luajit() else { return };
    // luajit with string.format sabotaged for one format, by a chunk run before the script.
    let sabotage = "local f = string.format \
                    string.format = function(s, ...) if s == '%5d' then return 'X' end return f(s, ...) end";
    let sabotaged = Engine::new("luajit", &["-joff", "-e", sabotage]);
    let mut batch = make_batch(Family::Format, &mut Rng(7), 20);
    batch.program.push_str("R(pcall(string.format, \"%5d\", 1))\n");
    batch.cases.push("string.format, \"%5d\", 1".into());
    let want = run_batch(&reference, &batch.program).unwrap_or_else(|e| panic!("{e}"));
    let got = run_batch(&sabotaged, &batch.program).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((want.len(), got.len()), (21, 21));
    assert_eq!(want[20], b"true\ts:    1");
    let diffs = diff_results("t", &batch.cases, &want, &got);
    assert_eq!(
        diffs,
        ["t case 20: pcall(string.format, \"%5d\", 1)\n  luajit: true\\ts:    1\n  tested: true\\ts:X"]
    );

    let stopped = diff_results("t", &batch.cases, &want, &want[..10]);
    assert_eq!(stopped.len(), 1);
    assert!(
        stopped[0].starts_with("t case 10: ")
            && stopped[0].ends_with("(no result: the program stopped here; 10 later cases not run)")
    );
}

#[test]
fn generation_is_deterministic_per_seed() {
    let a = make_batch(Family::Pattern, &mut Rng(42), 50).program;
    let b = make_batch(Family::Pattern, &mut Rng(42), 50).program;
    let c = make_batch(Family::Pattern, &mut Rng(43), 50).program;
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn generated_strings_never_contain_the_marker_byte() {
    let mut rng = Rng(3);
    for family in Family::ALL {
        let batch = make_batch(family, &mut rng, 2000);
        assert!(!batch.program.contains("\\001"), "{family:?} emitted byte 1");
    }
}

#[test]
fn lua_literals() {
    assert_eq!(lua_str(b"a\"b\\c\n\0\xff"), r#""a\"b\\c\010\000\255""#);
    assert_eq!(lua_num(0.1), "(1e-1)");
    assert_eq!(lua_num(-2.5e-300), "(-2.5e-300)");
    assert_eq!(lua_num(-0.0), "(-0.0)");
    assert_eq!(lua_num(f64::NAN), "(0/0)");
    assert_eq!(lua_num(f64::NEG_INFINITY), "(-1/0)");
    assert_eq!(split_results(b"a\x01END\x01\n\x01END\x01\nrest"), vec![b"a".to_vec(), Vec::new()]);
}

/// Number literals read back exactly: luajit prints each with %a-like precision and the
/// printed value parses back to the same bits.
#[test]
fn number_literals_round_trip_through_luajit() {
    let Some(reference) = luajit() else { return };
    let mut rng = Rng(11);
    let values: Vec<f64> = (0..300).map(|_| edge_number(&mut rng)).filter(|x| x.is_finite()).collect();
    let mut program = String::from(PRELUDE);
    for x in &values {
        let _ = writeln!(program, "R(string.format(\"%.17g\", {}))", lua_num(*x));
    }
    let results = run_batch(&reference, &program).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(results.len(), values.len());
    for (x, r) in values.iter().zip(&results) {
        let text = std::str::from_utf8(r).expect("ASCII").strip_prefix("s:").expect("a string");
        let back: f64 = text.parse().expect("a decimal number");
        assert_eq!(back.to_bits(), x.to_bits(), "{} printed as {text}", lua_num(*x));
    }
}
