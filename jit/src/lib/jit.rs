//! The `jit` library, answering honestly while twin-lua has no JIT compiler.
//!
//! * `jit.version` names twin-lua (`"twin-lua 0.1.0"`); `jit.version_num` stays numeric
//!   and says which LuaJIT API level is implemented (20100, as LuaJIT 2.1.0).
//! * `jit.status()` returns `false`: no trace compiler runs, whatever `jit.on()` asked.
//!   It returns no CPU or optimisation flags, since none is in effect.
//! * `jit.on`/`jit.off`/`jit.flush` check their arguments as LuaJIT does (nothing, or a
//!   Lua function and an optional boolean) and record the global mode in
//!   [`JitSettings::enabled`]; per-function modes are accepted and not recorded.
//! * `jit.opt.start(...)` accepts LuaJIT's arguments (a level digit, `[+-]flag`,
//!   `noflag`, `param=number`) and rejects others with LuaJIT's "unknown or malformed
//!   optimization flag" error; the result is kept in [`JitSettings`] for the compiler
//!   to come.
//! * `jit.os` and `jit.arch` describe the host with LuaJIT's names.

use std::collections::BTreeMap;

use super::{register_lib, set_funcs, str_bytes};
use crate::vm::func::{Func, LResult};
use crate::vm::state::State;
use crate::vm::value::*;

/// LuaJIT's optimisation flags, in its order.
pub const FLAGS: [&str; 10] = ["fold", "cse", "dce", "fwd", "dse", "narrow", "loop", "abc", "sink", "fuse"];

/// LuaJIT's optimisation parameters and their defaults.
pub const PARAMS: [(&str, i32); 15] = [
    ("maxtrace", 1000),
    ("maxrecord", 4000),
    ("maxirconst", 500),
    ("maxside", 100),
    ("maxsnap", 500),
    ("minstitch", 0),
    ("hotloop", 56),
    ("hotexit", 10),
    ("tryside", 4),
    ("instunroll", 4),
    ("loopunroll", 15),
    ("callunroll", 3),
    ("recunroll", 2),
    ("sizemcode", 32),
    ("maxmcode", 512),
];

/// What the `jit` library was told, for the compiler to honour once it exists.
#[derive(Clone, Debug)]
pub struct JitSettings {
    /// `jit.on()` / `jit.off()` (on by default, as in LuaJIT).
    pub enabled: bool,
    /// Optimisation flags that are on, by name.
    pub flags: Vec<&'static str>,
    /// Parameter values, by name.
    pub params: BTreeMap<&'static str, i32>,
}

impl Default for JitSettings {
    fn default() -> Self {
        let mut s = JitSettings { enabled: true, flags: Vec::new(), params: BTreeMap::new() };
        s.set_level(3);
        s.params = PARAMS.iter().copied().collect();
        s
    }
}

impl JitSettings {
    /// `-O<level>`: level 0 none, 1 fold/cse/dce, 2 adds fwd..abc, 3 everything.
    pub fn set_level(&mut self, level: u8) {
        let n = match level {
            0 => 0,
            1 => 3,
            2 => 8,
            _ => FLAGS.len(),
        };
        self.flags = FLAGS[..n].to_vec();
    }

    /// Applies one `jit.opt.start` / `-O` argument; false if it is not valid.
    pub fn apply(&mut self, opt: &str) -> bool {
        let b = opt.as_bytes();
        if b.len() == 1 && b[0].is_ascii_digit() {
            self.set_level(b[0] - b'0');
            return true;
        }
        let (on, name) = match b.first() {
            Some(b'+') => (true, &opt[1..]),
            Some(b'-') => (false, &opt[1..]),
            _ => match opt.strip_prefix("no") {
                Some(rest) if FLAGS.contains(&rest) => (false, rest),
                _ => (true, opt),
            },
        };
        if let Some(&f) = FLAGS.iter().find(|&&f| f == name) {
            self.flags.retain(|&x| x != f);
            if on {
                self.flags.push(f);
                self.flags.sort_by_key(|x| FLAGS.iter().position(|y| y == x));
            }
            return true;
        }
        if let Some((k, v)) = opt.split_once('=')
            && let Some(&(p, _)) = PARAMS.iter().find(|(p, _)| *p == k)
            && !v.is_empty()
            && v.bytes().all(|c| c.is_ascii_digit())
            && let Ok(n) = v.parse::<i32>()
        {
            self.params.insert(p, n);
            return true;
        }
        false
    }
}

pub fn open(st: &mut State) {
    let j = register_lib(
        st,
        "jit",
        &[("on", on), ("off", off), ("flush", flush), ("status", status), ("attach", attach)],
    );
    let version = format!("twin-lua {}", env!("CARGO_PKG_VERSION"));
    let os = match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "OSX",
        "windows" => "Windows",
        "freebsd" | "netbsd" | "openbsd" | "dragonfly" => "BSD",
        _ => "Other",
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "x86",
        "arm" => "arm",
        other => other,
    };
    for (k, v) in [("version", version.as_str()), ("os", os), ("arch", arch)] {
        let (k, v) = (st.str_value(k.as_bytes()), st.str_value(v.as_bytes()));
        st.raw_set(j, k, v);
    }
    let k = st.str_value(b"version_num");
    st.raw_set(j, k, TValue::number(20100.0));
    let opt = st.new_table(0, 1);
    set_funcs(st, opt, &[("start", opt_start)]);
    let k = st.str_value(b"opt");
    st.raw_set(j, k, opt);
    if let Some(loaded) = super::package_loaded(st) {
        let k = st.str_value(b"jit.opt");
        st.raw_set(loaded, k, opt);
    }
}

/// Checks `jit.on/off/flush`'s arguments: nothing/nil (the whole engine), or a Lua
/// function with an optional recursion flag. Returns whether it was global.
fn mode_args(st: &mut State) -> LResult<bool> {
    let a = st.arg(1);
    if st.nargs() == 0 || a.is_nil() {
        return Ok(true);
    }
    // `true`: the function that called jit.on/off/flush, if it is Lua code.
    if a == TValue::TRUE && st.frames().get(1).is_some_and(|f| f.proto().is_some()) {
        return Ok(false);
    }
    // SAFETY: function values point at live closures.
    if a.is_func() && unsafe { (*a.ptr::<Func>()).is_lua() } {
        return Ok(false);
    }
    let got = a.type_of().name();
    Err(st.arg_error(1, &format!("function expected, got {got}")))
}

fn on(st: &mut State) -> LResult<usize> {
    if mode_args(st)? {
        st.lib.jit.enabled = true;
    }
    Ok(0)
}

fn off(st: &mut State) -> LResult<usize> {
    if mode_args(st)? {
        st.lib.jit.enabled = false;
    }
    Ok(0)
}

fn flush(st: &mut State) -> LResult<usize> {
    if mode_args(st)? {
        st.trace_flush();
    }
    Ok(0)
}

fn status(st: &mut State) -> LResult<usize> {
    st.ret1(TValue::FALSE)
}

/// `jit.attach(f [, event])`: there are no compiler events to deliver.
fn attach(st: &mut State) -> LResult<usize> {
    st.check_func(1)?;
    Ok(0)
}

fn opt_start(st: &mut State) -> LResult<usize> {
    for i in 1..=st.nargs() {
        let s = st.check_str(i)?;
        // SAFETY: checked string.
        let text = String::from_utf8_lossy(unsafe { str_bytes(s) }).into_owned();
        let mut j = st.lib.jit.clone();
        if !j.apply(&text) {
            return Err(st.caller_error(&format!("unknown or malformed optimization flag '{text}'")));
        }
        st.lib.jit = j;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        // Accepted and rejected as luajit -joff's jit.opt.start does.
        let mut j = JitSettings::default();
        for ok in ["hotloop=10", "+fold", "-fold", "nofold", "fold", "5", "maxmcode=1024", "recunroll=2"] {
            assert!(j.apply(ok), "{ok}");
        }
        for bad in ["bad", "O2", "-O3", "hotloop", "hotloop=x", "maxirconn=0", ""] {
            assert!(!j.apply(bad), "{bad}");
        }
        j.apply("0");
        assert!(j.flags.is_empty());
        j.apply("+cse");
        j.apply("+fold");
        assert_eq!(j.flags, ["fold", "cse"]);
        assert_eq!(j.params["hotloop"], 10);
    }
}
