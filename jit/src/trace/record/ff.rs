//! Recording calls of native (fast) functions: the pure ones become IR or an
//! `FFCALL` of the native itself; `select` and `next` become slot moves and loads;
//! calls of the others stitch (`stitch`).

use super::*;

impl Recorder {
    /// A call of a native function. `floor`, `ceil`, `abs` and `sqrt` become IR
    /// instructions, `select` becomes slot moves, string.len a `LEN`; the other pure
    /// natives ([`ff_spec`]) an `FFCALL`, a call of the native itself from the trace.
    ///
    /// `wanted` < 0 asks for all results (their count must be fixed: it is returned and
    /// left for the consumer of multiple results).
    ///
    /// A call (`CALL`, `CALLM`) of any other native, or of one of these with arguments
    /// they are not recorded for, ends the trace with a stitch (`record_stitch`).
    pub(super) fn record_ff(
        &mut self,
        st: &mut State,
        fp: &Func,
        a: i32,
        wanted: i32,
        nargs: i32,
    ) -> Result<i32, Abort> {
        match self.record_pure_ff(st, fp, a, wanted, nargs) {
            Err(why) if why.starts_with("NYI") => self.record_stitch(st, Some(fp), a, why),
            r => r,
        }
    }

    /// The natives recorded as IR, slot moves or an `FFCALL`; NYI for the others.
    fn record_pure_ff(
        &mut self,
        st: &mut State,
        fp: &Func,
        a: i32,
        wanted: i32,
        nargs: i32,
    ) -> Result<i32, Abort> {
        if fp.name == "select" {
            return self.record_select(st, a, wanted, nargs);
        }
        if fp.name == "unpack" {
            return self.record_unpack(st, a, wanted, nargs);
        }
        if fp.ffid == crate::vm::func::ffid::SETMETATABLE {
            return self.record_setmetatable(st, a, wanted, nargs);
        }
        let op = match fp.name {
            "floor" => Some(IrOp::FLOOR),
            "ceil" => Some(IrOp::CEIL),
            "abs" => Some(IrOp::ABS),
            "sqrt" => Some(IrOp::SQRT),
            "len" => Some(IrOp::LEN),
            _ => None,
        };
        let Some(spec) = ff_spec(fp.name) else { nyi!("FastFunc {}", fp.name) };
        if nargs < spec.min || nargs > spec.max {
            nyi!("FastFunc {} with {nargs} arguments", fp.name);
        }
        let all = wanted < 0;
        let wanted = match (all, spec.nres) {
            (false, _) => wanted,
            (true, Some(n)) => n,
            (true, None) => nyi!("FastFunc {} with multiple results", fp.name),
        };
        if all {
            self.multres = Some(wanted);
        }
        if wanted as usize > crate::trace::helpers::MAX_FF_RESULTS {
            nyi!("FastFunc {} with {wanted} results", fp.name);
        }
        let mut args = Vec::with_capacity(nargs as usize);
        for i in 0..nargs {
            let v = self.get(st, a + 2 + i)?;
            let want = spec.args.get(i as usize).copied().unwrap_or(spec.rest);
            let ok = match want {
                ArgT::Num => v.1 == IrType::Num,
                ArgT::Str => v.1 == IrType::Str,
                ArgT::NumStr => matches!(v.1, IrType::Num | IrType::Str),
                ArgT::NumCd => matches!(v.1, IrType::Num | IrType::Cdata),
                ArgT::NumStrCd => matches!(v.1, IrType::Num | IrType::Str | IrType::Cdata),
                ArgT::Tab => v.1 == IrType::Tab,
                ArgT::Any => true,
            };
            if !ok {
                nyi!("FastFunc {} on {}", fp.name, type_name(v.1));
            }
            args.push(v);
        }
        if fp.name == "cast" && args.iter().any(|v| v.1 == IrType::Func) {
            // Each run would make a callback (the record-time prediction one more).
            nyi!("FastFunc cast of a function");
        }
        if fp.name == "new"
            && let Some(r) = self.record_ffi_new_int64(st, &args, a)?
        {
            return Ok(self.one_result(a, wanted, r));
        }
        if spec.tostring_mm && !st.get_mm(self.live(st, a + 2), crate::vm::meta::MM_TOSTRING).is_nil() {
            nyi!("__tostring metamethod");
        }
        if let Some(op) = op {
            let x = args[0].0;
            let r = match self.ir.const_value(x) {
                Some(k) if self.fold && op != IrOp::LEN => {
                    let n = k.as_number();
                    self.ir.knum(match op {
                        IrOp::FLOOR => n.floor(),
                        IrOp::CEIL => n.ceil(),
                        IrOp::ABS => n.abs(),
                        _ => n.sqrt(),
                    })
                }
                _ => self.ir.emit(op, IrType::Num, x, REF_NONE, REF_NONE, 0, 0),
            };
            return Ok(self.one_result(a, wanted, r));
        }
        // The results this call gives now, to type the trace's results. A native with
        // effects (`ffi.copy`) must not run twice: it returns nothing, so there is
        // nothing to predict.
        let live = if spec.effects {
            vec![TValue::NIL; wanted as usize]
        } else {
            self.predict_ff(st, a, nargs, wanted)?
        };
        let mut chain = REF_NONE;
        for v in &args {
            chain = self.ir.emit(IrOp::CARG, IrType::Void, chain, v.0, REF_NONE, 0, 0);
        }
        let fslot = self.fb + a;
        // The native may push MIN_STACK values above its arguments.
        self.max_slot = self.max_slot.max(fslot + 2 + nargs + crate::vm::state::MIN_STACK as i32);
        let k = crate::trace::helpers::ffcall_k(fslot, nargs as u32, wanted as u32, spec.tostring_mm);
        let f = self.ir.kval(TValue::gc(TAG_FUNC, fp as *const Func as *mut Func));
        let s = self.snap()?;
        let call = self.ir.emit(IrOp::FFCALL, IrType::Any, f, chain, REF_NONE, k, s);
        let mut res = Vec::with_capacity(wanted as usize);
        for (i, &v) in live.iter().enumerate() {
            let r = if i == 0 {
                call
            } else {
                let slot = crate::trace::helpers::ffres_slot(k, i as u32) as i64 as u64;
                self.ir.emit(IrOp::FFRES, IrType::Any, call, REF_NONE, REF_NONE, slot, 0)
            };
            res.push(self.typed(r, v)?.0);
        }
        for (i, r) in res.into_iter().enumerate() {
            self.set(a + i as i32, r);
        }
        Ok(wanted)
    }

    /// `next(t, k)` called by `ITERC A` (the arguments at `A+2`, `A+3`) for `wanted`
    /// results: key and value.
    pub(super) fn record_next(&mut self, st: &State, a: i32, wanted: i32) -> Result<(), Abort> {
        let t = self.get(st, a + 2)?;
        let k = self.get(st, a + 3)?;
        if t.1 != IrType::Tab {
            nyi!("FastFunc next on {}", type_name(t.1));
        }
        // SAFETY: the live value is a table (its type was guarded).
        let (lk, lv) = match unsafe { (*self.live(st, a + 2).ptr::<Table>()).next(self.live(st, a + 3)) } {
            Ok(Some(kv)) => kv,
            Ok(None) => (TValue::NIL, TValue::NIL),
            Err(()) => nyi!("FastFunc next with an invalid key"),
        };
        let vslot = self.fb + a + 1;
        let s = self.snap()?;
        let r = self.ir.emit(IrOp::NEXT, IrType::Any, t.0, k.0, REF_NONE, vslot as i64 as u64, s);
        let key = self.typed(r, lk)?.0;
        let nil = self.ir.kval(TValue::NIL);
        let val = if wanted >= 2 {
            let r = self.ir.emit(IrOp::FFRES, IrType::Any, r, REF_NONE, REF_NONE, vslot as i64 as u64, 0);
            self.typed(r, lv)?.0
        } else {
            nil
        };
        for i in 0..wanted.max(0) {
            self.set(a + i, [key, val].get(i as usize).copied().unwrap_or(nil));
        }
        Ok(())
    }

    /// Runs the pure native of `CALL A` on copies of its live arguments above the
    /// frame: its first `wanted` results.
    pub(super) fn predict_ff(
        &mut self,
        st: &mut State,
        a: i32,
        nargs: i32,
        wanted: i32,
    ) -> Result<Vec<TValue>, Abort> {
        let f = self.live(st, a);
        let args: Vec<TValue> = (0..nargs).map(|i| self.live(st, a + 2 + i)).collect();
        let th = st.th();
        let at = th.top + 2;
        let (n, w) = (nargs as usize, wanted as usize);
        if at + n + crate::vm::state::MIN_STACK.max(w) > th.stack.len() {
            nyi!("FastFunc near the stack's end");
        }
        th.stack[at..at + n].copy_from_slice(&args);
        if crate::trace::helpers::call_pure(st, f, at, n, w).is_none() {
            nyi!("FastFunc that fails");
        }
        let th = st.th();
        Ok(th.stack[at + n..at + n + w].to_vec())
    }

    /// `setmetatable(t, mt)` of a table without a metatable (the `setmetatable({...},
    /// class)` of constructors): `NOMT t`, then `SETMT`. Replacing a metatable needs its
    /// `__metatable` field checked and raises errors the interpreter's call makes, so
    /// it stitches, as do wrong argument types.
    pub(super) fn record_setmetatable(
        &mut self,
        st: &mut State,
        a: i32,
        wanted: i32,
        nargs: i32,
    ) -> Result<i32, Abort> {
        if nargs < 2 {
            nyi!("FastFunc setmetatable with {nargs} arguments");
        }
        let t = self.get(st, a + 2)?;
        let mt = self.get(st, a + 3)?;
        if t.1 != IrType::Tab || !matches!(mt.1, IrType::Tab | IrType::Nil) {
            nyi!("FastFunc setmetatable on {} and {}", type_name(t.1), type_name(mt.1));
        }
        // SAFETY: a table-typed slot holds a live table.
        if !unsafe { (*self.live(st, a + 2).ptr::<Table>()).metatable.is_null() } {
            nyi!("FastFunc setmetatable replacing a metatable");
        }
        let s = self.snap()?;
        self.ir.emit(IrOp::NOMT, IrType::Void, t.0, REF_NONE, REF_NONE, 0, s);
        self.ir.emit(IrOp::SETMT, IrType::Void, t.0, mt.0, REF_NONE, 0, 0);
        Ok(self.one_result(a, wanted, t.0))
    }

    /// Sets the results of a native that returns the one value `r`: `r` in slot `a`,
    /// nil in the rest of the `wanted` (for `wanted` < 0, all results: one, left for
    /// the consumer of multiple results). Returns how many there are.
    fn one_result(&mut self, a: i32, wanted: i32, r: IrRef) -> i32 {
        let wanted = if wanted < 0 {
            self.multres = Some(1);
            1
        } else {
            wanted
        };
        let nil = self.ir.kval(TValue::NIL);
        for i in 0..wanted {
            self.set(a + i, if i == 0 { r } else { nil });
        }
        wanted
    }

    /// `select(n, ...)` with fixed arguments: `n` (guarded to its value) picks slots;
    /// `select('#', ...)` is a constant.
    pub(super) fn record_select(
        &mut self,
        st: &mut State,
        a: i32,
        wanted: i32,
        nargs: i32,
    ) -> Result<i32, Abort> {
        if nargs < 1 {
            nyi!("FastFunc select without arguments");
        }
        let n = nargs as i64;
        let sel = self.get(st, a + 2)?;
        let lsel = self.live(st, a + 2);
        let first = match sel.1 {
            IrType::Str => {
                // SAFETY: a string value points at a live string.
                if unsafe { (*lsel.ptr::<LStr>()).as_bytes().first() } != Some(&b'#') {
                    nyi!("FastFunc select with a string selector");
                }
                let k = self.ir.kval(lsel);
                if sel.0 != k {
                    self.guard(IrOp::EQV, sel.0, k)?;
                }
                let r = self.ir.knum((n - 1) as f64);
                return Ok(self.one_result(a, wanted, r));
            }
            IrType::Num => {
                let x = lsel.as_number();
                let k = self.ir.knum(x);
                if sel.0 != k {
                    self.guard(IrOp::EQ, sel.0, k)?;
                }
                // The interpreter's argument conversion (check_i32) and clamping.
                let mut i =
                    if x > -2147483649.0 && x < 2147483648.0 { x as i32 as i64 } else { i32::MIN as i64 };
                if i < 0 {
                    i += n;
                } else if i > n {
                    i = n;
                }
                if i < 1 {
                    nyi!("FastFunc select out of range");
                }
                i
            }
            t => nyi!("FastFunc select on {}", type_name(t)),
        };
        let nil = self.ir.kval(TValue::NIL);
        let all = wanted < 0;
        let wanted = if all { (n - first) as i32 } else { wanted };
        if all {
            self.multres = Some(wanted);
        }
        self.ensure_slots(self.fb + a + wanted)?;
        let mut res = Vec::with_capacity(wanted as usize);
        for j in 0..wanted as i64 {
            let src = first + j;
            res.push(if src < n { self.get(st, a + 2 + src as i32)?.0 } else { nil });
        }
        for (i, r) in res.into_iter().enumerate() {
            self.set(a + i as i32, r);
        }
        Ok(wanted)
    }
}

impl Recorder {
    /// `unpack(t [, i [, j]])` of a table without a metatable: the bounds are guarded
    /// to their recorded values (`j` through the table's length when absent), so the
    /// result count is fixed on the recorded path; the values are raw loads.
    fn record_unpack(&mut self, st: &mut State, a: i32, wanted: i32, nargs: i32) -> Result<i32, Abort> {
        if !(1..=3).contains(&nargs) {
            nyi!("FastFunc unpack with {nargs} arguments");
        }
        let t = self.get(st, a + 2)?;
        if t.1 != IrType::Tab {
            nyi!("FastFunc unpack on {}", type_name(t.1));
        }
        // SAFETY: the live value is a table (its type is guarded).
        let tp = unsafe { &*self.live(st, a + 2).ptr::<Table>() };
        if !tp.metatable.is_null() {
            nyi!("FastFunc unpack of a table with a metatable");
        }
        // A bound: absent or nil gives `dflt`; a number is guarded to its value.
        let bound = |r: &mut Recorder, slot: i32, dflt: Option<f64>| -> Result<Option<f64>, Abort> {
            if slot >= a + 2 + nargs || r.live(st, slot).is_nil() {
                if slot < a + 2 + nargs {
                    r.get(st, slot)?;
                }
                return Ok(dflt);
            }
            let v = r.get(st, slot)?;
            let x = r.live(st, slot).as_number();
            if v.1 != IrType::Num || x.fract() != 0.0 || x.abs() > 1e9 {
                nyi!("FastFunc unpack with such bounds");
            }
            let k = r.ir.knum(x);
            if v.0 != k {
                r.guard(IrOp::EQ, v.0, k)?;
            }
            Ok(Some(x))
        };
        let Some(i) = bound(self, a + 3, Some(1.0))? else { nyi!("FastFunc unpack bounds") };
        let j = match bound(self, a + 4, None)? {
            Some(j) => j,
            None => {
                let len = tp.len() as f64;
                let r = self.ir.emit(IrOp::LEN, IrType::Num, t.0, REF_NONE, REF_NONE, 0, 0);
                let k = self.ir.knum(len);
                self.guard(IrOp::EQ, r, k)?;
                len
            }
        };
        let n = if i > j { 0 } else { (j - i + 1.0) as i32 };
        if n > 16 {
            nyi!("FastFunc unpack of {n} values");
        }
        let mut vals = Vec::with_capacity(n as usize);
        let s = self.snap()?;
        for q in 0..n {
            let key = i + q as f64;
            let kr = self.ir.knum(key);
            let r = self.ir.emit(IrOp::TGET, IrType::Any, t.0, kr, REF_NONE, 0, s);
            vals.push(self.typed(r, tp.get_num(key))?.0);
        }
        let all = wanted < 0;
        let wanted = if all { n } else { wanted };
        self.ensure_slots(self.fb + a + wanted)?;
        let nil = self.ir.kval(TValue::NIL);
        for q in 0..wanted {
            self.set(a + q, vals.get(q as usize).copied().unwrap_or(nil));
        }
        if all {
            self.multres = Some(n);
        }
        Ok(wanted)
    }
}

/// What a pure fast function's argument must be on trace.
#[derive(Clone, Copy, PartialEq)]
enum ArgT {
    Num,
    Str,
    NumStr,
    /// A number or a cdata (the 64-bit `bit.*`, `tonumber` of a cdata).
    NumCd,
    NumStrCd,
    Tab,
    Any,
}

/// How a pure native is called on trace: its argument types (then `rest` for any
/// further arguments) and counts. With arguments of these types it returns a few
/// results and never raises an error, runs Lua code or touches frames.
struct FfSpec {
    args: &'static [ArgT],
    rest: ArgT,
    min: i32,
    max: i32,
    /// Runs `__tostring` if the argument has one (the recorder then aborts).
    tostring_mm: bool,
    /// How many results it returns, if that is fixed.
    nres: Option<i32>,
    /// Writes C memory (`ffi.copy`, `ffi.fill`): not run while recording; it returns
    /// nothing.
    effects: bool,
}

/// The natives recorded as `FFCALL`, by the name the libraries register them under.
/// Names are unique among the natives except `type` (the base library's and
/// `io.type`), both pure.
fn ff_spec(name: &str) -> Option<FfSpec> {
    use ArgT::*;
    let s = |args: &'static [ArgT], rest, min, max| FfSpec {
        args,
        rest,
        min,
        max,
        tostring_mm: false,
        nres: Some(1),
        effects: false,
    };
    Some(match name {
        // math.*
        "floor" | "ceil" | "abs" | "sqrt" | "sin" | "cos" | "tan" | "asin" | "acos" | "atan" | "sinh"
        | "cosh" | "tanh" | "exp" | "log10" | "deg" | "rad" => s(&[Num], Any, 1, 8),
        "modf" | "frexp" => FfSpec { nres: Some(2), ..s(&[Num], Any, 1, 8) },
        "log" => s(&[Num, Num], Any, 1, 8),
        "atan2" | "pow" | "fmod" | "ldexp" => s(&[Num, Num], Any, 2, 8),
        "min" | "max" => s(&[], Num, 1, 8),
        // bit.* (on 64-bit cdata too: the result is a new cdata)
        "tobit" | "bnot" | "bswap" => s(&[NumCd], Any, 1, 8),
        "band" | "bor" | "bxor" => s(&[], NumCd, 1, 8),
        "lshift" | "rshift" | "arshift" | "rol" | "ror" => s(&[NumCd, Num], Any, 2, 8),
        "tohex" => s(&[NumCd, Num], Any, 1, 2),
        // string.* (byte with at most one index: one result at most)
        "len" | "upper" | "lower" | "reverse" => s(&[Str], Any, 1, 8),
        "byte" => FfSpec { nres: None, ..s(&[Str, Num], Any, 1, 2) },
        "sub" => s(&[Str, Num, Num], Any, 2, 3),
        // base
        "type" => s(&[], Any, 1, 8),
        "tonumber" => s(&[NumStrCd], Any, 1, 1),
        // ffi.* that run no Lua code (a metatype's `__new` runs only for `T(...)`)
        "new" => s(&[], Any, 1, 8),
        "cast" => s(&[], Any, 2, 2),
        "string" => s(&[], Any, 1, 2),
        "sizeof" | "istype" => s(&[], Any, 1, 2),
        "copy" | "fill" => FfSpec { nres: Some(0), effects: true, ..s(&[], Any, 2, 3) },
        "tostring" => FfSpec { tostring_mm: true, ..s(&[NumStr], Any, 1, 8) },
        "rawget" => s(&[Tab], Any, 2, 8),
        "rawequal" => s(&[], Any, 2, 8),
        // The iterator `ipairs` returns: one raw load.
        "ipairs_aux" => FfSpec { nres: None, ..s(&[Tab, Num], Any, 2, 2) },
        _ => return None,
    })
}
