//! Locals, upvalues, block scopes, `goto`/labels/`break`, and finishing a function.
//!
//! All functions being compiled share one variable stack (LuaJIT's `vstack`). It holds
//! locals in declaration order (they become the `varinfo` debug records), pending gotos
//! and labels. A `goto` stays pending until a label of its name is seen in the same
//! block (forward jump) or until its block ends: then a label of the block resolves it
//! (backward jump), or it moves out to the enclosing block, becoming a `UCLO` if the
//! block it leaves had captured locals. `break` is a goto to a label made at the end of
//! the innermost loop.

use super::expdesc::EK;
use super::func::{
    FuncState, SCOPE_BREAK, SCOPE_GOLA, SCOPE_LOOP, SCOPE_NOCLOSE, SCOPE_UPVAL, Scope, UvTree,
};
use super::{BREAK, Compiler, Fail, MAX_LOCVAR, MAX_UPVAL, MAX_VSTACK, VKind, VarEntry};
use crate::bytecode::op::{Ins, Op};
use crate::bytecode::proto::{Proto, UpvalDesc, VarInfo};
use crate::syntax::ast;

impl Compiler {
    pub(super) fn scope_begin(&mut self, flags: u8) {
        let scope = Scope { vstart: self.vstack.len(), nactvar: self.fs.nactvar(), flags };
        self.fs.scopes.push(scope);
    }

    pub(super) fn scope_end(&mut self) -> Result<(), Fail> {
        let Some(scope) = self.fs.scopes.pop() else { return Ok(()) };
        self.var_remove(scope.nactvar);
        self.fs.freereg = self.fs.nactvar();
        if scope.flags & (SCOPE_UPVAL | SCOPE_NOCLOSE) == SCOPE_UPVAL {
            let next = self.fs.pc() + 1;
            self.fs.emit_jump_to(Op::UCLO, scope.nactvar, next)?;
        }
        if scope.flags & SCOPE_BREAK != 0 {
            if scope.flags & SCOPE_LOOP != 0 {
                let idx = self.gola_new(BREAK, VKind::Label, vec![self.fs.pc()])?;
                self.gola_resolve(&scope, idx)?;
                self.vstack.truncate(idx);
            } else {
                return self.gola_fixup(&scope);
            }
        }
        if scope.flags & SCOPE_GOLA != 0 {
            self.gola_fixup(&scope)?;
        }
        Ok(())
    }

    // ---- Locals. ---------------------------------------------------------------------

    /// Declares the `n`-th of a group of new locals (not active until [`Compiler::var_add`]).
    pub(super) fn var_new(&mut self, n: u32, name: &str) -> Result<usize, Fail> {
        if self.fs.nactvar() + n >= MAX_LOCVAR {
            return Err(self.fs.limit(MAX_LOCVAR as usize, "local variables"));
        }
        self.vstack_check()?;
        let id = self.var_rw.len() as u32;
        self.var_rw.push(false);
        self.vstack.push(VarEntry {
            name: name.to_string(),
            kind: VKind::Local,
            slot: 0,
            startpc: 0,
            endpc: 0,
            line: self.fs.line,
            live: true,
            id,
            threaded: Vec::new(),
        });
        Ok(self.vstack.len() - 1)
    }

    fn vstack_check(&self) -> Result<(), Fail> {
        if self.vstack.len() >= MAX_VSTACK {
            return Err(self.fs.fail(format!("chunk has more than {MAX_VSTACK} local variables")));
        }
        Ok(())
    }

    /// Makes declared locals active, in the next registers.
    pub(super) fn var_add(&mut self, vars: &[usize]) {
        for &v in vars {
            self.vstack[v].slot = self.fs.nactvar();
            self.vstack[v].startpc = self.fs.pc();
            self.fs.actvar.push(v);
        }
    }

    pub(super) fn var_remove(&mut self, tolevel: u32) {
        while self.fs.nactvar() > tolevel {
            if let Some(v) = self.fs.actvar.pop() {
                self.vstack[v].endpc = self.fs.pc();
            }
        }
    }

    /// Marks the local at variable-stack index `vidx` as assigned.
    pub(super) fn mark_rw(&mut self, vidx: usize) {
        if let Some(v) = self.vstack.get(vidx) {
            self.var_rw[v.id as usize] = true;
        }
    }

    fn find_local(&self, fs: &FuncState, name: &str) -> Option<(u32, usize)> {
        fs.actvar
            .iter()
            .enumerate()
            .rev()
            .find(|(_, v)| self.vstack[**v].name == name)
            .map(|(r, &v)| (r as u32, v))
    }

    fn func_mut(&mut self, level: usize) -> &mut FuncState {
        if level == self.outer.len() { &mut self.fs } else { &mut self.outer[level] }
    }

    /// Resolves a name: a local of this function, an upvalue (created along the chain
    /// of enclosing functions as needed), or a global.
    pub(super) fn lookup(&mut self, name: &str) -> Result<EK, Fail> {
        if let Some((reg, vidx)) = self.find_local(&self.fs, name) {
            return Ok(EK::Local(reg, vidx));
        }
        let depth = self.outer.len();
        for level in (0..depth).rev() {
            let Some((reg, vidx)) = self.find_local(&self.outer[level], name) else { continue };
            mark_upval(&mut self.outer[level], reg);
            let id = self.vstack[vidx].id;
            let mut desc = UpvalDesc { in_parent_local: true, index: reg as u8, immutable: false };
            let mut idx = 0;
            for inner in level + 1..=depth {
                let line = self.fs.line;
                let f = self.func_mut(inner);
                idx = match f.uv_vidx.iter().position(|&v| v == vidx) {
                    Some(i) => i,
                    None => {
                        if f.uvdesc.len() >= MAX_UPVAL {
                            let mut fail = f.limit(MAX_UPVAL, "upvalues");
                            fail.line = line;
                            return Err(fail);
                        }
                        f.uv_vidx.push(vidx);
                        f.uv_vars.push(id);
                        f.uvdesc.push(desc);
                        f.uvnames.push(name.to_string());
                        f.uvdesc.len() - 1
                    }
                };
                desc = UpvalDesc { in_parent_local: false, index: idx as u8, immutable: false };
            }
            return Ok(EK::Upval(idx as u32, vidx));
        }
        Ok(EK::Global(name.as_bytes().to_vec()))
    }

    // ---- Gotos and labels. -----------------------------------------------------------

    /// A goto or label entry; `jumps` is the goto's jump followed by the jumps threaded
    /// through it (for labels: just the target pc).
    pub(super) fn gola_new(&mut self, name: &str, kind: VKind, jumps: Vec<usize>) -> Result<usize, Fail> {
        let pc = jumps.first().copied().unwrap_or(self.fs.pc());
        self.vstack_check()?;
        self.vstack.push(VarEntry {
            name: name.to_string(),
            kind,
            slot: self.fs.nactvar(),
            startpc: pc,
            endpc: pc,
            line: self.fs.line,
            live: true,
            id: 0,
            threaded: jumps.get(1..).unwrap_or_default().to_vec(),
        });
        Ok(self.vstack.len() - 1)
    }

    /// A label of the innermost block with this name, if any.
    pub(super) fn find_label(&self, name: &str) -> Option<usize> {
        let start = self.fs.scopes.last().map_or(self.fs.vbase, |s| s.vstart);
        (start..self.vstack.len()).find(|&i| {
            self.vstack[i].live && self.vstack[i].kind == VKind::Label && self.vstack[i].name == name
        })
    }

    /// Points the goto at `g` to the label at `l`.
    fn gola_patch(&mut self, g: usize, l: usize) -> Result<(), Fail> {
        let pc = self.vstack[g].startpc;
        self.vstack[g].live = false;
        let (slot, target) = (self.vstack[l].slot, self.vstack[l].startpc);
        self.fs.set_a(pc, slot);
        let mut list = vec![pc];
        list.append(&mut self.vstack[g].threaded);
        self.fs.jmp_patch(list, target)
    }

    /// Makes the goto at `g` close upvalues on its way out (`JMP` becomes `UCLO`).
    fn gola_close(&mut self, g: usize) -> Result<(), Fail> {
        let pc = self.vstack[g].startpc;
        let ins = self.fs.code[pc];
        let mut ins = ins.with_a(self.vstack[g].slot as u8);
        if ins.op() == Op::JMP {
            ins = ins.with_op(Op::UCLO);
            // Jumps threaded through the goto leave the scope too: they go to the UCLO.
            let threaded = std::mem::take(&mut self.vstack[g].threaded);
            self.fs.jmp_patch(threaded, pc)?;
        }
        self.fs.code[pc] = ins;
        Ok(())
    }

    /// Resolves the pending forward gotos of `scope` to the new label at `l`.
    pub(super) fn gola_resolve(&mut self, scope: &Scope, l: usize) -> Result<(), Fail> {
        for g in scope.vstart..l {
            let v = &self.vstack[g];
            if v.live && v.kind == VKind::Goto && v.name == self.vstack[l].name {
                if v.slot < self.vstack[l].slot {
                    let local = self.fs.actvar.get(v.slot as usize).map_or("?", |&i| &self.vstack[i].name);
                    let msg = format!("<goto {}> jumps into the scope of local '{}'", v.name, local);
                    return Err(Fail { line: v.line, msg });
                }
                self.gola_patch(g, l)?;
            }
        }
        Ok(())
    }

    /// At the end of `scope`: its labels resolve the backward gotos after them and go
    /// out of scope; its pending gotos move out to the enclosing scope.
    fn gola_fixup(&mut self, scope: &Scope) -> Result<(), Fail> {
        for i in scope.vstart..self.vstack.len() {
            if !self.vstack[i].live {
                continue;
            }
            match self.vstack[i].kind {
                VKind::Label => {
                    self.vstack[i].live = false;
                    for g in i + 1..self.vstack.len() {
                        let v = &self.vstack[g];
                        if v.live && v.kind == VKind::Goto && v.name == self.vstack[i].name {
                            if scope.flags & SCOPE_UPVAL != 0 && v.slot > self.vstack[i].slot {
                                self.gola_close(g)?;
                            }
                            self.gola_patch(g, i)?;
                        }
                    }
                }
                VKind::Goto => {
                    let is_break = self.vstack[i].name == BREAK;
                    if let Some(outer) = self.fs.scopes.last_mut() {
                        outer.flags |= if is_break { SCOPE_BREAK } else { SCOPE_GOLA };
                        self.vstack[i].slot = scope.nactvar;
                        if scope.flags & SCOPE_UPVAL != 0 {
                            self.gola_close(i)?;
                        }
                    } else {
                        let v = &self.vstack[i];
                        let msg = if is_break {
                            "no loop to break".to_string()
                        } else {
                            format!("undefined label '{}'", v.name)
                        };
                        return Err(Fail { line: v.line, msg });
                    }
                }
                VKind::Local => {}
            }
        }
        Ok(())
    }

    // ---- Functions. ------------------------------------------------------------------

    /// Starts compiling a nested function.
    pub(super) fn open_func(&mut self, f: &ast::FuncBody) {
        let fs = FuncState::new(f.line.0, f.vararg, self.vstack.len());
        let parent = std::mem::replace(&mut self.fs, fs);
        self.outer.push(parent);
        self.scope_begin(0);
    }

    /// Finishes a nested function and returns to its parent.
    pub(super) fn close_func(&mut self, lastline: u32) -> Result<(Proto, UvTree), Fail> {
        let done = self.finish(lastline)?;
        if let Some(parent) = self.outer.pop() {
            self.fs = parent;
        }
        Ok(done)
    }

    /// Ends the function being compiled: final return, header, debug info.
    pub(super) fn finish(&mut self, lastline: u32) -> Result<(Proto, UvTree), Fail> {
        self.fs.see(lastline);
        let lastpc = self.fs.pc();
        let ends_in_return = lastpc > self.fs.lasttarget
            && matches!(
                self.fs.code[lastpc - 1].op(),
                Op::CALLMT | Op::CALLT | Op::RETM | Op::RET | Op::RET0 | Op::RET1
            );
        if !ends_in_return {
            if self.fs.scopes.first().is_some_and(|s| s.flags & SCOPE_UPVAL != 0) {
                let next = self.fs.pc() + 1;
                self.fs.emit_jump_to(Op::UCLO, 0, next)?;
            }
            self.fs.emit_ad(Op::RET0, 0, 1)?;
        }
        if self.fs.fixup_return {
            self.fixup_returns(lastpc)?;
        }
        if let Some(s) = self.fs.scopes.last_mut() {
            s.flags |= SCOPE_NOCLOSE;
        }
        while !self.fs.scopes.is_empty() {
            self.scope_end()?;
        }
        self.fs.check_const_limits()?;
        let fs = &mut self.fs;
        let header = if fs.is_vararg { Op::FUNCV } else { Op::FUNCF };
        fs.code[0] = Ins::ad(header, fs.framesize as u8, 0);
        fs.lines[0] = fs.linedefined;
        let varinfo = self.vstack[fs.vbase..]
            .iter()
            .filter(|v| v.kind == VKind::Local)
            .map(|v| VarInfo {
                name: v.name.clone(),
                slot: v.slot as u8,
                startpc: v.startpc as u32,
                endpc: v.endpc as u32,
            })
            .collect();
        self.vstack.truncate(fs.vbase);
        let tree =
            UvTree { vars: std::mem::take(&mut fs.uv_vars), children: std::mem::take(&mut fs.child_uv) };
        let proto = Proto {
            code: std::mem::take(&mut fs.code),
            lines: std::mem::take(&mut fs.lines),
            knum: std::mem::take(&mut fs.knum),
            kgc: std::mem::take(&mut fs.kgc),
            protos: std::mem::take(&mut fs.protos),
            uvdesc: std::mem::take(&mut fs.uvdesc),
            uvnames: std::mem::take(&mut fs.uvnames),
            varinfo,
            numparams: fs.numparams as u8,
            is_vararg: fs.is_vararg,
            framesize: fs.framesize as u8,
            chunkname: self.chunkname.clone(),
            linedefined: fs.linedefined,
            lastlinedefined: lastline,
        };
        Ok((proto, tree))
    }
}

impl Compiler {
    /// Returns compiled before the first closure did not close upvalues, but a loop
    /// may run them after a closure captured a local: each return up to the first
    /// `UCLO` moves to the end of the function, leaving `UCLO 0` + jump in its place.
    fn fixup_returns(&mut self, lastpc: usize) -> Result<(), Fail> {
        let fs = &mut self.fs;
        for pc in 1..lastpc {
            let ins = fs.code[pc];
            match ins.op() {
                Op::CALLMT | Op::CALLT | Op::RETM | Op::RET | Op::RET0 | Op::RET1 => {
                    let line = fs.line;
                    fs.line = fs.lines[pc];
                    let copy = fs.emit(ins)?;
                    fs.line = line;
                    fs.code[pc] = Ins::ad(Op::UCLO, 0, 0);
                    if fs.set_target(pc, copy).is_err() {
                        return Err(fs.fail("function too long for return fixup"));
                    }
                }
                Op::UCLO => return Ok(()),
                _ => {}
            }
        }
        Ok(())
    }
}

/// The scope declaring the local in `reg` now has a captured local.
fn mark_upval(fs: &mut FuncState, reg: u32) {
    if let Some(s) = fs.scopes.iter_mut().rev().find(|s| s.nactvar <= reg) {
        s.flags |= SCOPE_UPVAL;
    }
}
