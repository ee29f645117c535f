//! The corpus: generator inputs worth coming back to, and how to vary them.
//!
//! Generated programs are cheap, but a program that reached something new
//! is a better starting point than a random one: the generator maps small
//! byte changes to small program changes (each family instance draws from its
//! own share of the bytes), so mutating the bytes of an interesting program
//! explores its neighbourhood. An input is interesting when its program
//!
//! * produced a signature never seen before (a new divergence, crash, gap), or
//! * made the JIT do something new, read from the engine's `-jv` log: a trace
//!   shape token not seen before (see [`shape_tokens`]). This is the
//!   campaign's coverage signal, in the JIT's own terms.
//!
//! Entries are generator bytes, stored as `<instance>/corpus/<program id>.bin`
//! (atomically) and shared with other instances (see [`crate::sync`]).
//! Mutations are seeded from the campaign seed and the program number, so
//! with one job and no other instances a campaign replays exactly.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use twin_gen::SplitMix64;

use crate::engine::Engine;

/// One corpus input.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct Corpus {
    entries: Vec<Entry>,
    ids: BTreeSet<String>,
    shapes: BTreeSet<String>,
}

impl Corpus {
    /// The entries stored in `dir` (unreadable ones skipped).
    pub fn load(dir: &Path) -> Corpus {
        let mut c = Corpus::default();
        let Ok(rd) = std::fs::read_dir(dir) else { return c };
        let mut paths: Vec<_> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "bin"))
            .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(bytes) = std::fs::read(&p) {
                let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                c.insert(id, bytes);
            }
        }
        c
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an entry in memory; false if its id is known.
    pub fn insert(&mut self, id: String, bytes: Vec<u8>) -> bool {
        if !self.ids.insert(id.clone()) {
            return false;
        }
        self.entries.push(Entry { id, bytes });
        true
    }

    /// Adds an entry and stores it in `dir`.
    pub fn keep(&mut self, dir: &Path, id: &str, bytes: &[u8]) -> std::io::Result<()> {
        if self.insert(id.to_string(), bytes.to_vec()) {
            crate::findings::write_atomic(&dir.join(format!("{id}.bin")), bytes)?;
        }
        Ok(())
    }

    /// Records a run's shape tokens; true if any was new.
    pub fn novel_shapes(&mut self, tokens: BTreeSet<String>) -> bool {
        let before = self.shapes.len();
        self.shapes.extend(tokens);
        self.shapes.len() > before
    }

    pub fn shapes_seen(&self) -> usize {
        self.shapes.len()
    }

    /// A mutation of some entry, chosen and mutated by `rng_seed`: the
    /// parent's id and the new bytes. `None` when the corpus is empty.
    pub fn mutate(&self, rng_seed: u64) -> Option<(String, Vec<u8>)> {
        if self.entries.is_empty() {
            return None;
        }
        let mut rng = SplitMix64::new(rng_seed);
        let mut below = |n: usize| (rng.next_u64() % n.max(1) as u64) as usize;
        let parent = &self.entries[below(self.entries.len())];
        let other = self.entries[below(self.entries.len())].bytes.clone();
        let mut b = parent.bytes.clone();
        if b.is_empty() {
            b.push(0);
        }
        for _ in 0..1 + below(6) {
            let len = b.len();
            match below(6) {
                // Bit flip and byte overwrite: the smallest program changes.
                0 => b[below(len)] ^= 1 << below(8),
                1 => b[below(len)] = below(256) as u8,
                // Overwrite a run: re-draws part of one family instance.
                2 => {
                    let at = below(len);
                    for x in b.iter_mut().skip(at).take(1 + below(32)) {
                        *x = below(256) as u8;
                    }
                }
                // Duplicate or drop a chunk: shifts later instances' shares.
                3 => {
                    let at = below(len);
                    let chunk: Vec<u8> = b[at..(at + 1 + below(64)).min(len)].to_vec();
                    let to = below(len);
                    b.splice(to..to, chunk);
                }
                4 if len > 64 => {
                    let at = below(len - 32);
                    b.drain(at..(at + 1 + below(32)).min(len));
                }
                // Splice: head of this input, tail of another.
                _ => {
                    let cut = below(len);
                    let from = below(other.len());
                    b.truncate(cut);
                    b.extend_from_slice(&other[from.min(other.len())..]);
                }
            }
            if b.is_empty() {
                b.push(0);
            }
        }
        Some((parent.id.clone(), b))
    }
}

/// The trace shape tokens of a `-jv` log: for each compiled trace, root or
/// side and how it ends (`loop`, a link to another trace, `return`,
/// `up-recursion`, `down-recursion`, `tail-recursion`, `interpreter`,
/// `stitch`); for each abort its reason with numbers and places removed; and
/// the trace count's power-of-two bucket. Shapes ignore line numbers and
/// trace numbers, so a token is new only when the JIT did something of a new
/// kind.
pub fn shape_tokens(log: &str) -> BTreeSet<String> {
    let mut tokens = BTreeSet::new();
    let mut traces = 0u32;
    for line in log.lines() {
        let Some(rest) = line.trim_start().strip_prefix("[TRACE") else { continue };
        let rest = rest.trim().trim_end_matches(']');
        if let Some(abort) = rest.strip_prefix("---") {
            let reason = abort.split_once(" -- ").map_or("", |(_, r)| r);
            let reason = reason.split(" at ").next().unwrap_or(reason);
            tokens.insert(format!("abort:{}", crate::verdict::normalise(reason)));
            continue;
        }
        let words: Vec<&str> = rest.split_whitespace().collect();
        if words.first().is_none_or(|n| n.parse::<u32>().is_err()) {
            continue;
        }
        traces += 1;
        let side = words.get(1).is_some_and(|w| w.starts_with('(') && w.contains('/'));
        let place = if side { 3 } else { 2 };
        let end = match words.get(place) {
            Some(&"->") => "link",
            Some(w) => w,
            None => "-",
        };
        tokens.insert(format!("{}:{end}", if side { "side" } else { "root" }));
    }
    if traces > 0 {
        tokens.insert(format!("traces>={}", 1u32 << traces.ilog2()));
    }
    tokens
}

/// Traces compiled according to a `-jv` log.
pub fn trace_count(log: &str) -> u32 {
    twin_gen::stats::parse_jv(log).traces
}

/// Runs programs once more under an engine with `-jv`, one process each, to
/// read the JIT's trace log (the persistent workers do not report it).
pub struct TraceLog {
    argv: Vec<String>,
    env: Vec<(String, String)>,
    timeout: Duration,
}

impl TraceLog {
    /// A trace logger for `engine`, if the engine understands `-jv` (checked
    /// by running a loop that any tracing JIT compiles).
    pub fn for_engine(engine: &Engine) -> Option<TraceLog> {
        let argv = engine.argv().ok()?;
        let mut env: Vec<(String, String)> = engine.env.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        if let Some(h) = crate::engine::ffi_helper_for(engine) {
            env.push(("TWIN_FFI_HELPER".into(), h));
        }
        let t = TraceLog { argv, env, timeout: Duration::from_millis(engine.timeout_ms) };
        let log = t.run("local s = 0 for i = 1, 1000 do s = s + i end")?;
        log.contains("[TRACE").then_some(t)
    }

    /// The `-jv` log of one run of `program` (`None` if it could not run or
    /// timed out).
    pub fn run(&self, program: &str) -> Option<String> {
        let (prog, args) = self.argv.split_first()?;
        let mut child = Command::new(prog)
            .args(args)
            .args(["-jv", "-e", "TWIN_FFI_HELPER = os.getenv('TWIN_FFI_HELPER')", "-"])
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .ok()?;
        let mut stdin = child.stdin.take()?;
        let mut stderr = child.stderr.take()?;
        let text = program.to_string();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        });
        let reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = stderr.by_ref().take(4 << 20).read_to_end(&mut s);
            s
        });
        let deadline = Instant::now() + self.timeout;
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let _ = (writer.join(), reader.join());
                    return None;
                }
            }
        }
        let _ = writer.join();
        let log = reader.join().ok()?;
        Some(String::from_utf8_lossy(&log).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "[TRACE   1 prog:2 loop]\n[TRACE   2 (1/1) prog:2 -> 1]\n\
        [TRACE --- (1/6) prog:3 -- call unroll limit reached at prog:1]\n[TRACE   4 prog:1 up-recursion]\n\
        [TRACE  11 (9/1) prog:1 stitch print]\n[TRACE --- prog:4 -- NYI: bytecode 51]\nhello\n";

    #[test]
    fn shape_tokens_name_kinds_not_places() {
        let t: Vec<String> = shape_tokens(LOG).into_iter().collect();
        assert_eq!(
            t,
            [
                "abort:NYI: bytecode N",
                "abort:call unroll limit reached",
                "root:loop",
                "root:up-recursion",
                "side:link",
                "side:stitch",
                "traces>=4",
            ]
        );
        assert_eq!(trace_count(LOG), 4);
        assert!(shape_tokens("no traces").is_empty());
    }

    #[test]
    fn mutation_is_seeded_and_novelty_is_remembered() {
        let mut c = Corpus::default();
        assert!(c.mutate(1).is_none());
        assert!(c.insert("a".into(), (0..200u8).collect()));
        assert!(!c.insert("a".into(), vec![]));
        let (p, x) = c.mutate(7).unwrap();
        assert_eq!(p, "a");
        assert_eq!(c.mutate(7).unwrap().1, x);
        assert_ne!(x, (0..200u8).collect::<Vec<_>>());
        assert!(c.novel_shapes(shape_tokens(LOG)));
        assert!(!c.novel_shapes(shape_tokens(LOG)));
    }
}
