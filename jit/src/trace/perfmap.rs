//! `-jperf`: names for trace code in Linux `perf` profiles.
//!
//! `perf report` shows samples in anonymous executable memory as bare addresses
//! (`[JIT] tid N  0x7f...`), which says nothing about which trace is hot. `perf` looks
//! for a symbol file `/tmp/perf-<pid>.map` of the profiled process, one line per
//! symbol:
//!
//! ```text
//!   <start, hex> <size, hex> <name to end of line>
//!   7f1da6f3b000 4c0 TRACE_3 bench/programs/hash.lua:12
//! ```
//!
//! so with `-jperf` each compiled trace is written there when it is installed, named
//! `TRACE_<n>` and its start location, as `-jv` prints it. The map is append-only: a
//! flushed trace's line stays, and a later trace may reuse its address; `perf` takes the
//! newest line for an address, which is the trace that was live at the end. Samples
//! taken before a reuse are attributed to the newer trace (flushes are rare in a
//! profile worth reading).
//!
//! The file is opened when `-jperf` is given and writes are unbuffered (one `write` per
//! trace), so a crash loses no line. A failure to open or write is reported once on
//! stderr and disables the map: profiling must never change what the program does.

use std::fs::File;
use std::io::Write;

pub struct PerfMap {
    file: Option<File>,
}

impl PerfMap {
    /// Opens (truncating) `/tmp/perf-<pid>.map`.
    pub fn open() -> PerfMap {
        let path = format!("/tmp/perf-{}.map", std::process::id());
        match File::create(&path) {
            Ok(file) => PerfMap { file: Some(file) },
            Err(e) => {
                eprintln!("twin-lua: -jperf: cannot create {path}: {e}");
                PerfMap { file: None }
            }
        }
    }

    /// Names `len` bytes of code at `start`.
    pub fn add(&mut self, start: u64, len: usize, name: &str) {
        let Some(f) = &mut self.file else { return };
        if let Err(e) = f.write_all(line(start, len, name).as_bytes()) {
            eprintln!("twin-lua: -jperf: {e}; no more trace names");
            self.file = None;
        }
    }
}

/// One map line. A name must not break the line: a newline in a chunk name would
/// start a bogus entry.
fn line(start: u64, len: usize, name: &str) -> String {
    let name: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("{start:x} {len:x} {name}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_hex_start_hex_size_and_the_name() {
        assert_eq!(line(0x7f00_1000, 0x4c0, "TRACE_3 a.lua:12"), "7f001000 4c0 TRACE_3 a.lua:12\n");
    }

    #[test]
    fn control_characters_in_a_name_cannot_start_a_new_line() {
        assert_eq!(line(16, 1, "TRACE_1 [string \"a\nb\"]:1"), "10 1 TRACE_1 [string \"a b\"]:1\n");
    }

    #[test]
    fn the_map_is_named_after_this_process() {
        let mut m = PerfMap::open();
        m.add(0x1000, 0x20, "TRACE_1 t.lua:1");
        let path = format!("/tmp/perf-{}.map", std::process::id());
        let text = std::fs::read_to_string(&path).expect("written");
        let _ = std::fs::remove_file(&path);
        assert_eq!(text, "1000 20 TRACE_1 t.lua:1\n");
    }
}
