//! Expressions: the AST walk that produces expression descriptors.

use super::expdesc::{EK, ExpDesc, Key};
use super::{Compiler, Fail};
use crate::bytecode::op::Op;
use crate::bytecode::proto::Const;
use crate::syntax::ast::{BinOp, Expr, ExprKind, FuncBody};

/// Expressions that contain no other expression (compiling them does not recurse).
fn is_leaf(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Nil
            | ExprKind::True
            | ExprKind::False
            | ExprKind::Vararg
            | ExprKind::Number(_)
            | ExprKind::Int64(_)
            | ExprKind::UInt64(_)
            | ExprKind::Imaginary(_)
            | ExprKind::String(_)
            | ExprKind::Name(_)
    )
}

impl Compiler {
    /// Compiles an expression as far as its kind allows without knowing its consumer.
    pub(super) fn expr(&mut self, e: &Expr) -> Result<ExpDesc, Fail> {
        if is_leaf(e) {
            return self.expr_inner(e);
        }
        self.enter()?;
        let r = self.expr_inner(e);
        self.leave();
        r
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<ExpDesc, Fail> {
        // Operators and suffixes carry the line where they end; they are seen when
        // their instruction is emitted. A constructor's TNEW gets the line before `{`.
        if !matches!(
            e.kind,
            ExprKind::BinOp(..)
                | ExprKind::UnOp(..)
                | ExprKind::Index(..)
                | ExprKind::Call(..)
                | ExprKind::MethodCall(..)
                | ExprKind::Table(..)
        ) {
            self.fs.see(e.line.0);
        }
        let k = match &e.kind {
            ExprKind::Nil => EK::Nil,
            ExprKind::True => EK::True,
            ExprKind::False => EK::False,
            ExprKind::Number(n) => EK::Num(*n),
            ExprKind::String(s) => EK::Str(s.clone()),
            ExprKind::Int64(v) => EK::Cdata(Const::Int64(*v)),
            ExprKind::UInt64(v) => EK::Cdata(Const::UInt64(*v)),
            ExprKind::Imaginary(im) => EK::Cdata(Const::Complex(0.0, *im)),
            ExprKind::Vararg => {
                if !self.fs.is_vararg {
                    return Err(self.fs.fail("cannot use '...' outside a vararg function near '...'"));
                }
                self.fs.reserve(1)?;
                let base = self.fs.freereg - 1;
                let pc = self.fs.emit_abc(Op::VARG, base, 2, self.fs.numparams)?;
                EK::Call { pc, base }
            }
            ExprKind::Function(f) => return self.function_body(f, false),
            ExprKind::Table(fields) => return self.table(fields, e.line.0),
            ExprKind::BinOp(..) => return self.binop_chain(e),
            ExprKind::UnOp(op, x) => {
                let mut v = self.expr(x)?;
                self.fs.see(e.line.0);
                self.fs.unop(*op, &mut v)?;
                return Ok(v);
            }
            ExprKind::Paren(x) => {
                let mut v = self.expr(x)?;
                self.fs.discharge(&mut v)?;
                return Ok(v);
            }
            ExprKind::Name(n) => self.lookup(n)?,
            ExprKind::Index(..) | ExprKind::Call(..) | ExprKind::MethodCall(..) => return self.suffixed(e),
        };
        Ok(ExpDesc::new(k))
    }

    /// A chain of binary operators along the left operands, compiled in a loop (the
    /// parser builds `a + b + c` in a loop, so any length is valid).
    fn binop_chain(&mut self, e: &Expr) -> Result<ExpDesc, Fail> {
        let mut spine = Vec::new();
        let mut cur = e;
        while let ExprKind::BinOp(op, l, r) = &cur.kind {
            spine.push((*op, &**r, cur.line.0, cur.aux_line.0));
            cur = l;
        }
        let mut v = self.expr(cur)?;
        for (op, r, line, op_line) in spine.into_iter().rev() {
            // The left operand is dealt with once the operator is read.
            self.fs.see(op_line);
            if op == BinOp::Concat {
                v = self.concat(v, r, line)?;
                continue;
            }
            self.fs.infix(op, &mut v)?;
            let v2 = self.expr(r)?;
            // The operator's line is where LuaJIT's parser stands after the right
            // operand, which is the line its instruction gets.
            self.fs.see(line);
            v = self.fs.posfix(op, v, v2)?;
        }
        Ok(v)
    }

    /// `v .. r` where `r` may continue the (right-associative) chain: all operands go
    /// to consecutive registers and one `CAT` joins them.
    fn concat(&mut self, mut v: ExpDesc, r: &Expr, mut line: u32) -> Result<ExpDesc, Fail> {
        self.fs.tonextreg(&mut v)?;
        let first = self.fs.freereg - 1;
        let mut cur = r;
        let level = self.level;
        while let ExprKind::BinOp(BinOp::Concat, a, b) = &cur.kind {
            // Each step nests one level in the parser.
            self.enter()?;
            let mut x = self.expr(a)?;
            self.fs.see(cur.aux_line.0);
            self.fs.tonextreg(&mut x)?;
            line = cur.line.0;
            cur = b;
        }
        let mut x = self.expr(cur)?;
        self.level = level;
        self.fs.tonextreg(&mut x)?;
        let last = self.fs.freereg - 1;
        self.fs.freereg = first;
        // The innermost `..` emits the one CAT in LuaJIT.
        self.fs.see(line);
        Ok(ExpDesc::new(EK::Reloc(self.fs.emit_abc(Op::CAT, 0, first, last)?)))
    }

    /// Indexing, calls and method calls along the prefix: `a.b[c](d):e(f)`.
    pub(super) fn suffixed(&mut self, e: &Expr) -> Result<ExpDesc, Fail> {
        let mut chain = Vec::new();
        let mut cur = e;
        while let ExprKind::Index(t, _) | ExprKind::Call(t, _) | ExprKind::MethodCall(t, _, _) = &cur.kind {
            chain.push(cur);
            cur = t;
        }
        let mut v = self.expr(cur)?;
        // The prefix so far is discharged before the suffix's own line is seen: LuaJIT
        // emits it when the next suffix's first token is only looked at, on the line of
        // the token before (`t.a.b\n.c` indexes `t.a` on the first line).
        for s in chain.into_iter().rev() {
            match &s.kind {
                ExprKind::Index(_, k) => {
                    self.fs.toanyreg(&mut v)?;
                    let mut key = match &k.kind {
                        ExprKind::String(name) => ExpDesc::new(EK::Str(name.clone())),
                        _ => self.expr(k)?,
                    };
                    self.fs.toval(&mut key)?;
                    self.fs.see(s.line.0);
                    self.index(&mut v, key)?;
                }
                ExprKind::Call(_, args) => {
                    self.fs.tonextreg(&mut v)?;
                    self.fs.see(s.line.0);
                    self.fs.reserve(1)?;
                    self.call_args(&mut v, args, s.line.0, s.aux_line.0)?;
                }
                ExprKind::MethodCall(_, name, args) => {
                    self.fs.see(s.line.0);
                    self.method(&mut v, name)?;
                    self.call_args(&mut v, args, s.line.0, s.aux_line.0)?;
                }
                _ => {}
            }
        }
        Ok(v)
    }

    /// Makes `t` (already in a register) the indexed expression `t[key]`.
    pub(super) fn index(&mut self, t: &mut ExpDesc, mut key: ExpDesc) -> Result<(), Fail> {
        let EK::NonReloc(treg) = t.k else { return Err(self.fs.fail("expression has no value")) };
        let key = self.index_key(&mut key)?;
        t.k = EK::Indexed(treg, key);
        Ok(())
    }

    /// The operand form of a table key: a byte literal, a string constant, or a register.
    pub(super) fn index_key(&mut self, key: &mut ExpDesc) -> Result<Key, Fail> {
        match &key.k {
            &EK::Num(n) if !key.has_jump() && (0.0..=255.0).contains(&n) && n.fract() == 0.0 => {
                return Ok(Key::Byte(n as u32));
            }
            EK::Str(s) if !key.has_jump() => {
                let idx = self.fs.const_str(s);
                if idx <= 255 {
                    return Ok(Key::Str(idx));
                }
            }
            _ => {}
        }
        Ok(Key::Reg(self.fs.toanyreg(key)?))
    }

    /// `obj:name`: the method goes to a fresh call base, `obj` to its first argument.
    fn method(&mut self, v: &mut ExpDesc, name: &str) -> Result<(), Fail> {
        let obj = self.fs.toanyreg(v)?;
        self.fs.free_exp(v);
        let func = self.fs.freereg;
        self.fs.emit_ad(Op::MOV, func + 2, obj)?;
        let idx = self.fs.const_str(name.as_bytes());
        if idx <= 255 {
            self.fs.reserve(3)?;
            self.fs.emit_abc(Op::TGETS, func, obj, idx)?;
        } else {
            self.fs.reserve(4)?;
            self.fs.emit_ad(Op::KSTR, func + 3, idx)?;
            self.fs.emit_abc(Op::TGETV, func, obj, func + 3)?;
            self.fs.freereg -= 1;
        }
        v.k = EK::NonReloc(func);
        Ok(())
    }

    /// The arguments and the `CALL`/`CALLM` of a call whose callee is in `v`'s register
    /// (with its frame-link slot already reserved).
    /// `line` is the line of the arguments' first token, `end_line` of their last.
    fn call_args(&mut self, v: &mut ExpDesc, args: &[Expr], line: u32, end_line: u32) -> Result<(), Fail> {
        let EK::NonReloc(base) = v.k else { return Err(self.fs.fail("expression has no value")) };
        let ins = if args.is_empty() {
            self.fs.see(end_line);
            (Op::CALL, self.fs.freereg - base - 1)
        } else {
            let (_, mut last) = self.explist(args)?;
            // The last argument is placed after the closing token is read.
            self.fs.see(end_line);
            if let EK::Call { pc, base: argbase } = last.k {
                self.fs.set_b(pc, 0);
                (Op::CALLM, argbase - base - 2)
            } else {
                self.fs.tonextreg(&mut last)?;
                (Op::CALL, self.fs.freereg - base - 1)
            }
        };
        // The call's line is that of its arguments' opening token (LuaJIT's choice, so
        // "attempt to call" errors point there).
        let pc = self.fs.emit_abc(ins.0, base, 2, ins.1)?;
        self.fs.set_line(pc, line);
        v.k = EK::Call { pc, base };
        self.fs.freereg = base + 1;
        Ok(())
    }

    /// An expression list: all but the last value go to consecutive registers; the last
    /// is returned undischarged (so calls can still be widened). Returns the count.
    pub(super) fn explist(&mut self, exprs: &[Expr]) -> Result<(u32, ExpDesc), Fail> {
        let Some((first, rest)) = exprs.split_first() else { return Ok((0, ExpDesc::new(EK::Void))) };
        let mut v = self.expr(first)?;
        for e in rest {
            self.fs.tonextreg(&mut v)?;
            v = self.expr(e)?;
        }
        Ok((exprs.len() as u32, v))
    }

    /// A nested function: compiles its prototype and returns the `FNEW` creating it.
    pub(super) fn function_body(&mut self, f: &FuncBody, needself: bool) -> Result<ExpDesc, Fail> {
        self.enter()?;
        self.open_func(f);
        self.fs.emit_ad(Op::FUNCF, 0, 0)?;
        let mut vars = Vec::new();
        if needself {
            vars.push(self.var_new(0, "self")?);
        }
        for p in &f.params {
            vars.push(self.var_new(vars.len() as u32, p)?);
        }
        self.var_add(&vars);
        self.fs.numparams = vars.len() as u32;
        self.fs.reserve(vars.len() as u32)?;
        self.stats(&f.body, false)?;
        let (proto, tree) = self.close_func(f.end_line.0)?;
        self.leave();
        let idx = self.fs.protos.len() as u32;
        self.fs.protos.push(proto);
        self.fs.child_uv.push(tree);
        if !self.fs.has_child {
            self.fs.fixup_return = self.fs.has_return;
            self.fs.has_child = true;
        }
        self.fs.see(f.end_line.0);
        Ok(ExpDesc::new(EK::Reloc(self.fs.emit_ad(Op::FNEW, 0, idx)?)))
    }

    /// Stores `e` into the variable or field `var`.
    pub(super) fn store(&mut self, var: &ExpDesc, mut e: ExpDesc) -> Result<(), Fail> {
        let fs = &mut self.fs;
        let ins = match var.k {
            EK::Local(reg, vidx) => {
                self.mark_rw(vidx);
                self.fs.free_exp(&e);
                return self.fs.toreg(&mut e, reg);
            }
            EK::Upval(idx, vidx) => {
                self.mark_rw(vidx);
                let fs = &mut self.fs;
                fs.toval(&mut e)?;
                match &e.k {
                    EK::Nil | EK::False | EK::True => (Op::USETP, idx, super::expdesc::pri(&e.k)),
                    EK::Str(s) => {
                        let s = s.clone();
                        (Op::USETS, idx, fs.const_str(&s))
                    }
                    &EK::Num(n) => (Op::USETN, idx, fs.const_num(n)),
                    _ => (Op::USETV, idx, fs.toanyreg(&mut e)?),
                }
            }
            EK::Global(ref name) => {
                let ra = fs.toanyreg(&mut e)?;
                (Op::GSET, ra, fs.const_str(name))
            }
            EK::Indexed(t, key) => {
                let ra = fs.toanyreg(&mut e)?;
                let (op, c) = match key {
                    Key::Str(i) => (Op::TSETS, i),
                    Key::Byte(b) => (Op::TSETB, b),
                    Key::Reg(r) => (Op::TSETV, r),
                };
                fs.emit_abc(op, ra, t, c)?;
                fs.free_exp(&e);
                return Ok(());
            }
            _ => return Err(fs.fail("syntax error")),
        };
        self.fs.emit_ad(ins.0, ins.1, ins.2)?;
        self.fs.free_exp(&e);
        Ok(())
    }
}

/// The line of an expression's first token.
pub(super) fn first_line(e: &Expr) -> u32 {
    let mut e = e;
    loop {
        match &e.kind {
            ExprKind::BinOp(_, l, _) => e = l,
            ExprKind::Index(t, _) | ExprKind::Call(t, _) | ExprKind::MethodCall(t, _, _) => e = t,
            ExprKind::UnOp(_, x) => e = x,
            _ => return e.line.0,
        }
    }
}
