//! Loading: compiler prototypes become GC prototype objects, and chunks become closures.
//!
//! Each `Proto` turns into a `ProtoObj`: string constants are interned, table
//! constructor templates become (never exposed) tables that `TDUP` copies. Template
//! array entries are indexed as in LuaJIT: `array[i]` is key `i` (slot 0 unused).
//! Loading allocates without a safe point in between, so nothing needs rooting until the
//! closure is stored.

use super::frame::MAX_PC;
use super::func::{Func, ProtoObj};
use super::gc::{GcHeader, GcKind};
use super::state::State;
use super::table::{Table, hsize_nodes};
use super::value::*;
use crate::bytecode::proto::{Const, KValue, Proto, TableTemplate};

impl State {
    fn kvalue(&mut self, k: &KValue) -> TValue {
        match k {
            KValue::Nil => TValue::NIL,
            KValue::False => TValue::FALSE,
            KValue::True => TValue::TRUE,
            KValue::Num(n) => TValue::number(*n),
            KValue::Str(s) => self.str_value(s),
        }
    }

    /// A template table for `TDUP`. The compiler already gives the array part the size
    /// LuaJIT's parser ends up with (`array[i]` is key `i`), which `#` depends on.
    fn template_table(&mut self, tpl: &TableTemplate) -> *mut Table {
        let mut t = Table::new(tpl.array.len(), hsize_nodes(tpl.hash.len()));
        for (i, k) in tpl.array.iter().enumerate() {
            t.array[i] = self.kvalue(k);
        }
        for (k, v) in &tpl.hash {
            let (k, v) = (self.kvalue(k), self.kvalue(v));
            if !k.is_nil() && !k.is_number() || k.is_number() && !k.as_number().is_nan() {
                t.set(k, v);
            }
        }
        self.alloc(t)
    }

    /// Turns a compiler prototype (and its children) into prototype objects.
    pub fn load_proto(&mut self, p: Proto) -> Result<*mut ProtoObj, String> {
        if p.code.len() > MAX_PC {
            return Err("function or expression too complex".into());
        }
        let mut kgc = Vec::with_capacity(p.kgc.len());
        for c in &p.kgc {
            let v = match c {
                Const::Str(s) => self.str_value(s),
                Const::Table(tpl) => TValue::gc(TAG_TABLE, self.template_table(tpl)),
                Const::Int64(_) | Const::UInt64(_) | Const::Complex(..) => {
                    crate::ffi::lib::const_cdata(self, c).ok_or("not enough memory")?
                }
            };
            kgc.push(v);
        }
        let mut protos = Vec::with_capacity(p.protos.len());
        for child in p.protos {
            protos.push(self.load_proto(child)?);
        }
        let obj = ProtoObj {
            hdr: GcHeader::new(GcKind::Proto),
            code: p.code,
            lines: p.lines,
            knum: p.knum.into_iter().map(TValue::number).collect(),
            kgc,
            protos,
            uvdesc: p.uvdesc,
            uvnames: p.uvnames,
            varinfo: p.varinfo,
            numparams: p.numparams,
            is_vararg: p.is_vararg,
            framesize: p.framesize,
            chunkname: p.chunkname,
            linedefined: p.linedefined,
            lastlinedefined: p.lastlinedefined,
            hotkey_base: self.jit.next_hotkey_base(),
        };
        Ok(self.alloc(obj))
    }

    /// A closure of a main-chunk prototype, with environment `env` (the running
    /// thread's environment when null).
    pub fn load_main(&mut self, p: Proto, env: *mut Table) -> Result<TValue, String> {
        let po = self.load_proto(p)?;
        let env = if env.is_null() { self.th().env } else { env };
        let f: *mut Func = self.new_lua_func(po, env);
        // A main chunk has no upvalues in Lua 5.1; give any the compiler declared a
        // fresh closed one so the closure is well formed.
        // SAFETY: `po` and `f` were just allocated.
        let n = unsafe { (*po).uvdesc.len() };
        for _ in 0..n {
            let u = self.new_closed_upval(TValue::NIL);
            // SAFETY: as above.
            unsafe { (*f).uvs.push(u) };
        }
        Ok(TValue::gc(TAG_FUNC, f))
    }
}

impl State {
    /// Parses, compiles and loads source text as a main chunk with environment `env`
    /// (the globals when null). On failure the message is in `errval` (hence the unit
    /// error).
    #[allow(clippy::result_unit_err)]
    pub fn load_source(&mut self, src: &[u8], chunkname: &str, env: *mut Table) -> Result<TValue, ()> {
        if src.first() == Some(&0x1b) {
            return self.load_binary(src, env);
        }
        let r = super::frontend::compile_source(src, chunkname).and_then(|p| self.load_main(p, env));
        match r {
            Ok(f) => Ok(f),
            Err(msg) => {
                self.errval = self.str_value(msg.as_bytes());
                Err(())
            }
        }
    }
}
