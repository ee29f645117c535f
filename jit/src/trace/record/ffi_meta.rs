//! Recording `ffi.metatype` metamethods: what a cdata's metatype does where the C
//! type itself has no answer, in the image of LuaJIT's `lj_crecord.c` (`crec_tv_ct`'s
//! metatype lookup, `lj_crecord_index`'s metatype path, `crec_arith_meta`).
//!
//! The interpreter reaches a metatype through the natives of the cdata metatable
//! (`ffi::lib::mm_index`, `mm_add`, ...), which the instruction calls through a
//! continuation frame (`record::meta`'s essay). A native that finds a metatype
//! function ends with `State::tail_call`, as LuaJIT's `lj_meta_tailcall`: the function
//! takes over the native's slot and link, so the frames are exactly those of a table
//! metamethod called through a continuation frame. The recorder therefore skips the
//! native and calls the metatype function with `record::meta`'s `mm_call`: the same
//! slots, the same continuation data, the same return path (`record_cont_ret`), and
//! an exit inside the function rebuilds what the interpreter has.
//!
//! ```text
//!   interpreter:  TGETS -> cont frame | mm_index (native) | args  -- tail_call -->
//!                          cont frame | __index (Lua)     | args
//!   trace:        TGETS -> cont frame | __index (Lua)     | args   (mm_call)
//! ```
//!
//! Decisions, as the natives take them:
//!
//! * A key the C type answers (a field, an element, a `static const`) never reaches
//!   the metatype: `ffi_data` decides it from the guarded ctype. For a pointer or a
//!   reference the metatype is the pointee's (`ffi::lib::metatype_of`).
//! * The metatype of a ctype is fixed once given (`ffi.metatype` refuses a second one
//!   and flushes all traces), so it is a constant of the trace behind the operand's
//!   `CDTYPE` guard. Its fields are not: each metamethod is loaded from it on trace
//!   (`TGET` of the constant table) and guarded to the type it has now, a function to
//!   the prototype inlined (`mm_call`'s `EQPROTO`).
//! * Arithmetic and comparisons are the built-in C operations wherever those apply
//!   (integers, pointers: `State::cdata_arith_builtin`, `cdata_compare`,
//!   `cdata_eq_builtin`), as in LuaJIT's `lj_carith_op`; only otherwise does a
//!   metatype answer. Operations of two operands try the first cdata operand's
//!   metatype, then the second's (`try_metatype`). `__eq` of a struct sees every
//!   equality test with it (the same object, a string constant, nil), as LuaJIT's.
//! * `__len` gets the cdata alone; `__concat` is reached from `record_concat` where
//!   the operand whose metamethod applies is a cdata; `__call` replaces the callee in
//!   an ordinary call frame with the cdata as its first argument, as `precall` does.
//! * An `__index`/`__newindex` table is walked as a table's own chain
//!   (`record_index`/`record_newindex`); an `__index` table that lacks the key is the
//!   interpreter's "no member" error: the recording aborts there.
//!
//! What aborts: metamethods that are natives or other non-functions to be called
//! (`mm_call`'s NYIs), every error (a missing member, no metamethod where one is
//! needed), `__new` (constructor calls of ctype objects are not recorded), and
//! `__tostring` (`tostring` of a cdata is not recorded).

use super::*;
use crate::ffi::lib::metatype_of;

impl Recorder {
    /// Metamethod `name` of the metatype of cdata `lv` (whose ctype the caller has
    /// guarded), loaded on trace and guarded to its present type; None (guarded nil)
    /// when the metatype lacks it, None without a guard when there is no metatype.
    fn metatype_field(
        &mut self,
        st: &mut State,
        lv: TValue,
        name: &[u8],
    ) -> Result<Option<(Val, TValue)>, Abort> {
        let mt = metatype_of(st, lv);
        if !mt.is_table() {
            return Ok(None);
        }
        let kname = st.str_value(name);
        // SAFETY: a table value points at a live table.
        let live = unsafe { (*mt.ptr::<Table>()).get(kname) };
        let (kmt, kn) = (self.ir.kval(mt), self.ir.kval(kname));
        let s = self.snap()?;
        let r = self.ir.emit(IrOp::TGET, IrType::Any, kmt, kn, REF_NONE, 0, s);
        let r = self.typed(r, live)?;
        Ok((!live.is_nil()).then_some((r, live)))
    }

    /// `try_metatype` on trace: the metamethod `name` of the first of the cdata among
    /// `ops` that has one, called with `args` through a continuation frame carrying
    /// `data`. Whether it was called.
    pub(super) fn metatype_call(
        &mut self,
        st: &mut State,
        name: &[u8],
        ops: &[(Val, TValue)],
        args: &[IrRef],
        data: f64,
    ) -> Result<bool, Abort> {
        self.metatype_call_at(st, name, ops, args, data, self.cur_pc)
    }

    /// `metatype_call` for the instruction at `pc` of the innermost frame (a
    /// concatenation resumed by a continuation).
    pub(super) fn metatype_call_at(
        &mut self,
        st: &mut State,
        name: &[u8],
        ops: &[(Val, TValue)],
        args: &[IrRef],
        data: f64,
        pc: usize,
    ) -> Result<bool, Abort> {
        for &(v, lv) in ops {
            if lv.tag() != TAG_CDATA {
                continue;
            }
            self.cd_guard(v, lv)?;
            if let Some((m, mv)) = self.metatype_field(st, lv, name)? {
                self.mm_call_at(st, m, mv, args, data, pc)?;
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `A = #v` of cdata `v`: the metatype's `__len` (`ffi::lib::mm_len`), called
    /// with `v` alone; without one it is an error.
    pub(super) fn record_cdata_len(&mut self, st: &mut State, v: Val, lv: TValue) -> Result<(), Abort> {
        if self.metatype_call(st, b"__len", &[(v, lv)], &[v.0], 0.0)? {
            return Ok(());
        }
        nyi!("length of cdata")
    }

    /// `CALL A` of cdata: its metatype's `__call` with the cdata as the first argument
    /// (`ffi::lib::mm_call` ends in it, as the interpreter's `precall` makes the call:
    /// an ordinary frame). False, with nothing recorded, when there is no metatype
    /// (a C function call); a metatype without `__call` aborts (an error).
    pub(super) fn record_metatype_call_op(
        &mut self,
        st: &mut State,
        a: i32,
        nargs: i32,
        retpc: usize,
    ) -> Result<bool, Abort> {
        let lv = self.live(st, a);
        if !metatype_of(st, lv).is_table() {
            return Ok(false);
        }
        let o = self.get(st, a)?;
        self.cd_guard(o, lv)?;
        let Some((m, mv)) = self.metatype_field(st, lv, b"__call")? else {
            nyi!("call of cdata without __call");
        };
        self.call_with_self(st, o, m, mv, a, nargs, retpc)?;
        Ok(true)
    }

    /// `A = t[k]` for a key that is no member of cdata `t` (its ctype guarded): the
    /// metatype's `__index`, as `ffi::lib::metatype_index`.
    pub(super) fn record_metatype_index(
        &mut self,
        st: &mut State,
        t: Val,
        tv: TValue,
        k: (IrRef, TValue),
        a: i32,
    ) -> Result<(), Abort> {
        let Some((m, mv)) = self.metatype_field(st, tv, b"__index")? else {
            nyi!("indexing cdata with a missing key");
        };
        if mv.is_func() {
            return self.mm_call(st, m, mv, &[t.0, k.0], 0.0);
        }
        // The chain's answer now: a value, a function to call, or nil (the error).
        match st.index_resolve(mv, k.1, None) {
            Ok(crate::vm::meta::Resolved::Value(v)) if v.is_nil() => nyi!("missing cdata member"),
            Ok(_) => self.record_index(st, m, mv, k, a),
            Err(_) => nyi!("error in __index chain"),
        }
    }

    /// `t[k] = v` for a key that is no member of cdata `t` (its ctype guarded): the
    /// metatype's `__newindex`.
    pub(super) fn record_metatype_newindex(
        &mut self,
        st: &mut State,
        t: Val,
        tv: TValue,
        k: (IrRef, TValue),
        v: Val,
    ) -> Result<(), Abort> {
        let Some((m, mv)) = self.metatype_field(st, tv, b"__newindex")? else {
            nyi!("cdata store to a missing key");
        };
        if mv.is_func() {
            return self.mm_call(st, m, mv, &[t.0, k.0, v.0], 0.0);
        }
        self.record_newindex(st, m, mv, k, v)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::traces_cleanly;

    #[test]
    fn metatype_functions_record_behind_continuation_frames() {
        traces_cleanly(
            "local ffi = require('ffi') local T T = ffi.metatype('struct { int32_t n; }', { \
             __index = function(s, k) return #k + s.n end, __newindex = function(s, k, v) s.n = v end, \
             __add = function(a, b) return a.n + b end, __unm = function(a) return -a.n end, \
             __lt = function(a, b) return a.n < b.n end, __le = function(a, b) return a.n <= b.n end, \
             __eq = function(a, b) return type(b) == 'cdata' and a.n == b.n end, \
             __len = function(a) return 3 end, __call = function(a, x) return a.n * x end, \
             __concat = function(a, b) return 'c' .. (type(b) == 'string' and b or '') end }) \
             local a, b = T(1), T(2) local s, r = 0, '' for i = 1, 60 do a.m = i % 5 \
             s = s + a.key + (a + i) + -a + #a + a(2) if a < b then s = s + 1 end \
             if a <= b then s = s + 2 end if a == b then s = s + 4 end if a == a then s = s + 8 end \
             r = a .. 'x' end return s .. r",
        );
    }

    #[test]
    fn metatype_tables_fields_first_and_pointees_record() {
        traces_cleanly(
            "local ffi = require('ffi') ffi.cdef[[typedef struct { double x; } mtp_t;]] local sh = {} \
             local T = ffi.metatype('mtp_t', { __index = { x = 'never', get = function(s) return s.x end }, \
             __newindex = sh }) local v = T(3) local p = ffi.cast('mtp_t *', v) local s = 0 \
             for i = 1, 60 do v.x = i v.y = i p.z = i s = s + v.x + v:get() + sh.y + p:get() + sh.z end \
             return tostring(s)",
        );
    }
}
