//! The sandbox: what changes when a state is opened with `Options { sandbox: true }`.
//!
//! The harness runs programs from untrusted sources (fuzz corpora of pull requests), so
//! nothing a program does may touch the machine beyond reading files under
//! `Options::allowed_paths` and writing to the output sink. The libraries themselves
//! leave out what cannot be made safe: `os.execute`, `os.exit`, `os.remove`,
//! `os.rename`, `os.tmpname`, `io.popen` and `io.tmpfile` do not exist, and `io`
//! refuses to open files for writing or outside the allowed paths (see
//! [`super::io`]). This module wraps what lives in the base library:
//!
//! * `loadfile` and `dofile` only read files under the allowed paths (and never stdin);
//!   others fail as an unopenable file does: `loadfile` returns `nil, message`,
//!   `dofile` raises the message.
//! * `require`'s Lua searcher (see [`super::package`]) refuses a module file outside
//!   the allowed paths; native libraries are never loaded, sandbox or not.
//!
//! Reading stdin (`io.read`, `io.stdin`, `debug.debug`) sees an empty input.
//!
//! The refusal message is "cannot open <name> (outside the sandbox's allowed paths)".

use super::set_funcs;
use crate::vm::func::{Func, LResult, NativeFn};
use crate::vm::state::State;
use crate::vm::value::*;

/// Installs the wrappers (called by `open_libs` after every library is open).
pub fn apply(st: &mut State) {
    let g = TValue::gc(TAG_TABLE, st.globals);
    for (name, f) in [("loadfile", loadfile as NativeFn), ("dofile", dofile)] {
        let k = st.str_value(name.as_bytes());
        // SAFETY: the globals table is live.
        let orig = unsafe { (*st.globals).get(k) };
        if !orig.is_func() {
            continue;
        }
        set_funcs(st, g, &[(name, f)]);
        // SAFETY: just set to a fresh native closure.
        let w = unsafe { (*st.globals).get(k) };
        // SAFETY: `w` is the live closure just created; keep the original as upvalue.
        unsafe { (*w.ptr::<Func>()).cuvs = vec![orig] };
    }
}

/// The refusal for reading `name` (None: allowed; always allowed outside the sandbox).
pub(super) fn refusal(st: &State, name: Option<&[u8]>) -> Option<String> {
    if !st.lib.options.sandbox {
        return None;
    }
    let shown = match name {
        Some(p) if super::io::path_allowed(&st.lib.options.allowed_paths, p) => return None,
        Some(p) => String::from_utf8_lossy(p).into_owned(),
        None => "stdin".to_string(),
    };
    Some(format!("cannot open {shown} (outside the sandbox's allowed paths)"))
}

fn path_of(st: &mut State) -> LResult<Option<Vec<u8>>> {
    if st.arg(1).is_nil() {
        return Ok(None);
    }
    super::os::path_arg(st, 1).map(Some)
}

/// Calls the wrapped original with this call's arguments, returning all its results.
fn delegate(st: &mut State) -> LResult<usize> {
    let orig = st.native_upvalue(0);
    let args: Vec<TValue> = (1..=st.nargs()).map(|i| st.arg(i)).collect();
    let r = st.call_value(orig, &args, usize::MAX)?;
    st.ensure_stack(r.len())?;
    for v in &r {
        st.push(*v)?;
    }
    Ok(r.len())
}

fn loadfile(st: &mut State) -> LResult<usize> {
    let p = path_of(st)?;
    if let Some(m) = refusal(st, p.as_deref()) {
        let m = st.str_value(m.as_bytes());
        st.push(TValue::NIL)?;
        st.push(m)?;
        return Ok(2);
    }
    delegate(st)
}

fn dofile(st: &mut State) -> LResult<usize> {
    let p = path_of(st)?;
    if let Some(m) = refusal(st, p.as_deref()) {
        let m = st.str_value(m.as_bytes());
        return Err(st.throw_value(m));
    }
    delegate(st)
}
