//! The abstract syntax tree of Lua 5.1 plus LuaJIT 2.1's extensions.
//!
//! One tree serves four clients: the bytecode compiler, the printer, the program
//! generator (`twin-gen`) and the reducer. That shapes two rules:
//!
//! * **Canonical form.** Parentheses that only group (`(a + b) * c`) are not kept: the
//!   printer re-derives them from precedence. [`ExprKind::Paren`] is kept only where it
//!   changes meaning, i.e. around a multi-valued expression (`(f())`, `(...)`), which it
//!   truncates to one value. `a.b` and `a["b"]` are the same [`ExprKind::Index`] with a
//!   string key; `a:m(x)` is [`ExprKind::MethodCall`]. So `parse(print(ast)) == ast`
//!   holds for every tree the parser produces and every tree the generator builds.
//! * **Positions do not take part in equality.** [`Line`] compares equal to every other
//!   line, so trees from different sources (a generated tree and its reprint) compare by
//!   structure alone, while the compiler still has a line for every statement and
//!   expression to put in error messages and debug info.
//!
//! `goto` and labels are statements like any other. The parser checks everything
//! LuaJIT checks while parsing (no jump into the scope of a local, no duplicate or
//! missing label, `break` inside a loop, `...` inside a vararg function, at most 200
//! locals), so the compiler may assume a tree from `parse` is valid. Trees from
//! `parse` are at most [`super::MAX_TREE_DEPTH`] deep, so code that recurses over
//! them needs a bounded stack.

/// A source line (1-based; 0 for trees built in memory). Equal to every other `Line`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Line(pub u32);

impl PartialEq for Line {
    fn eq(&self, _: &Line) -> bool {
        true
    }
}

/// An identifier.
pub type Name = String;

/// A whole source file or `load`ed string: the body of the main function, which is
/// always vararg.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Chunk {
    pub body: Block,
    /// The line of the end of the source, where the lexer found its end (LuaJIT's
    /// `lastlinedefined` of the main function's prototype; `debug.getinfo` shows it).
    pub end_line: Line,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Block {
    pub stats: Vec<Stat>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stat {
    pub kind: StatKind,
    /// The line where the statement starts.
    pub line: Line,
    /// For `while` and `for` loops, the line of their `do` (where LuaJIT emits the
    /// loop's first instruction); 0 elsewhere and in trees built in memory.
    pub aux_line: Line,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StatKind {
    /// `local a, b = e1, e2` (`exprs` may be empty).
    Local {
        names: Vec<Name>,
        exprs: Vec<Expr>,
    },
    /// `t1, t2 = e1, e2`; every target is a [`ExprKind::Name`] or [`ExprKind::Index`].
    Assign {
        targets: Vec<Expr>,
        exprs: Vec<Expr>,
    },
    /// A call used as a statement: a [`ExprKind::Call`] or [`ExprKind::MethodCall`].
    Call(Expr),
    Do(Block),
    While {
        cond: Expr,
        body: Block,
    },
    /// `repeat body until cond`: `cond` sees the locals of `body` (5.1 scoping).
    Repeat {
        body: Block,
        cond: Expr,
    },
    /// `if c1 then b1 elseif c2 then b2 ... else e end`; `arms` is never empty.
    If {
        arms: Vec<(Expr, Block)>,
        orelse: Option<Block>,
    },
    /// `for var = start, limit[, step] do body end`.
    NumericFor {
        var: Name,
        start: Expr,
        limit: Expr,
        step: Option<Expr>,
        body: Block,
    },
    /// `for n1, n2 in e1, e2 do body end`.
    GenericFor {
        names: Vec<Name>,
        exprs: Vec<Expr>,
        body: Block,
    },
    /// `function a.b.c:m(params) body end`.
    Function {
        name: FuncName,
        func: FuncBody,
    },
    /// `local function f(params) body end` (`f` is in scope inside its own body).
    LocalFunction {
        name: Name,
        func: FuncBody,
    },
    /// `return e1, e2`: the parser only accepts it as the last statement of a block.
    Return(Vec<Expr>),
    Break,
    Goto(Name),
    Label(Name),
}

/// The name in `function a.b.c:m() end`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncName {
    pub base: Name,
    pub fields: Vec<Name>,
    pub method: Option<Name>,
}

/// Parameters and body of a function. For methods, `self` is not in `params`; the
/// compiler adds it.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncBody {
    pub params: Vec<Name>,
    pub vararg: bool,
    pub body: Block,
    /// The line of the `function` keyword (`linedefined`).
    pub line: Line,
    /// The line of the closing `end` (`lastlinedefined`).
    pub end_line: Line,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub line: Line,
    /// A second position the compiler needs to give instructions LuaJIT's lines: for
    /// a call or method call, the line of its last token (the `)`, or the end of a
    /// string or table argument); for a binary operator, the line of the operator
    /// token. 0 elsewhere and in trees built in memory (then `line` stands in).
    pub aux_line: Line,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Nil,
    True,
    False,
    /// `...`
    Vararg,
    /// A numeric literal (never negative: `-1` is [`UnOp::Neg`] of `1`; may be `inf`
    /// from a literal such as `1e999`).
    Number(f64),
    /// `12LL`: a signed 64-bit cdata literal (FFI).
    Int64(i64),
    /// `12ULL`: an unsigned 64-bit cdata literal (FFI).
    UInt64(u64),
    /// `3i`: an imaginary complex cdata literal (FFI); the value is the imaginary part.
    Imaginary(f64),
    /// A string literal: raw bytes, escapes already decoded.
    String(Vec<u8>),
    Function(Box<FuncBody>),
    Table(Vec<TableField>),
    BinOp(BinOp, Box<Expr>, Box<Expr>),
    UnOp(UnOp, Box<Expr>),
    /// Parentheses that truncate a multi-valued expression to one value (see module doc).
    Paren(Box<Expr>),
    Name(Name),
    /// `obj[key]`, also `obj.name` (key is a [`ExprKind::String`]).
    Index(Box<Expr>, Box<Expr>),
    /// `f(args)`; also `f"str"` and `f{...}`.
    Call(Box<Expr>, Vec<Expr>),
    /// `obj:name(args)`.
    MethodCall(Box<Expr>, Name, Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum TableField {
    /// `e` in `{ e }`: the next array slot.
    Positional(Expr),
    /// `name = e`.
    Named(Name, Expr),
    /// `[k] = e`.
    Keyed(Expr, Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
    /// `#`
    Len,
}

/// Priority of unary operators (binds tighter than every binary operator but `^`).
pub const UNARY_PRIORITY: u8 = 8;

impl BinOp {
    /// Left and right binding priorities, as in Lua 5.1's parser: `^` and `..` are right
    /// associative (right priority lower than left).
    pub const fn priority(self) -> (u8, u8) {
        match self {
            BinOp::Or => (1, 1),
            BinOp::And => (2, 2),
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => (3, 3),
            BinOp::Concat => (5, 4),
            BinOp::Add | BinOp::Sub => (6, 6),
            BinOp::Mul | BinOp::Div | BinOp::Mod => (7, 7),
            BinOp::Pow => (10, 9),
        }
    }

    /// The operator as written in source.
    pub const fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "^",
            BinOp::Concat => "..",
            BinOp::Eq => "==",
            BinOp::Ne => "~=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }
}

impl UnOp {
    pub const fn symbol(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Not => "not",
            UnOp::Len => "#",
        }
    }
}

impl Expr {
    pub fn new(kind: ExprKind, line: Line) -> Expr {
        Expr { kind, line, aux_line: Line(0) }
    }

    /// The expression with [`Expr::aux_line`] set.
    pub fn with_aux_line(self, aux_line: Line) -> Expr {
        Expr { aux_line, ..self }
    }

    /// True for expressions that can produce several values (calls and `...`).
    pub fn is_multi(&self) -> bool {
        matches!(self.kind, ExprKind::Call(..) | ExprKind::MethodCall(..) | ExprKind::Vararg)
    }
}

impl Stat {
    pub fn new(kind: StatKind, line: Line) -> Stat {
        Stat { kind, line, aux_line: Line(0) }
    }

    /// The statement with [`Stat::aux_line`] set.
    pub fn with_aux_line(self, aux_line: Line) -> Stat {
        Stat { aux_line, ..self }
    }
}
