//! The compiler from the AST to bytecode, in the image of LuaJIT's `lj_parse.c`.
//!
//! LuaJIT compiles while it parses, in one pass; here the tree already exists, but the
//! code generator keeps LuaJIT's shape because the bytecode it produces is what the
//! interpreter, the error messages ("attempt to call global 'f'" is found by looking at
//! the instruction that loaded the callee) and later the trace recorder are written
//! against:
//!
//! * `expdesc`: expression descriptors, discharged lazily into registers, constant
//!   operands or jumps, so `x + 1` is one `ADDVN` and `if a < b` one `ISLT` + `JMP`.
//! * `jumps`: forward jump lists, patched when the target is known; `and`/`or` values
//!   travel along them through `ISTC`/`ISFC`.
//! * `func`: per-function state: instruction buffer with a line per instruction,
//!   constant tables, stack-like register allocation, scopes.
//! * `scope`: locals, upvalue resolution across nested functions, block scopes and
//!   the `goto`/label/`break` machinery (LuaJIT's "gola": pending jumps kept on the
//!   variable stack, resolved when a label appears or a scope ends, turned into `UCLO`
//!   when they leave a scope whose locals were captured).
//! * `ops`: operators, with LuaJIT's operand forms and constant folding.
//! * `expr`, `table`, `stmt`: the AST walk; `template`: the array size LuaJIT
//!   gives a constructor's template table.
//!
//! Lines: every instruction gets the line LuaJIT's one-pass parser would give it, the
//! line of the last token read when it is emitted, which the compiler tracks as the
//! highest line of the nodes compiled so far; calls take the line of their opening
//! parenthesis and loop controls that of their header, as in LuaJIT. The tree has no
//! positions for closing tokens (`end`, `)`, `}`), so the few instructions LuaJIT emits
//! right after one (a block's closing `UCLO`, an `if` arm's exit `JMP`, the main
//! chunk's final `RET0`) may get an earlier line; none of them can raise an error.
//!
//! Generic `for` always uses `JMP`/`ITERC`: `ISNEXT`/`ITERN` are left to the JIT (see
//! `op.rs`); otherwise the code is LuaJIT's, instruction for instruction.
//!
//! Recursion follows the tree, so it is bounded: nested expressions and blocks count
//! syntax levels like LuaJIT's parser does ("chunk has too many syntax levels"), while
//! left-leaning chains that the parser builds in a loop (`a + b + c`, `a.b.c`, `f()()`,
//! `a .. b .. c`) are compiled in a loop too. Errors are values ([`CompileError`]); no
//! tree makes the compiler panic.

mod expdesc;
mod expr;
mod func;
mod jumps;
mod ops;
mod scope;
mod stmt;
mod table;
mod template;

use std::rc::Rc;

use self::func::{FuncState, UvTree};
use crate::bytecode::proto::Proto;
use crate::syntax::ast;

/// LuaJIT's limit on active locals per function.
const MAX_LOCVAR: u32 = 200;
/// LuaJIT's limit on upvalues per function.
const MAX_UPVAL: usize = 60;
/// LuaJIT's limit on syntax nesting.
const MAX_LEVEL: u32 = 200;
/// LuaJIT's limit on the variable stack (locals, gotos and labels of the functions
/// being compiled).
const MAX_VSTACK: usize = 65536 - MAX_UPVAL;

/// A compile error, displayed as LuaJIT shows it: `chunk:line: message`, with the
/// chunk name shortened as in every LuaJIT message (`@f.lua` -> `f.lua`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The chunk name as given to [`compile`].
    pub chunkname: String,
    pub line: u32,
    pub msg: String,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", crate::syntax::chunk_shortname(&self.chunkname), self.line, self.msg)
    }
}

impl std::error::Error for CompileError {}

/// An error inside the compiler, before the chunk name is attached.
#[derive(Debug)]
struct Fail {
    line: u32,
    msg: String,
}

/// Compiles a chunk into its main function (always vararg, `linedefined` 0).
pub fn compile(chunk: &ast::Chunk, chunkname: &str) -> Result<Proto, CompileError> {
    let mut c = Compiler {
        fs: FuncState::new(0, true, 0),
        outer: Vec::new(),
        vstack: Vec::new(),
        var_rw: Vec::new(),
        level: 0,
        chunkname: Rc::from(chunkname),
    };
    match c.main(chunk) {
        Ok((mut proto, tree)) => {
            c.fix_immutable(&mut proto, &tree);
            Ok(proto)
        }
        Err(f) => Err(CompileError { chunkname: chunkname.to_string(), line: f.line, msg: f.msg }),
    }
}

/// What an entry of the variable stack is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VKind {
    Local,
    Goto,
    Label,
}

/// An entry of the variable stack: a local (with its live range for debug info), a
/// pending `goto`/`break` (startpc = its jump), or a label (startpc = its target).
#[derive(Clone, Debug)]
struct VarEntry {
    name: String,
    kind: VKind,
    /// Locals: their register. Gotos: active locals at the jump. Labels: active locals
    /// at the label.
    slot: u32,
    startpc: usize,
    endpc: usize,
    line: u32,
    /// Gotos and labels: not yet resolved / still in scope.
    live: bool,
    /// Locals: index into `Compiler::var_rw`.
    id: u32,
    /// Gotos: jumps that were pending to the goto's position and now go wherever it
    /// goes.
    threaded: Vec<usize>,
}

/// The name under which `break` travels through the goto machinery (a keyword, so no
/// label can have it).
const BREAK: &str = "break";

struct Compiler {
    /// The function being compiled.
    fs: FuncState,
    /// The enclosing functions, outermost first.
    outer: Vec<FuncState>,
    /// Locals, gotos and labels of all functions being compiled.
    vstack: Vec<VarEntry>,
    /// Per local ever declared: assigned after its declaration (so upvalues capturing
    /// it are not immutable).
    var_rw: Vec<bool>,
    /// Syntax nesting depth.
    level: u32,
    chunkname: Rc<str>,
}

impl Compiler {
    /// Enters a nested expression or block.
    fn enter(&mut self) -> Result<(), Fail> {
        self.level += 1;
        if self.level >= MAX_LEVEL {
            return Err(self.fs.fail("chunk has too many syntax levels"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.level -= 1;
    }

    fn main(&mut self, chunk: &ast::Chunk) -> Result<(Proto, UvTree), Fail> {
        self.scope_begin(0);
        self.fs.emit_ad(crate::bytecode::op::Op::FUNCV, 0, 0)?;
        self.stats(&chunk.body, false)?;
        // A tree built in memory has no end line: its last statement stands in.
        let last = match chunk.end_line.0 {
            0 => chunk.body.stats.last().map_or(0, |s| s.line.0),
            end => end,
        };
        self.finish(last)
    }

    /// Sets the final "immutable" flag of every upvalue descriptor, now that every
    /// assignment has been seen.
    fn fix_immutable(&self, proto: &mut Proto, tree: &UvTree) {
        let mut work = vec![(proto, tree)];
        while let Some((p, t)) = work.pop() {
            for (desc, &var) in p.uvdesc.iter_mut().zip(&t.vars) {
                desc.immutable = !self.var_rw.get(var as usize).copied().unwrap_or(true);
            }
            work.extend(p.protos.iter_mut().zip(&t.children));
        }
    }
}

#[cfg(test)]
mod tests;
