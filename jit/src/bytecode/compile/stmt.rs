//! Statements and blocks.
//!
//! Loop shapes (`cond` jumps are patched to the exits):
//!
//! ```text
//!  while:   start: cond; LOOP; body; JMP start          exit:
//!  repeat:  start: LOOP; body; cond -> start            exit:
//!           (if the body's locals were captured: cond true -> UCLO, break;
//!            cond false -> UCLO, JMP start)
//!  for i:   init; FORI -> exit; body; FORL -> body      exit:
//!  for in:  explist; JMP -> call; body; call: ITERC; ITERL -> body   exit:
//! ```

use super::expdesc::{EK, ExpDesc};
use super::func::{SCOPE_BREAK, SCOPE_GOLA, SCOPE_LOOP, SCOPE_UPVAL};
use super::{BREAK, Compiler, Fail, MAX_LEVEL, VKind};
use crate::bytecode::op::Op;
use crate::syntax::ast::{Block, Expr, ExprKind, FuncName, Stat, StatKind};

impl Compiler {
    /// A `do ... end`-style block with its own scope.
    pub(super) fn block(&mut self, b: &Block) -> Result<(), Fail> {
        self.enter()?;
        self.scope_begin(0);
        self.stats(b, false)?;
        self.scope_end()?;
        self.leave();
        Ok(())
    }

    /// The statements of a block, in the current scope. A `repeat` body's labels are
    /// never "trailing": `until` still sees its locals.
    pub(super) fn stats(&mut self, b: &Block, repeat_body: bool) -> Result<(), Fail> {
        let last_non_label = b.stats.iter().rposition(|s| !matches!(s.kind, StatKind::Label(_)));
        for (i, s) in b.stats.iter().enumerate() {
            self.fs.see(s.line.0);
            if let StatKind::Label(name) = &s.kind {
                let trailing = !repeat_body && last_non_label.is_none_or(|l| i > l);
                self.label(name, trailing)?;
            } else {
                self.stat(s)?;
            }
            self.fs.freereg = self.fs.nactvar();
        }
        Ok(())
    }

    fn stat(&mut self, s: &Stat) -> Result<(), Fail> {
        let line = s.line.0;
        match &s.kind {
            StatKind::Local { names, exprs } => {
                let mut vars = Vec::with_capacity(names.len());
                for (n, name) in names.iter().enumerate() {
                    vars.push(self.var_new(n as u32, name)?);
                }
                let (nexps, e) = self.explist(exprs)?;
                self.assign_adjust(names.len() as u32, nexps, e)?;
                self.var_add(&vars);
            }
            StatKind::LocalFunction { name, func } => {
                let v = self.var_new(0, name)?;
                let reg = self.fs.freereg;
                self.fs.reserve(1)?;
                self.var_add(&[v]);
                let mut b = self.function_body(func, false)?;
                self.fs.free_exp(&b);
                self.fs.toreg(&mut b, reg)?;
                // In scope (as an upvalue) for its own body, valid after the store.
                self.vstack[v].startpc = self.fs.pc();
            }
            StatKind::Function { name, func } => self.function_stat(name, func, line)?,
            StatKind::Assign { targets, exprs } => self.assign(targets, exprs)?,
            StatKind::Call(e) => {
                let mut v = self.suffixed(e)?;
                match v.k {
                    EK::Call { pc, .. } => self.fs.set_b(pc, 1),
                    _ => self.fs.tonextreg(&mut v)?,
                }
            }
            StatKind::Do(b) => self.block(b)?,
            StatKind::While { cond, body } => {
                let start = self.fs.pc();
                self.fs.lasttarget = start;
                let exit = self.cond(cond)?;
                self.scope_begin(SCOPE_LOOP);
                self.fs.see(s.aux_line.0);
                let lp = self.fs.emit_pending(Op::LOOP, self.fs.nactvar())?;
                self.block(body)?;
                let back = self.fs.emit_jmp()?;
                self.fs.jmp_patch(back, start)?;
                self.scope_end()?;
                self.fs.jmp_tohere(exit);
                self.fs.set_target(lp, self.fs.pc())?;
            }
            StatKind::Repeat { body, cond } => {
                let start = self.fs.pc();
                self.fs.lasttarget = start;
                self.scope_begin(SCOPE_LOOP);
                self.scope_begin(0);
                let lp = self.fs.emit_pending(Op::LOOP, self.fs.nactvar())?;
                self.enter()?;
                self.stats(body, true)?;
                self.leave();
                let mut exit = self.cond(cond)?;
                let captured = self.fs.scopes.last().is_some_and(|s| s.flags & SCOPE_UPVAL != 0);
                if captured {
                    self.brk()?;
                    self.fs.jmp_tohere(exit);
                    self.scope_end()?;
                    exit = self.fs.emit_jmp()?;
                } else {
                    self.scope_end()?;
                }
                self.fs.jmp_patch(exit, start)?;
                self.fs.set_target(lp, self.fs.pc())?;
                self.scope_end()?;
            }
            StatKind::If { arms, orelse } => {
                let mut escape = Vec::new();
                let mut pending: Option<Vec<usize>> = None;
                for (cond, body) in arms {
                    if let Some(flist) = pending.take() {
                        escape.extend(self.fs.emit_jmp()?);
                        self.fs.jmp_tohere(flist);
                    }
                    let flist = self.cond(cond)?;
                    self.block(body)?;
                    pending = Some(flist);
                }
                match (orelse, pending) {
                    (Some(b), Some(flist)) => {
                        escape.extend(self.fs.emit_jmp()?);
                        self.fs.jmp_tohere(flist);
                        self.block(b)?;
                    }
                    (Some(b), None) => self.block(b)?,
                    (None, flist) => escape.extend(flist.unwrap_or_default()),
                }
                self.fs.jmp_tohere(escape);
            }
            StatKind::NumericFor { var, start, limit, step, body } => {
                self.scope_begin(SCOPE_LOOP);
                let base = self.fs.freereg;
                let vars = [
                    self.var_new(0, "(for index)")?,
                    self.var_new(1, "(for limit)")?,
                    self.var_new(2, "(for step)")?,
                    self.var_new(3, var)?,
                ];
                self.expr_next(start)?;
                self.expr_next(limit)?;
                match step {
                    Some(step) => self.expr_next(step)?,
                    None => {
                        self.fs.emit_ad(Op::KSHORT, self.fs.freereg, 1)?;
                        self.fs.reserve(1)?;
                    }
                }
                self.var_add(&vars[..3]);
                self.fs.see(s.aux_line.0);
                let fori = self.fs.emit_pending(Op::FORI, base)?;
                self.scope_begin(0);
                self.var_add(&vars[3..]);
                self.fs.reserve(1)?;
                self.block(body)?;
                self.scope_end()?;
                let forl = self.fs.emit_jump_to(Op::FORL, base, fori + 1)?;
                self.fs.set_line(forl, line);
                self.fs.set_target(fori, self.fs.pc())?;
                self.scope_end()?;
            }
            StatKind::GenericFor { names, exprs, body } => {
                self.scope_begin(SCOPE_LOOP);
                let base = self.fs.freereg + 3;
                let mut vars = vec![
                    self.var_new(0, "(for generator)")?,
                    self.var_new(1, "(for state)")?,
                    self.var_new(2, "(for control)")?,
                ];
                for name in names {
                    vars.push(self.var_new(vars.len() as u32, name)?);
                }
                let nvis = names.len() as u32;
                let call_line = exprs.first().map_or(line, super::expr::first_line);
                let (nexps, e) = self.explist(exprs)?;
                self.assign_adjust(3, nexps, e)?;
                // ITERC copies generator, state and control above the visible variables.
                self.fs.bump(4)?;
                self.var_add(&vars[..3]);
                self.fs.see(s.aux_line.0);
                let jmp = self.fs.emit_pending(Op::JMP, base)?;
                self.scope_begin(0);
                self.var_add(&vars[3..]);
                self.fs.reserve(nvis)?;
                self.block(body)?;
                self.scope_end()?;
                self.fs.set_target(jmp, self.fs.pc())?;
                let iterc = self.fs.emit_abc(Op::ITERC, base, nvis + 1, 3)?;
                let iterl = self.fs.emit_jump_to(Op::ITERL, base, jmp + 1)?;
                self.fs.set_line(iterc, call_line);
                self.fs.set_line(iterl, call_line);
                self.scope_end()?;
            }
            StatKind::Return(exprs) => self.ret(exprs)?,
            StatKind::Break => self.brk()?,
            StatKind::Goto(name) => {
                if let Some(l) = self.find_label(name) {
                    // A backward goto in the same block is a loop.
                    let pc = self.fs.pc();
                    self.fs.emit_jump_to(Op::LOOP, self.vstack[l].slot, pc)?;
                }
                if let Some(s) = self.fs.scopes.last_mut() {
                    s.flags |= SCOPE_GOLA;
                }
                let jumps = self.fs.emit_jmp()?;
                self.gola_new(name, VKind::Goto, jumps)?;
            }
            StatKind::Label(name) => self.label(name, false)?,
        }
        Ok(())
    }

    /// `expr` into the next register.
    fn expr_next(&mut self, e: &Expr) -> Result<(), Fail> {
        let mut v = self.expr(e)?;
        self.fs.tonextreg(&mut v)
    }

    /// A condition: falls through when true, returns the jumps taken when false.
    fn cond(&mut self, e: &Expr) -> Result<Vec<usize>, Fail> {
        let mut v = self.expr(e)?;
        if let EK::Nil = v.k {
            v.k = EK::False;
        }
        self.fs.branch_t(&mut v)?;
        Ok(v.f)
    }

    fn brk(&mut self) -> Result<(), Fail> {
        if let Some(s) = self.fs.scopes.last_mut() {
            s.flags |= SCOPE_BREAK;
        }
        let jumps = self.fs.emit_jmp()?;
        self.gola_new(BREAK, VKind::Goto, jumps)?;
        Ok(())
    }

    fn label(&mut self, name: &str, trailing: bool) -> Result<(), Fail> {
        self.fs.lasttarget = self.fs.pc();
        if let Some(s) = self.fs.scopes.last_mut() {
            s.flags |= SCOPE_GOLA;
        }
        if self.find_label(name).is_some() {
            return Err(self.fs.fail(format!("duplicate label '{name}'")));
        }
        let l = self.gola_new(name, VKind::Label, vec![self.fs.pc()])?;
        let Some(&scope) = self.fs.scopes.last() else { return Ok(()) };
        if trailing {
            // A label at the end of a block is outside the scope of the block's locals.
            self.vstack[l].slot = scope.nactvar;
        }
        self.gola_resolve(&scope, l)
    }

    fn ret(&mut self, exprs: &[Expr]) -> Result<(), Fail> {
        let fs_nactvar = self.fs.nactvar();
        let (op, a, d) = if exprs.is_empty() {
            (Op::RET0, 0, 1)
        } else {
            let (n, mut e) = self.explist(exprs)?;
            match e.k {
                EK::Call { pc, base } if self.fs.code[pc].op() != Op::VARG && n == 1 => {
                    let call = self.fs.code[pc];
                    self.fs.code.pop();
                    self.fs.lines.pop();
                    let op = if call.op() == Op::CALLM { Op::CALLMT } else { Op::CALLT };
                    (op, base, call.c() as u32)
                }
                EK::Call { pc, base } => {
                    self.fs.set_b(pc, 0);
                    (Op::RETM, fs_nactvar, base - fs_nactvar)
                }
                _ if n == 1 => (Op::RET1, self.fs.toanyreg(&mut e)?, 2),
                _ => {
                    self.fs.tonextreg(&mut e)?;
                    (Op::RET, fs_nactvar, n + 1)
                }
            }
        };
        self.fs.has_return = true;
        if self.fs.has_child {
            let next = self.fs.pc() + 1;
            self.fs.emit_jump_to(Op::UCLO, 0, next)?;
        }
        self.fs.emit_ad(op, a, d)?;
        Ok(())
    }

    /// Adjusts the values of an expression list (`nexps`, last one `e`) to `nvars`
    /// registers from the current base: widens or truncates a trailing call, pads with
    /// nil, drops extra values.
    pub(super) fn assign_adjust(&mut self, nvars: u32, nexps: u32, mut e: ExpDesc) -> Result<(), Fail> {
        let extra = nvars as i64 - nexps as i64;
        if let EK::Call { pc, .. } = e.k {
            let extra = (extra + 1).max(0) as u32;
            self.fs.set_b(pc, extra + 1);
            if extra > 1 {
                self.fs.reserve(extra - 1)?;
            }
        } else {
            if !matches!(e.k, EK::Void) {
                self.fs.tonextreg(&mut e)?;
            }
            if extra > 0 {
                let reg = self.fs.freereg;
                self.fs.reserve(extra as u32)?;
                self.fs.emit_nil(reg, extra as u32)?;
            }
        }
        if nexps > nvars {
            self.fs.freereg -= nexps - nvars;
        }
        Ok(())
    }

    fn assign(&mut self, targets: &[Expr], exprs: &[Expr]) -> Result<(), Fail> {
        let mut vars: Vec<ExpDesc> = Vec::with_capacity(targets.len());
        for (i, t) in targets.iter().enumerate() {
            if i > 0 && self.level + i as u32 >= MAX_LEVEL {
                return Err(self.fs.limit(MAX_LEVEL as usize, "variable names"));
            }
            // An indexed target's line is where it ends; `suffixed` sees its parts' lines.
            let v = match &t.kind {
                ExprKind::Name(n) => {
                    self.fs.see(t.line.0);
                    ExpDesc::new(self.lookup(n)?)
                }
                ExprKind::Index(..) => self.suffixed(t)?,
                _ => return Err(self.fs.fail("syntax error")),
            };
            if let EK::Local(reg, _) = v.k {
                self.assign_hazard(&mut vars, reg)?;
            }
            vars.push(v);
        }
        let nvars = vars.len() as u32;
        let (nexps, mut e) = self.explist(exprs)?;
        if nexps == nvars {
            if let EK::Call { pc, base } = e.k {
                if self.fs.code[pc].op() == Op::VARG {
                    self.fs.freereg -= 1;
                    e.k = EK::Reloc(pc);
                } else {
                    e.k = EK::NonReloc(base);
                }
            }
            if let Some(last) = vars.pop() {
                self.store(&last, e)?;
            }
        } else {
            self.assign_adjust(nvars, nexps, e)?;
        }
        for v in vars.iter().rev() {
            let e = ExpDesc::new(EK::NonReloc(self.fs.freereg - 1));
            self.store(v, e)?;
        }
        Ok(())
    }

    /// `t[i], i = ...` stores right to left: a table or key register that a later
    /// target (a local) overwrites first is copied away.
    fn assign_hazard(&mut self, vars: &mut [ExpDesc], reg: u32) -> Result<(), Fail> {
        let tmp = self.fs.freereg;
        let mut hazard = false;
        for v in vars.iter_mut() {
            if let EK::Indexed(t, key) = &mut v.k {
                if *t == reg {
                    *t = tmp;
                    hazard = true;
                }
                if *key == super::expdesc::Key::Reg(reg) {
                    *key = super::expdesc::Key::Reg(tmp);
                    hazard = true;
                }
            }
        }
        if hazard {
            self.fs.emit_ad(Op::MOV, tmp, reg)?;
            self.fs.reserve(1)?;
        }
        Ok(())
    }

    /// `function a.b.c:m() ... end`.
    fn function_stat(
        &mut self,
        name: &FuncName,
        func: &crate::syntax::ast::FuncBody,
        line: u32,
    ) -> Result<(), Fail> {
        let mut v = ExpDesc::new(self.lookup(&name.base)?);
        for field in name.fields.iter().chain(&name.method) {
            self.fs.toanyreg(&mut v)?;
            let key = ExpDesc::new(EK::Str(field.as_bytes().to_vec()));
            self.index(&mut v, key)?;
        }
        let b = self.function_body(func, name.method.is_some())?;
        self.store(&v, b)?;
        let pc = self.fs.pc() - 1;
        self.fs.set_line(pc, line);
        Ok(())
    }
}
