//! The parser: tokens to the AST, with LuaJIT 2.1's grammar, checks and messages.
//!
//! It follows the structure of LuaJIT's `lj_parse.c` function by function, because
//! error behaviour depends on it: which error wins when a chunk has several, the line
//! reported (the scanner's line at the moment of the check), and the token quoted.
//! Besides the grammar it performs the checks LuaJIT's parser makes while generating
//! code, so the compiler may assume a valid tree:
//!
//! * `...` only inside a vararg function;
//! * at most 200 active locals and 60 upvalues per function ("main function has more
//!   than 200 local variables"), at most 65476 entries on LuaJIT's variable stack
//!   ("chunk has more than 65476 local variables"), at most 200 syntax levels
//!   ("chunk has too many syntax levels");
//! * `break` inside a loop, `goto` to a visible label, no duplicate label in a block,
//!   no forward `goto` into the scope of a local (a label at the end of its block, i.e.
//!   before `end`/`else`/`elseif`/EOF but not `until`, is outside the block's locals).
//!
//! Lua 5.1 rules as LuaJIT applies them: `return` and `break` end a block (an optional
//! `;` may follow); `;` is not an empty statement; a call's `(` on a new line is an
//! "ambiguous syntax" error; `goto` is a name where no goto statement can start.
//!
//! (Names are resolved only as far as the upvalue limit needs.) Limits LuaJIT
//! checks during code generation (250 slots, 65536 constants, jump distances) are
//! the compiler's.
//!
//! Known differences from LuaJIT: trees deeper than [`MAX_TREE_DEPTH`] are rejected
//! (see there), and names that are not UTF-8 can collide in the tree (see
//! `lexer.rs`; the checks here and their messages use the source bytes).
//!
//! Lines, as LuaJIT attributes them (the compiler puts them into debug info and
//! error messages). "The line of a token" is where the scanner stands after reading
//! it (LuaJIT's `linenumber`): where a multi-line string ends. A statement has the
//! line of its first token; a call or method call the line of its argument list's
//! first token (`(`, `{` or the string); a binary or unary operation, and an
//! indexing, the line of its last token (LuaJIT emits the instruction after reading
//! the operand); a literal, name, table or `Paren` the line of its first token; a
//! function expression and [`FuncBody::line`] LuaJIT's `linedefined` (the `function`
//! keyword for `function f()` statements, the `(` for function expressions and
//! `local function`), and [`FuncBody::end_line`] the line of `end`.
//!
//! Recursion: every recursive path passes a syntax level (parse_chunk, expr_binop,
//! nested labels), so parsing recurses at most 200 levels deep whatever the input. The
//! tree itself can still be deep without recursion (`a+b+c+...`, `a.b.c...`), so each
//! node's depth is tracked too and trees are kept within [`MAX_TREE_DEPTH`]: the
//! printer, the compiler and `Drop` recurse over the tree.

use super::ast::*;
use super::error::SyntaxError;
use super::lexer::Lexer;
use super::token::{Number, Tok};

/// `LJ_MAX_XLEVEL`: nesting of chunks, expressions and labels.
const MAX_LEVEL: u32 = 200;
/// `LJ_MAX_LOCVAR`.
const MAX_LOCALS: usize = 200;
/// `LJ_MAX_UPVAL`.
const MAX_UPVALS: usize = 60;
/// `LJ_MAX_VSTACK`: entries in LuaJIT's variable stack, which holds every local
/// declared so far in the open functions (live or not) and their gotos and labels.
const MAX_VSTACK: usize = 65536 - MAX_UPVALS;

/// No tree returned by [`parse`] is deeper than this, counting expressions, statements
/// and blocks. Code LuaJIT accepts stays well below it (its own 200 levels keep
/// nesting to about 400) unless it chains hundreds of left-associative operators or
/// suffixes, which we reject with "chunk has too many syntax levels" where LuaJIT
/// would not.
pub const MAX_TREE_DEPTH: u32 = 600;

/// Parses a chunk. `chunkname` is as given to `load`: `@file`, `=name`, or the source
/// text itself (see [`super::chunk_shortname`]).
pub fn parse(src: &[u8], chunkname: impl AsRef<[u8]>) -> Result<Chunk, SyntaxError> {
    let chunkname = chunkname.as_ref();
    let mut p = Parser {
        ls: Lexer::new(src, chunkname)?,
        level: 0,
        fs: Vec::new(),
        gola: Vec::new(),
        next_id: 0,
        vtop: 0,
    };
    p.fs.push(FuncState::new(0, true, 0));
    p.scope_begin(false);
    p.ls.next()?;
    let (body, _) = p.parse_chunk()?;
    if p.ls.tok != Tok::Eof {
        return Err(p.err_token(&Tok::Eof));
    }
    p.scope_end()?;
    Ok(Chunk { body, end_line: Line(p.ls.line) })
}

/// A goto (`name` None: a `break`) or label that still needs matching, as in
/// LuaJIT's variable stack.
struct Gola<'a> {
    /// The name as in the source (raw bytes, for messages).
    name: Option<&'a [u8]>,
    is_label: bool,
    /// Number of active locals at the goto or label (for a trailing label: of the
    /// enclosing block's start).
    slot: usize,
    line: u32,
    live: bool,
}

struct Scope {
    nactvar: usize,
    gola_start: usize,
    is_loop: bool,
    /// A local declared in it is an upvalue of an inner function.
    has_upval: bool,
}

struct FuncState<'a> {
    vararg: bool,
    linedefined: u32,
    /// Names of the active locals as in the source, hidden loop variables included
    /// (they count against the limit).
    actvars: Vec<&'a [u8]>,
    /// A unique id for each active local (parallel to `actvars`).
    ids: Vec<u32>,
    /// Ids of the outer locals this function uses.
    upvals: Vec<u32>,
    blocks: Vec<Scope>,
    /// The variable stack's height when the function started.
    vbase: usize,
    /// Set while the last instruction LuaJIT has emitted is the `UCLO` that ends a
    /// `do` block with captured locals: its line. A `goto` or `break` right there
    /// reuses that instruction, and with it its line for error messages.
    uclo_line: Option<u32>,
}

impl FuncState<'_> {
    fn new<'a>(linedefined: u32, vararg: bool, vbase: usize) -> FuncState<'a> {
        let (actvars, ids, upvals, blocks) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        FuncState { vararg, linedefined, actvars, ids, upvals, blocks, vbase, uclo_line: None }
    }
}

/// What an expression made by `expr_primary` can be used as in a statement.
#[derive(Clone, Copy, PartialEq)]
enum Prim {
    Call,
    Assignable,
    Other,
}

struct Parser<'a> {
    ls: Lexer<'a>,
    level: u32,
    fs: Vec<FuncState<'a>>,
    gola: Vec<Gola<'a>>,
    next_id: u32,
    /// Height of LuaJIT's variable stack (see [`MAX_VSTACK`]).
    vtop: usize,
}

fn is_block_end(t: &Tok) -> bool {
    matches!(t, Tok::Else | Tok::Elseif | Tok::End | Tok::Until | Tok::Eof)
}

fn binop(t: &Tok) -> Option<BinOp> {
    Some(match t {
        Tok::Char(b'+') => BinOp::Add,
        Tok::Char(b'-') => BinOp::Sub,
        Tok::Char(b'*') => BinOp::Mul,
        Tok::Char(b'/') => BinOp::Div,
        Tok::Char(b'%') => BinOp::Mod,
        Tok::Char(b'^') => BinOp::Pow,
        Tok::Concat => BinOp::Concat,
        Tok::Ne => BinOp::Ne,
        Tok::Eq => BinOp::Eq,
        Tok::Char(b'<') => BinOp::Lt,
        Tok::Le => BinOp::Le,
        Tok::Char(b'>') => BinOp::Gt,
        Tok::Ge => BinOp::Ge,
        Tok::And => BinOp::And,
        Tok::Or => BinOp::Or,
        _ => return None,
    })
}

type R<T> = Result<T, SyntaxError>;

impl<'a> Parser<'a> {
    // -- Errors and token helpers -------------------------------------------------

    fn err_token(&self, what: &Tok) -> SyntaxError {
        self.ls.error_near_tok(format!("'{}' expected", what.spelling()))
    }

    fn fs(&self) -> &FuncState<'a> {
        // The parser always has a function open while it reads tokens.
        &self.fs[self.fs.len() - 1]
    }

    fn fs_mut(&mut self) -> &mut FuncState<'a> {
        let n = self.fs.len() - 1;
        &mut self.fs[n]
    }

    fn err_limit(&self, limit: usize, what: &str) -> SyntaxError {
        self.err_limit_in(self.fs(), limit, what)
    }

    fn err_limit_in(&self, fs: &FuncState<'a>, limit: usize, what: &str) -> SyntaxError {
        let msg = match fs.linedefined {
            0 => format!("main function has more than {limit} {what}"),
            line => format!("function at line {line} has more than {limit} {what}"),
        };
        self.ls.error(msg, None)
    }

    fn synlevel_begin(&mut self) -> R<()> {
        self.level += 1;
        if self.level >= MAX_LEVEL {
            return Err(self.ls.error("chunk has too many syntax levels", None));
        }
        Ok(())
    }

    /// Checks the depth of a node whose deepest child has depth `child`.
    fn node(&self, child: u32) -> R<u32> {
        if child >= MAX_TREE_DEPTH {
            return Err(self.ls.error("chunk has too many syntax levels", None));
        }
        Ok(child + 1)
    }

    fn next(&mut self) -> R<()> {
        self.ls.next()
    }

    fn opt(&mut self, t: &Tok) -> R<bool> {
        if self.ls.tok == *t {
            self.next()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn check(&mut self, t: &Tok) -> R<()> {
        if self.ls.tok != *t {
            return Err(self.err_token(t));
        }
        self.next()
    }

    /// Expects `what` closing `who`, which was opened at `line`.
    fn check_match(&mut self, what: &Tok, who: &Tok, line: u32) -> R<()> {
        if self.opt(what)? {
            return Ok(());
        }
        if line == self.ls.line {
            return Err(self.err_token(what));
        }
        let msg = format!("'{}' expected (to close '{}' at line {})", what.spelling(), who.spelling(), line);
        Err(self.ls.error_near_tok(msg))
    }

    /// A name (or `goto`, which LuaJIT accepts as one).
    fn name(&mut self) -> R<String> {
        let s = match &mut self.ls.tok {
            Tok::Name(s) => std::mem::take(s),
            Tok::Goto => "goto".to_string(),
            _ => return Err(self.err_token(&Tok::Name(String::new()))),
        };
        self.next()?;
        Ok(s)
    }

    /// A name, and its bytes in the source (which differ for names that are not
    /// UTF-8; messages quote the source).
    fn name_raw(&mut self) -> R<(String, &'a [u8])> {
        let raw = self.ls.tok_raw();
        Ok((self.name()?, raw))
    }

    fn is_name(&self) -> bool {
        matches!(self.ls.tok, Tok::Name(_) | Tok::Goto)
    }

    // -- Scopes, locals, gotos and labels -----------------------------------------

    /// `var_new`'s checks for the `n`-th of the locals being declared.
    fn var_new(&mut self, n: usize) -> R<()> {
        if self.fs().actvars.len() + n >= MAX_LOCALS {
            return Err(self.err_limit(MAX_LOCALS, "local variables"));
        }
        self.vstack_push()
    }

    /// Room for one more entry on LuaJIT's variable stack.
    fn vstack_check(&self) -> R<()> {
        if self.vtop >= MAX_VSTACK {
            return Err(self.ls.error(format!("chunk has more than {MAX_VSTACK} local variables"), None));
        }
        Ok(())
    }

    fn vstack_push(&mut self) -> R<()> {
        self.vstack_check()?;
        self.vtop += 1;
        Ok(())
    }

    /// `gola_new`: a pending goto or break, or a label.
    fn gola_new(&mut self, name: Option<&'a [u8]>, is_label: bool, line: u32) -> R<()> {
        self.vstack_push()?;
        let slot = self.fs().actvars.len();
        self.gola.push(Gola { name, is_label, slot, line, live: true });
        Ok(())
    }

    fn add_locals(&mut self, names: impl IntoIterator<Item = &'a [u8]>) {
        let mut id = self.next_id;
        let fs = self.fs.last_mut().expect("open function");
        for n in names {
            fs.actvars.push(n);
            fs.ids.push(id);
            id += 1;
        }
        self.next_id = id;
    }

    /// Looks a name up as LuaJIT's `var_lookup` does, to count the upvalues each
    /// function between the local's and this one needs (outermost first).
    fn resolve(&mut self, name: &[u8]) -> R<()> {
        let cur = self.fs.len() - 1;
        let found =
            (0..=cur).rev().find_map(|k| self.fs[k].actvars.iter().rposition(|&n| n == name).map(|i| (k, i)));
        let Some((k, i)) = found else { return Ok(()) };
        let id = self.fs[k].ids[i];
        if k < cur {
            // `fscope_uvmark`: the scope that declared it now holds an upvalue.
            if let Some(bl) = self.fs[k].blocks.iter_mut().rev().find(|b| b.nactvar <= i) {
                bl.has_upval = true;
            }
        }
        for j in k + 1..=cur {
            if !self.fs[j].upvals.contains(&id) {
                if self.fs[j].upvals.len() >= MAX_UPVALS {
                    return Err(self.err_limit_in(&self.fs[j], MAX_UPVALS, "upvalues"));
                }
                self.fs[j].upvals.push(id);
            }
        }
        Ok(())
    }

    fn scope_begin(&mut self, is_loop: bool) {
        let gola_start = self.gola.len();
        let fs = self.fs_mut();
        let nactvar = fs.actvars.len();
        fs.blocks.push(Scope { nactvar, gola_start, is_loop, has_upval: false });
    }

    /// Ends a scope: resolves its breaks (loops), retires its labels, matches them to
    /// backward gotos, and hands pending gotos to the enclosing scope, or reports them
    /// when the function ends (`fscope_end`, `gola_fixup`).
    fn scope_end(&mut self) -> R<()> {
        let fs = self.fs.last_mut().expect("open function");
        let bl = fs.blocks.pop().expect("open scope");
        fs.actvars.truncate(bl.nactvar);
        fs.ids.truncate(bl.nactvar);
        let has_parent = !fs.blocks.is_empty();
        if bl.is_loop && self.gola[bl.gola_start..].iter().any(|g| g.live && g.name.is_none()) {
            // LuaJIT resolves the breaks against a label it pushes and drops at once.
            self.vstack_check()?;
        }
        let gola = &mut self.gola[bl.gola_start..];
        if bl.is_loop {
            for g in gola.iter_mut() {
                if g.live && g.name.is_none() {
                    g.live = false;
                }
            }
        }
        for i in 0..gola.len() {
            if !gola[i].live {
                continue;
            }
            if gola[i].is_label {
                gola[i].live = false;
                let (head, tail) = gola.split_at_mut(i + 1);
                for g in tail {
                    if g.live && !g.is_label && g.name == head[i].name {
                        g.live = false;
                    }
                }
            } else if has_parent {
                gola[i].slot = bl.nactvar;
            } else {
                let g = &gola[i];
                let msg = match g.name {
                    None => b"no loop to break".to_vec(),
                    Some(n) => [&b"undefined label '"[..], n, b"'"].concat(),
                };
                return Err(self.ls.error_at(g.line, msg, None));
            }
        }
        // Only pending gotos survive; later scopes start after them.
        let mut k = bl.gola_start;
        for i in bl.gola_start..self.gola.len() {
            if self.gola[i].live {
                self.gola.swap(k, i);
                k += 1;
            }
        }
        self.gola.truncate(k);
        Ok(())
    }

    fn block_gola_start(&self) -> usize {
        self.fs().blocks.last().map_or(0, |b| b.gola_start)
    }

    fn find_label(&self, name: &[u8]) -> bool {
        self.gola[self.block_gola_start()..].iter().any(|g| g.live && g.is_label && g.name == Some(name))
    }

    // -- Expressions ----------------------------------------------------------------

    fn expr(&mut self) -> R<(Expr, u32)> {
        let (e, d, _) = self.expr_binop(0)?;
        Ok((e, d))
    }

    fn expr_list(&mut self) -> R<(Vec<Expr>, u32)> {
        let (e, mut d) = self.expr()?;
        let mut v = vec![e];
        while self.opt(&Tok::Char(b','))? {
            let (e, ed) = self.expr()?;
            d = d.max(ed);
            v.push(e);
        }
        Ok((v, d))
    }

    /// Binary operators binding tighter than `limit`; returns the first operator it
    /// did not consume.
    fn expr_binop(&mut self, limit: u8) -> R<(Expr, u32, Option<BinOp>)> {
        self.synlevel_begin()?;
        let (mut v, mut d) = self.expr_unop()?;
        let mut op = binop(&self.ls.tok);
        while let Some(o) = op {
            let (left, right) = o.priority();
            if left <= limit {
                break;
            }
            let op_line = Line(self.ls.line);
            self.next()?;
            let (rhs, rd, nextop) = self.expr_binop(right)?;
            d = self.node(d.max(rd))?;
            v = Expr::new(ExprKind::BinOp(o, Box::new(v), Box::new(rhs)), Line(self.ls.lastline))
                .with_aux_line(op_line);
            op = nextop;
        }
        self.level -= 1;
        Ok((v, d, op))
    }

    fn expr_unop(&mut self) -> R<(Expr, u32)> {
        let op = match self.ls.tok {
            Tok::Not => UnOp::Not,
            Tok::Char(b'-') => UnOp::Neg,
            Tok::Char(b'#') => UnOp::Len,
            _ => return self.expr_simple(),
        };
        self.next()?;
        let (e, d, _) = self.expr_binop(UNARY_PRIORITY)?;
        let d = self.node(d)?;
        Ok((Expr::new(ExprKind::UnOp(op, Box::new(e)), Line(self.ls.lastline)), d))
    }

    fn expr_simple(&mut self) -> R<(Expr, u32)> {
        let line = Line(self.ls.line);
        let kind = match &mut self.ls.tok {
            Tok::Number(n) => match *n {
                Number::Float(v) => ExprKind::Number(v),
                Number::Int64(v) => ExprKind::Int64(v),
                Number::UInt64(v) => ExprKind::UInt64(v),
                Number::Imaginary(v) => ExprKind::Imaginary(v),
            },
            Tok::String(s) => ExprKind::String(std::mem::take(s)),
            Tok::Nil => ExprKind::Nil,
            Tok::True => ExprKind::True,
            Tok::False => ExprKind::False,
            Tok::Dots => {
                if !self.fs().vararg {
                    return Err(self.ls.error_near_tok("cannot use '...' outside a vararg function"));
                }
                ExprKind::Vararg
            }
            Tok::Char(b'{') => return self.expr_table(),
            Tok::Function => {
                self.next()?;
                let (f, d) = self.parse_body(false, self.ls.line)?;
                let line = f.line;
                return Ok((Expr::new(ExprKind::Function(Box::new(f)), line), self.node(d)?));
            }
            _ => {
                let (e, d, _) = self.expr_primary()?;
                return Ok((e, d));
            }
        };
        self.next()?;
        Ok((Expr::new(kind, line), 1))
    }

    fn expr_table(&mut self) -> R<(Expr, u32)> {
        let line = self.ls.line;
        self.check(&Tok::Char(b'{'))?;
        let mut fields = Vec::new();
        let mut d = 0;
        while self.ls.tok != Tok::Char(b'}') {
            if self.ls.tok == Tok::Char(b'[') {
                self.next()?;
                let (k, kd) = self.expr()?;
                self.check(&Tok::Char(b']'))?;
                self.check(&Tok::Char(b'='))?;
                let (v, vd) = self.expr()?;
                d = d.max(kd).max(vd);
                fields.push(TableField::Keyed(k, v));
            } else if self.is_name() && *self.ls.lookahead()? == Tok::Char(b'=') {
                let name = self.name()?;
                self.check(&Tok::Char(b'='))?;
                let (v, vd) = self.expr()?;
                d = d.max(vd);
                fields.push(TableField::Named(name, v));
            } else {
                let (v, vd) = self.expr()?;
                d = d.max(vd);
                fields.push(TableField::Positional(v));
            }
            if !self.opt(&Tok::Char(b','))? && !self.opt(&Tok::Char(b';'))? {
                break;
            }
        }
        self.check_match(&Tok::Char(b'}'), &Tok::Char(b'{'), line)?;
        Ok((Expr::new(ExprKind::Table(fields), Line(line)), self.node(d)?))
    }

    /// A prefix expression with its suffixes (`expr_primary`).
    fn expr_primary(&mut self) -> R<(Expr, u32, Prim)> {
        let (mut v, mut d, mut prim);
        if self.ls.tok == Tok::Char(b'(') {
            let line = self.ls.line;
            self.next()?;
            let (e, ed) = self.expr()?;
            self.check_match(&Tok::Char(b')'), &Tok::Char(b'('), line)?;
            // Grouping parentheses leave no trace; truncating ones do.
            (v, d) = if e.is_multi() {
                (Expr::new(ExprKind::Paren(Box::new(e)), Line(line)), self.node(ed)?)
            } else {
                (e, ed)
            };
            prim = Prim::Other;
        } else if self.is_name() {
            let line = Line(self.ls.line);
            let (name, raw) = self.name_raw()?;
            self.resolve(raw)?;
            v = Expr::new(ExprKind::Name(name), line);
            d = 1;
            prim = Prim::Assignable;
        } else {
            return Err(self.ls.error_near_tok("unexpected symbol"));
        }
        loop {
            match self.ls.tok {
                Tok::Char(b'.') => {
                    self.next()?;
                    let key = Expr::new(ExprKind::String(self.name()?.into_bytes()), Line(self.ls.lastline));
                    d = self.node(d)?;
                    v = Expr::new(ExprKind::Index(Box::new(v), Box::new(key)), Line(self.ls.lastline));
                    prim = Prim::Assignable;
                }
                Tok::Char(b'[') => {
                    self.next()?;
                    let (key, kd) = self.expr()?;
                    self.check(&Tok::Char(b']'))?;
                    d = self.node(d.max(kd))?;
                    v = Expr::new(ExprKind::Index(Box::new(v), Box::new(key)), Line(self.ls.lastline));
                    prim = Prim::Assignable;
                }
                Tok::Char(b':') => {
                    self.next()?;
                    let name = self.name()?;
                    let (args, ad, line) = self.parse_args()?;
                    d = self.node(d.max(ad))?;
                    v = Expr::new(ExprKind::MethodCall(Box::new(v), name, args), Line(line))
                        .with_aux_line(Line(self.ls.lastline));
                    prim = Prim::Call;
                }
                Tok::Char(b'(') | Tok::String(_) | Tok::Char(b'{') => {
                    let (args, ad, line) = self.parse_args()?;
                    d = self.node(d.max(ad))?;
                    v = Expr::new(ExprKind::Call(Box::new(v), args), Line(line))
                        .with_aux_line(Line(self.ls.lastline));
                    prim = Prim::Call;
                }
                _ => break,
            }
        }
        Ok((v, d, prim))
    }

    /// Call arguments; also returns the line LuaJIT gives the call.
    fn parse_args(&mut self) -> R<(Vec<Expr>, u32, u32)> {
        let line = self.ls.line;
        let (args, d) = match &mut self.ls.tok {
            Tok::Char(b'(') => {
                if line != self.ls.lastline {
                    return Err(self.ls.error_near_tok("ambiguous syntax (function call x new statement)"));
                }
                self.next()?;
                let r = if self.ls.tok == Tok::Char(b')') { (Vec::new(), 0) } else { self.expr_list()? };
                self.check_match(&Tok::Char(b')'), &Tok::Char(b'('), line)?;
                r
            }
            Tok::Char(b'{') => {
                let (t, d) = self.expr_table()?;
                (vec![t], d)
            }
            Tok::String(s) => {
                let s = std::mem::take(s);
                self.next()?;
                (vec![Expr::new(ExprKind::String(s), Line(line))], 1)
            }
            _ => return Err(self.ls.error_near_tok("function arguments expected")),
        };
        Ok((args, d, line))
    }

    /// Parameters and body of a function; `line` is LuaJIT's `linedefined` for it.
    fn parse_body(&mut self, needself: bool, line: u32) -> R<(FuncBody, u32)> {
        self.fs.push(FuncState::new(line, false, self.vtop));
        self.scope_begin(false);
        self.check(&Tok::Char(b'('))?;
        let (mut params, mut locals) = (Vec::new(), Vec::new());
        if needself {
            self.var_new(0)?;
            locals.push(&b"self"[..]);
        }
        let mut vararg = false;
        if self.ls.tok != Tok::Char(b')') {
            loop {
                if self.is_name() {
                    let (name, raw) = self.name_raw()?;
                    self.var_new(locals.len())?;
                    params.push(name);
                    locals.push(raw);
                } else if self.ls.tok == Tok::Dots {
                    self.next()?;
                    vararg = true;
                    break;
                } else {
                    return Err(self.ls.error_near_tok("<name> or '...' expected"));
                }
                if !self.opt(&Tok::Char(b','))? {
                    break;
                }
            }
        }
        self.add_locals(locals);
        self.fs_mut().vararg = vararg;
        self.check(&Tok::Char(b')'))?;
        let (body, d) = self.parse_chunk()?;
        if self.ls.tok != Tok::End {
            self.check_match(&Tok::End, &Tok::Function, line)?;
        }
        let end_line = self.ls.line;
        self.scope_end()?;
        if let Some(fs) = self.fs.pop() {
            self.vtop = fs.vbase;
        }
        self.next()?;
        let f = FuncBody { params, vararg, body, line: Line(line), end_line: Line(end_line) };
        Ok((f, d))
    }

    // -- Statements -------------------------------------------------------------------

    /// Statements up to the end of a block (`parse_chunk`).
    fn parse_chunk(&mut self) -> R<(Block, u32)> {
        self.synlevel_begin()?;
        let mut stats = Vec::new();
        let mut d = 0;
        let mut last = false;
        while !last && !is_block_end(&self.ls.tok) {
            let (sd, l) = self.parse_stmt(&mut stats)?;
            d = d.max(sd);
            last = l;
            self.opt(&Tok::Char(b';'))?;
        }
        self.level -= 1;
        Ok((Block { stats }, self.node(d)?))
    }

    fn parse_block(&mut self) -> R<(Block, u32)> {
        self.scope_begin(false);
        let r = self.parse_chunk()?;
        self.scope_end()?;
        Ok(r)
    }

    /// One statement (several for a run of labels), appended to `out`. Returns its
    /// depth and whether it must end the block.
    fn parse_stmt(&mut self, out: &mut Vec<Stat>) -> R<(u32, bool)> {
        let line = self.ls.line;
        let goto_stat = self.ls.tok == Tok::Goto && matches!(self.ls.lookahead()?, Tok::Name(_));
        if self.ls.tok == Tok::Do {
            // Emits nothing of its own but the closing UCLO (see `uclo_line`).
            self.next()?;
            self.scope_begin(false);
            let (b, d) = self.parse_chunk()?;
            if self.fs().blocks.last().is_some_and(|b| b.has_upval) {
                self.fs_mut().uclo_line = Some(self.ls.lastline);
            }
            self.scope_end()?;
            self.check_match(&Tok::End, &Tok::Do, line)?;
            out.push(Stat::new(StatKind::Do(b), Line(line)));
            return Ok((self.node(d)?, false));
        }
        let uclo_line = self.fs_mut().uclo_line.take();
        let jump_line = |p: &Self| uclo_line.unwrap_or(p.ls.lastline);
        let r = self.parse_other_stmt(out, line, goto_stat, jump_line);
        self.fs_mut().uclo_line = None;
        r
    }

    /// A statement other than `do`.
    fn parse_other_stmt(
        &mut self,
        out: &mut Vec<Stat>,
        line: u32,
        goto_stat: bool,
        jump_line: impl Fn(&Self) -> u32,
    ) -> R<(u32, bool)> {
        // Loops also tell the line of their `do`.
        let mut do_line = Line(0);
        let (kind, d) = match self.ls.tok {
            Tok::If => self.parse_if(line)?,
            Tok::While => {
                let (k, d, l) = self.parse_while(line)?;
                do_line = l;
                (k, d)
            }
            Tok::For => {
                let (k, d, l) = self.parse_for(line)?;
                do_line = l;
                (k, d)
            }
            Tok::Repeat => self.parse_repeat(line)?,
            Tok::Function => self.parse_func(line)?,
            Tok::Local => {
                self.next()?;
                self.parse_local()?
            }
            Tok::Return => {
                self.next()?;
                let (exprs, d) = if is_block_end(&self.ls.tok) || self.ls.tok == Tok::Char(b';') {
                    (Vec::new(), 0)
                } else {
                    self.expr_list()?
                };
                out.push(Stat::new(StatKind::Return(exprs), Line(line)));
                return Ok((self.node(d)?, true));
            }
            Tok::Break => {
                self.next()?;
                self.gola_new(None, false, jump_line(self))?;
                out.push(Stat::new(StatKind::Break, Line(line)));
                return Ok((1, true));
            }
            Tok::Label => {
                self.parse_label(out)?;
                return Ok((1, false));
            }
            Tok::Goto if goto_stat => {
                self.next()?;
                let (name, raw) = self.name_raw()?;
                self.gola_new(Some(raw), false, jump_line(self))?;
                (StatKind::Goto(name), 0)
            }
            _ => self.parse_call_assign()?,
        };
        out.push(Stat::new(kind, Line(line)).with_aux_line(do_line));
        Ok((self.node(d)?, false))
    }

    fn parse_label(&mut self, out: &mut Vec<Stat>) -> R<()> {
        let line = self.ls.line;
        self.next()?;
        let (name, raw) = self.name_raw()?;
        if self.find_label(raw) {
            return Err(self.ls.error([&b"duplicate label '"[..], raw, b"'"].concat(), None));
        }
        let idx = self.gola.len();
        self.gola_new(Some(raw), true, line)?;
        self.check(&Tok::Label)?;
        out.push(Stat::new(StatKind::Label(name), Line(line)));
        while self.ls.tok == Tok::Label {
            self.synlevel_begin()?;
            self.parse_label(out)?;
            self.level -= 1;
        }
        let bl_start = self.block_gola_start();
        if is_block_end(&self.ls.tok) && self.ls.tok != Tok::Until {
            // A trailing label is outside the scope of the block's locals.
            self.gola[idx].slot = self.fs().blocks.last().map_or(0, |b| b.nactvar);
        }
        // Resolve pending forward gotos to this label.
        let label_slot = self.gola[idx].slot;
        for i in bl_start..idx {
            let g = &self.gola[i];
            if g.live && !g.is_label && g.name == self.gola[idx].name {
                if g.slot < label_slot {
                    let local = self.fs().actvars[g.slot];
                    let msg =
                        [&b"<goto "[..], raw, b"> jumps into the scope of local '", local, b"'"].concat();
                    return Err(self.ls.error_at(g.line, msg, None));
                }
                self.gola[i].live = false;
            }
        }
        Ok(())
    }

    fn parse_if(&mut self, line: u32) -> R<(StatKind, u32)> {
        let mut arms = Vec::new();
        let mut d = 0;
        loop {
            self.next()?; // 'if' or 'elseif'
            let (cond, cd) = self.expr()?;
            self.check(&Tok::Then)?;
            let (b, bd) = self.parse_block()?;
            d = d.max(cd).max(bd);
            arms.push((cond, b));
            if self.ls.tok != Tok::Elseif {
                break;
            }
        }
        let orelse = if self.ls.tok == Tok::Else {
            self.next()?;
            let (b, bd) = self.parse_block()?;
            d = d.max(bd);
            Some(b)
        } else {
            None
        };
        self.check_match(&Tok::End, &Tok::If, line)?;
        Ok((StatKind::If { arms, orelse }, d))
    }

    fn parse_while(&mut self, line: u32) -> R<(StatKind, u32, Line)> {
        self.next()?;
        let (cond, cd) = self.expr()?;
        self.scope_begin(true);
        self.check(&Tok::Do)?;
        let do_line = Line(self.ls.lastline);
        let (body, bd) = self.parse_block()?;
        self.check_match(&Tok::End, &Tok::While, line)?;
        self.scope_end()?;
        Ok((StatKind::While { cond, body }, cd.max(bd), do_line))
    }

    fn parse_repeat(&mut self, line: u32) -> R<(StatKind, u32)> {
        self.scope_begin(true);
        self.scope_begin(false);
        self.next()?;
        let (body, bd) = self.parse_chunk()?;
        self.check_match(&Tok::Until, &Tok::Repeat, line)?;
        let (cond, cd) = self.expr()?; // Still inside the body's scope.
        if self.fs().blocks.last().is_some_and(|b| b.has_upval) {
            // LuaJIT leaves the loop through an extra break that closes the upvalues.
            self.gola_new(None, false, self.ls.lastline)?;
        }
        self.scope_end()?;
        self.scope_end()?;
        Ok((StatKind::Repeat { body, cond }, cd.max(bd)))
    }

    fn parse_for(&mut self, line: u32) -> R<(StatKind, u32, Line)> {
        // The hidden control variables count as locals, as in LuaJIT.
        const HIDDEN: [&[u8]; 3] = [b"(for generator)", b"(for state)", b"(for control)"];
        self.scope_begin(true);
        self.next()?;
        let (var, var_raw) = self.name_raw()?;
        let r = match self.ls.tok {
            Tok::Char(b'=') => {
                for n in 0..4 {
                    self.var_new(n)?;
                }
                self.next()?;
                let (start, sd) = self.expr()?;
                self.check(&Tok::Char(b','))?;
                let (limit, ld) = self.expr()?;
                let (step, td) = if self.opt(&Tok::Char(b','))? {
                    let (s, td) = self.expr()?;
                    (Some(s), td)
                } else {
                    (None, 0)
                };
                self.add_locals(HIDDEN);
                self.check(&Tok::Do)?;
                let do_line = Line(self.ls.lastline);
                self.scope_begin(false);
                self.add_locals([var_raw]);
                let (body, bd) = self.parse_block()?;
                self.scope_end()?;
                (StatKind::NumericFor { var, start, limit, step, body }, sd.max(ld).max(td).max(bd), do_line)
            }
            Tok::Char(b',') | Tok::In => {
                for n in 0..4 {
                    self.var_new(n)?;
                }
                let (mut names, mut raws) = (vec![var], vec![var_raw]);
                while self.opt(&Tok::Char(b','))? {
                    let (n, raw) = self.name_raw()?;
                    self.var_new(names.len() + 3)?;
                    names.push(n);
                    raws.push(raw);
                }
                self.check(&Tok::In)?;
                let (exprs, ed) = self.expr_list()?;
                self.add_locals(HIDDEN);
                self.check(&Tok::Do)?;
                let do_line = Line(self.ls.lastline);
                self.scope_begin(false);
                self.add_locals(raws);
                let (body, bd) = self.parse_block()?;
                self.scope_end()?;
                (StatKind::GenericFor { names, exprs, body }, ed.max(bd), do_line)
            }
            _ => return Err(self.ls.error_near_tok("'=' or 'in' expected")),
        };
        self.check_match(&Tok::End, &Tok::For, line)?;
        self.scope_end()?;
        Ok(r)
    }

    fn parse_func(&mut self, line: u32) -> R<(StatKind, u32)> {
        self.next()?;
        let (base, raw) = self.name_raw()?;
        self.resolve(raw)?;
        let mut fields = Vec::new();
        while self.ls.tok == Tok::Char(b'.') {
            self.next()?;
            fields.push(self.name()?);
        }
        let method = if self.ls.tok == Tok::Char(b':') {
            self.next()?;
            Some(self.name()?)
        } else {
            None
        };
        let (func, d) = self.parse_body(method.is_some(), line)?;
        Ok((StatKind::Function { name: FuncName { base, fields, method }, func }, d))
    }

    fn parse_local(&mut self) -> R<(StatKind, u32)> {
        if self.opt(&Tok::Function)? {
            let (name, raw) = self.name_raw()?;
            self.var_new(0)?;
            self.add_locals([raw]);
            let (func, d) = self.parse_body(false, self.ls.line)?;
            return Ok((StatKind::LocalFunction { name, func }, d));
        }
        let (mut names, mut raws) = (Vec::new(), Vec::new());
        loop {
            let (n, raw) = self.name_raw()?;
            self.var_new(names.len())?;
            names.push(n);
            raws.push(raw);
            if !self.opt(&Tok::Char(b','))? {
                break;
            }
        }
        let (exprs, d) = if self.opt(&Tok::Char(b'='))? { self.expr_list()? } else { (Vec::new(), 0) };
        self.add_locals(raws);
        Ok((StatKind::Local { names, exprs }, d))
    }

    fn parse_call_assign(&mut self) -> R<(StatKind, u32)> {
        let (first, mut d, prim) = self.expr_primary()?;
        if prim == Prim::Call {
            return Ok((StatKind::Call(first), d));
        }
        if prim != Prim::Assignable {
            return Err(self.ls.error_near_tok("syntax error"));
        }
        let mut targets = vec![first];
        while self.opt(&Tok::Char(b','))? {
            let (t, td, prim) = self.expr_primary()?;
            if self.level as usize + targets.len() >= MAX_LEVEL as usize {
                return Err(self.err_limit(MAX_LEVEL as usize, "variable names"));
            }
            if prim != Prim::Assignable {
                return Err(self.ls.error_near_tok("syntax error"));
            }
            d = d.max(td);
            targets.push(t);
        }
        self.check(&Tok::Char(b'='))?;
        let (exprs, ed) = self.expr_list()?;
        Ok((StatKind::Assign { targets, exprs }, d.max(ed)))
    }
}
