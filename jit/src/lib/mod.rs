//! The standard libraries, and the argument-checking helpers natives share.
//!
//! Argument errors follow LuaJIT's wording ("bad argument #1 to 'f' (table expected,
//! got nil)"); the function name comes from the call site (see `State::arg_error`).

pub mod base;
pub mod bit;
pub mod bitop;
pub mod coroutine;
pub mod debug;
pub mod format;
pub mod io;
pub mod jit;
pub mod math;
pub mod os;
pub mod package;
pub mod pattern;
pub mod prng;
pub mod sandbox;
pub mod string;
pub mod table;

use crate::vm::func::{LResult, NativeFn, ffid};
use crate::vm::state::State;
use crate::vm::string::LStr;
use crate::vm::table::Table;
use crate::vm::value::*;

/// Bytes of bulk work (copying, hashing, parsing) that cost one unit of the instruction
/// budget: natives producing or scanning long strings pay with `State::charge_bytes`.
pub const BYTES_PER_TICK: usize = 64;

/// What the libraries keep per state.
#[derive(Default)]
pub struct LibState {
    /// `debug.sethook`'s setting.
    pub hook: debug::HookSetting,
    /// `math.random`'s generator.
    pub prng: prng::Prng,
    /// What `jit.*` and `-O` asked of the (future) compiler.
    pub jit: jit::JitSettings,
    /// Open files and default input/output of the io library.
    pub io: io::IoState,
    /// How the libraries were opened.
    pub options: Options,
    /// The FFI's ctype table, created on first use.
    pub ffi: Option<Box<crate::ffi::FfiState>>,
}

/// Library options chosen when a state is created (see `Lua::with_options`).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Remove or disable everything that touches the machine beyond reading files
    /// under `allowed_paths` and writing to the output sink: `os.execute`, `os.exit`,
    /// `os.remove`, `os.rename`, `os.tmpname`, `io.popen`, `io.tmpfile`, opening files
    /// for writing, reading or loading files outside `allowed_paths`, and reading stdin
    /// (which reads as empty). See [`sandbox`].
    pub sandbox: bool,
    /// Directories (and files) that `io.open`/`io.lines`/`loadfile`/`dofile`/`require`
    /// may read under the sandbox. Empty: nothing.
    pub allowed_paths: Vec<std::path::PathBuf>,
}

/// Opens every library that exists so far into the globals.
pub fn open_libs(st: &mut State) {
    base::open(st);
    if let Some(loaded) = package_loaded(st) {
        // LuaJIT keeps package.loaded in the registry as _LOADED.
        let r = TValue::gc(TAG_TABLE, st.registry);
        let k = st.str_value(b"_LOADED");
        st.raw_set(r, k, loaded);
    }
    open_string_metatable(st);
    coroutine::open(st);
    string::open(st);
    table::open(st);
    math::open(st);
    bit::open(st);
    jit::open(st);
    os::open(st);
    io::open(st);
    debug::open(st);
    crate::ffi::lib::open(st);
    if st.lib.options.sandbox {
        sandbox::apply(st);
    }
}

/// Strings always have a metatable whose `__index` is the `string` table (as in
/// LuaJIT); the table is created here, and the string library fills it.
fn open_string_metatable(st: &mut State) {
    let string = register_lib(st, "string", &[]);
    let mt = st.new_table(0, 1);
    let k = st.str_value(b"__index");
    st.raw_set(mt, k, string);
    st.basemt[Type::String as usize] = mt.ptr();
}

/// Creates (or reuses) global table `name` and fills it with `funcs`; also records it in
/// `package.loaded` when that exists. Returns the table.
pub fn register_lib(st: &mut State, name: &str, funcs: &[(&'static str, NativeFn)]) -> TValue {
    let g = TValue::gc(TAG_TABLE, st.globals);
    let k = st.str_value(name.as_bytes());
    // SAFETY: the globals table is live.
    let mut t = unsafe { (*st.globals).get(k) };
    if !t.is_table() {
        t = st.new_table(0, funcs.len());
        st.raw_set(g, k, t);
    }
    set_funcs(st, t, funcs);
    if let Some(loaded) = package_loaded(st) {
        st.raw_set(loaded, k, t);
    }
    t
}

/// Sets `t[name] = native` for each entry.
pub fn set_funcs(st: &mut State, t: TValue, funcs: &[(&'static str, NativeFn)]) {
    for &(n, f) in funcs {
        let id = match n {
            "tostring" => ffid::TOSTRING,
            _ => ffid::NONE,
        };
        let fv = TValue::gc(TAG_FUNC, st.new_native(f, n, id));
        let k = st.str_value(n.as_bytes());
        st.raw_set(t, k, fv);
    }
}

/// `package.loaded`, if the package table exists.
pub fn package_loaded(st: &mut State) -> Option<TValue> {
    let kp = st.str_value(b"package");
    // SAFETY: the globals table is live.
    let pkg = unsafe { (*st.globals).get(kp) };
    if !pkg.is_table() {
        return None;
    }
    let kl = st.str_value(b"loaded");
    // SAFETY: checked to be a table.
    let l = unsafe { (*pkg.ptr::<Table>()).get(kl) };
    l.is_table().then_some(l)
}

/// The bytes of a string value.
///
/// # Safety
/// `v` must be a string value; the slice is valid while the string is reachable.
pub unsafe fn str_bytes<'a>(v: TValue) -> &'a [u8] {
    // SAFETY: per the contract.
    unsafe { (*v.ptr::<LStr>()).as_bytes() }
}

impl State {
    /// Argument `n` must be present ("value expected").
    pub fn check_any(&mut self, n: usize) -> LResult<TValue> {
        if n > self.nargs() {
            return Err(self.arg_error(n, "value expected"));
        }
        Ok(self.arg(n))
    }

    pub fn check_table(&mut self, n: usize) -> LResult<TValue> {
        let v = self.arg(n);
        if v.is_table() { Ok(v) } else { Err(self.arg_type_error(n, "table")) }
    }

    /// A number, or a string convertible to one.
    pub fn check_number(&mut self, n: usize) -> LResult<f64> {
        match crate::vm::arith::coerce_num(self.arg(n)) {
            Some(x) => Ok(x),
            None => Err(self.arg_type_error(n, "number")),
        }
    }

    pub fn opt_number(&mut self, n: usize, def: f64) -> LResult<f64> {
        if self.arg(n).is_nil() { Ok(def) } else { self.check_number(n) }
    }

    /// An integer argument (truncated toward zero, as lua_tointeger on x64 LuaJIT).
    pub fn check_int(&mut self, n: usize) -> LResult<i64> {
        let x = self.check_number(n)?;
        Ok(if x.is_nan() { 0 } else { x as i64 })
    }

    pub fn opt_int(&mut self, n: usize, def: i64) -> LResult<i64> {
        if self.arg(n).is_nil() { Ok(def) } else { self.check_int(n) }
    }

    /// A string argument; numbers are converted (and the argument replaced).
    pub fn check_str(&mut self, n: usize) -> LResult<TValue> {
        let v = self.arg(n);
        if v.is_str() {
            return Ok(v);
        }
        if v.is_number() {
            let s = self.number_string(v.as_number());
            self.set_arg(n, s);
            return Ok(s);
        }
        Err(self.arg_type_error(n, "string"))
    }

    pub fn check_func(&mut self, n: usize) -> LResult<TValue> {
        let v = self.arg(n);
        if v.is_func() { Ok(v) } else { Err(self.arg_type_error(n, "function")) }
    }

    /// An integer argument as LuaJIT's `lj_lib_checkint` converts it: truncated to an
    /// int32, with values out of that range (and NaN) becoming `i32::MIN`, as the x86-64
    /// conversion instruction gives.
    pub fn check_i32(&mut self, n: usize) -> LResult<i64> {
        let x = self.check_number(n)?;
        Ok(if x > -2147483649.0 && x < 2147483648.0 { x as i32 as i64 } else { i64::from(i32::MIN) })
    }

    pub fn opt_i32(&mut self, n: usize, def: i64) -> LResult<i64> {
        if self.arg(n).is_nil() { Ok(def) } else { self.check_i32(n) }
    }

    /// Charges one loop iteration of a library function that LuaJIT writes in Lua
    /// (so its loops count against the instruction budget, as the interpreter's do).
    pub fn charge_iteration(&mut self) -> LResult<()> {
        self.charge(1)
    }

    /// Charges `n` units of work of a native (bytes produced, elements moved) to the
    /// instruction budget, so that no call does unbounded work under a budget.
    pub fn charge(&mut self, n: usize) -> LResult<()> {
        if self.budget.is_none() {
            return Ok(());
        }
        match self.budget_left.checked_sub(n as u64) {
            Some(left) if left > 0 => {
                self.budget_left = left;
                Ok(())
            }
            _ => Err(self.budget_exceeded()),
        }
    }

    /// Charges the copying or scanning of `n` bytes of bulk data: one unit per
    /// [`BYTES_PER_TICK`] bytes, about what an interpreter loop iteration costs.
    pub fn charge_bytes(&mut self, n: usize) -> LResult<()> {
        self.charge(n / BYTES_PER_TICK)
    }

    /// Spends what is left of the budget and raises its error from the running native
    /// (positioned at its Lua caller, as the interpreter's is at the running line).
    #[cold]
    pub fn budget_exceeded(&mut self) -> crate::vm::func::Throw {
        self.budget_left = 0;
        self.caller_error("instruction budget exceeded")
    }

    /// The pattern matcher's tank, filled with what is left of the budget (see
    /// [`pattern`]'s "Fuel"); [`State::settle_fuel`] pays back what it burnt.
    pub fn match_fuel(&self) -> pattern::Fuel {
        if self.budget.is_some() { pattern::Fuel(self.budget_left) } else { pattern::Fuel::UNLIMITED }
    }

    /// Takes back the tank [`State::match_fuel`] handed out, its burnt steps spent.
    pub fn settle_fuel(&mut self, fuel: pattern::Fuel) {
        if self.budget.is_some() {
            self.budget_left = fuel.0;
        }
    }

    /// The function of the running native frame.
    pub fn current_func(&mut self) -> TValue {
        let th = self.th();
        th.stack[th.base - 2]
    }

    /// Upvalue `i` of the running native closure (nil if it has none).
    pub fn native_upvalue(&mut self, i: usize) -> TValue {
        let f = self.current_func();
        // SAFETY: the running frame's function slot holds its live closure.
        let f = unsafe { &*f.ptr::<crate::vm::func::Func>() };
        f.cuvs.get(i).copied().unwrap_or(TValue::NIL)
    }

    /// Sets upvalue `i` of the running native closure (which must have it).
    pub fn set_native_upvalue(&mut self, i: usize, v: TValue) {
        let f = self.current_func();
        // SAFETY: the running frame's function slot holds its live closure.
        let f = unsafe { &mut *f.ptr::<crate::vm::func::Func>() };
        if let Some(slot) = f.cuvs.get_mut(i) {
            *slot = v;
        }
    }

    /// `t[k]` with `__index` metamethods, from a native.
    pub fn index_value(&mut self, t: TValue, k: TValue) -> LResult<TValue> {
        match self.index_resolve(t, k, None)? {
            crate::vm::meta::Resolved::Value(v) => Ok(v),
            crate::vm::meta::Resolved::Call(mm, o) => {
                let r = self.call_value(mm, &[o, k], 1)?;
                Ok(r.first().copied().unwrap_or(TValue::NIL))
            }
        }
    }

    /// `tostring` semantics: `__tostring`, else the default conversion.
    pub fn tostring_value(&mut self, v: TValue) -> LResult<TValue> {
        let mm = self.get_mm(v, crate::vm::meta::MM_TOSTRING);
        if !mm.is_nil() {
            let r = self.call_value(mm, &[v], 1)?;
            return Ok(r.first().copied().unwrap_or(TValue::NIL));
        }
        Ok(self.tostring_raw(v))
    }

    /// The default string form of a value (no metamethods).
    pub fn tostring_raw(&mut self, v: TValue) -> TValue {
        if v.is_str() {
            return v;
        }
        if v.is_number() {
            return self.number_string(v.as_number());
        }
        let s = match v.type_of() {
            Type::Nil => "nil".to_string(),
            Type::Boolean => if v.is_truthy() { "true" } else { "false" }.to_string(),
            t => format!("{}: 0x{:x}", t.name(), v.payload()),
        };
        self.str_value(s.as_bytes())
    }
}
