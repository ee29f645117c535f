//! The printer: AST to readable Lua source that parses back to the same tree.
//!
//! Layout: one statement per line, blocks indented by four spaces, binary operators
//! with a space on each side (so `a - -b`, `1 .. 2` never merge into a comment or a
//! malformed number), call arguments always in parentheses.
//!
//! Parentheses are derived from the priorities in [`BinOp::priority`]: a binary
//! expression Q needs them as the left operand of P when `Q.right < P.left` (else the
//! parser would let Q's last operand take P), as the right operand when
//! `Q.left <= P.right`, and under a unary operator when `Q.left <= UNARY_PRIORITY`.
//! A unary expression needs them only as the left operand of `^` (`(-x)^2`). Prefix
//! positions (before `.k`, `[k]`, `:m()`, `(args)`) take names, indexing, calls and
//! [`ExprKind::Paren`] bare and everything else in parentheses (`("s"):len()`).
//!
//! Literals: strings in double quotes with `\ddd` escapes for control bytes and bytes
//! that are not valid UTF-8 (three digits when a digit follows); numbers in the
//! shorter of plain and exponent notation, both shortest round-trip, so they lex back
//! to the same `f64`; `+inf` as `1e999`. Values a literal cannot express print as the
//! expression that computes them, which does not parse back to the same tree: NaN as
//! `(0/0)`, a negative number (the parser never makes one) as `(-x)`. 64-bit literals
//! print with their suffix; a negative `Int64` (which the parser does make, from e.g.
//! `0xffffffffffffffffLL`) prints as the unsigned hex literal with an `LL` suffix,
//! which wraps back to the same value.
//!
//! Trees the parser cannot produce do not round-trip: grouping `Paren`s around
//! single-valued expressions, `...` used directly as a prefix (the parser keeps that
//! as `Paren(Vararg)`), statements after `return` or `break` in a block, names that
//! are not names (reserved words, or `goto goto`: `goto` is a name everywhere else).
//! A [`TableField::Named`] whose name is not a name prints as the equivalent keyed
//! field `["end"] = v`, which is valid but parses as [`TableField::Keyed`].
//!
//! A statement that starts with `(` gets a `;` after the statement before it: Lua 5.1
//! would otherwise take the `(` as a call of the previous expression.
//!
//! The lexer skips a UTF-8 BOM at the very start of a chunk, and names may contain
//! U+FEFF (every byte >= 0x80 is an identifier byte), so a chunk whose first name starts
//! with one is printed after a space.

use super::ast::*;
use super::token::is_reserved;
use std::fmt::Write;

/// Prints a chunk as source text.
pub fn print_chunk(chunk: &Chunk) -> String {
    let mut p = Printer { out: String::new(), indent: 0 };
    p.block(&chunk.body);
    if p.out.starts_with('\u{feff}') {
        p.out.insert(0, ' ');
    }
    p.out
}

/// Prints one expression (a function's body is indented from column 0).
pub fn print_expr(e: &Expr) -> String {
    let mut p = Printer { out: String::new(), indent: 0 };
    p.expr(e, Ctx::Top);
    p.out
}

/// Where an expression is printed, for deciding on parentheses.
#[derive(Clone, Copy)]
enum Ctx {
    Top,
    /// Left operand of an operator with this left priority.
    Left(u8),
    /// Right operand of an operator with this right priority.
    Right(u8),
    /// Operand of a unary operator.
    Unary,
    /// Before `.k`, `[k]`, `:m(...)` or `(args)`.
    Prefix,
}

/// True for a name the lexer reads back as one name (LuaJIT also takes `goto`).
fn is_identifier(s: &[u8]) -> bool {
    match s.first() {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {}
        _ => return false,
    }
    s.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') && (s == b"goto" || !is_reserved(s))
}

/// True if `s` lexes as a single name token in LuaJIT (bytes >= 0x80 included).
fn is_name_token(s: &[u8]) -> bool {
    let ident = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_' || *c >= 0x80;
    match s.first() {
        Some(c) if ident(c) && !c.is_ascii_digit() => {}
        _ => return false,
    }
    s.iter().all(ident) && (s == b"goto" || !is_reserved(s))
}

struct Printer {
    out: String,
    indent: usize,
}

impl Printer {
    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    fn block(&mut self, b: &Block) {
        for (i, s) in b.stats.iter().enumerate() {
            if i > 0 || !self.out.is_empty() {
                self.newline();
            }
            self.stat(s);
            if b.stats.get(i + 1).is_some_and(starts_with_paren) {
                self.out.push(';');
            }
        }
    }

    /// `keyword`, the block indented on the following lines, then a new line for what
    /// closes it.
    fn body(&mut self, b: &Block) {
        self.indent += 1;
        for (i, s) in b.stats.iter().enumerate() {
            self.newline();
            self.stat(s);
            if b.stats.get(i + 1).is_some_and(starts_with_paren) {
                self.out.push(';');
            }
        }
        self.indent -= 1;
        self.newline();
    }

    fn list(&mut self, es: &[Expr]) {
        for (i, e) in es.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(e, Ctx::Top);
        }
    }

    fn names(&mut self, ns: &[Name]) {
        for (i, n) in ns.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(n);
        }
    }

    fn stat(&mut self, s: &Stat) {
        match &s.kind {
            StatKind::Local { names, exprs } => {
                self.out.push_str("local ");
                self.names(names);
                if !exprs.is_empty() {
                    self.out.push_str(" = ");
                    self.list(exprs);
                }
            }
            StatKind::Assign { targets, exprs } => {
                self.list(targets);
                self.out.push_str(" = ");
                self.list(exprs);
            }
            StatKind::Call(e) => self.expr(e, Ctx::Top),
            StatKind::Do(b) => {
                self.out.push_str("do");
                self.body(b);
                self.out.push_str("end");
            }
            StatKind::While { cond, body } => {
                self.out.push_str("while ");
                self.expr(cond, Ctx::Top);
                self.out.push_str(" do");
                self.body(body);
                self.out.push_str("end");
            }
            StatKind::Repeat { body, cond } => {
                self.out.push_str("repeat");
                self.body(body);
                self.out.push_str("until ");
                self.expr(cond, Ctx::Top);
            }
            StatKind::If { arms, orelse } => {
                for (i, (cond, b)) in arms.iter().enumerate() {
                    self.out.push_str(if i == 0 { "if " } else { "elseif " });
                    self.expr(cond, Ctx::Top);
                    self.out.push_str(" then");
                    self.body(b);
                }
                if let Some(b) = orelse {
                    self.out.push_str("else");
                    self.body(b);
                }
                self.out.push_str("end");
            }
            StatKind::NumericFor { var, start, limit, step, body } => {
                let _ = write!(self.out, "for {var} = ");
                self.expr(start, Ctx::Top);
                self.out.push_str(", ");
                self.expr(limit, Ctx::Top);
                if let Some(step) = step {
                    self.out.push_str(", ");
                    self.expr(step, Ctx::Top);
                }
                self.out.push_str(" do");
                self.body(body);
                self.out.push_str("end");
            }
            StatKind::GenericFor { names, exprs, body } => {
                self.out.push_str("for ");
                self.names(names);
                self.out.push_str(" in ");
                self.list(exprs);
                self.out.push_str(" do");
                self.body(body);
                self.out.push_str("end");
            }
            StatKind::Function { name, func } => {
                self.out.push_str("function ");
                self.out.push_str(&name.base);
                for f in &name.fields {
                    self.out.push('.');
                    self.out.push_str(f);
                }
                if let Some(m) = &name.method {
                    self.out.push(':');
                    self.out.push_str(m);
                }
                self.funcbody(func);
            }
            StatKind::LocalFunction { name, func } => {
                let _ = write!(self.out, "local function {name}");
                self.funcbody(func);
            }
            StatKind::Return(es) => {
                self.out.push_str("return");
                if !es.is_empty() {
                    self.out.push(' ');
                    self.list(es);
                }
            }
            StatKind::Break => self.out.push_str("break"),
            StatKind::Goto(n) => {
                let _ = write!(self.out, "goto {n}");
            }
            StatKind::Label(n) => {
                let _ = write!(self.out, "::{n}::");
            }
        }
    }

    /// `(params) body end`.
    fn funcbody(&mut self, f: &FuncBody) {
        self.out.push('(');
        self.names(&f.params);
        if f.vararg {
            self.out.push_str(if f.params.is_empty() { "..." } else { ", ..." });
        }
        self.out.push(')');
        if f.body.stats.is_empty() {
            self.out.push_str(" end");
        } else {
            self.body(&f.body);
            self.out.push_str("end");
        }
    }

    fn expr(&mut self, e: &Expr, ctx: Ctx) {
        let parens = match (&e.kind, ctx) {
            (ExprKind::BinOp(op, ..), ctx) => {
                let (l, r) = op.priority();
                match ctx {
                    Ctx::Top => false,
                    Ctx::Left(pl) => r < pl,
                    Ctx::Right(pr) => l <= pr,
                    Ctx::Unary => l <= UNARY_PRIORITY,
                    Ctx::Prefix => true,
                }
            }
            (ExprKind::UnOp(..), Ctx::Left(pl)) => UNARY_PRIORITY < pl,
            (ExprKind::Name(_) | ExprKind::Index(..) | ExprKind::Call(..), _) => false,
            (ExprKind::MethodCall(..) | ExprKind::Paren(_), _) => false,
            (ExprKind::Number(v), _) if v.is_nan() || v.is_sign_negative() => true,
            (ExprKind::Imaginary(v), _) if v.is_nan() || v.is_sign_negative() => true,
            (_, Ctx::Prefix) => true,
            _ => false,
        };
        if parens {
            self.out.push('(');
        }
        match &e.kind {
            ExprKind::Nil => self.out.push_str("nil"),
            ExprKind::True => self.out.push_str("true"),
            ExprKind::False => self.out.push_str("false"),
            ExprKind::Vararg => self.out.push_str("..."),
            ExprKind::Number(v) => self.number(*v),
            ExprKind::Imaginary(v) => {
                self.number(*v);
                self.out.push('i');
            }
            ExprKind::Int64(v) => {
                let _ =
                    if *v < 0 { write!(self.out, "{:#x}LL", *v as u64) } else { write!(self.out, "{v}LL") };
            }
            ExprKind::UInt64(v) => {
                let _ = write!(self.out, "{v}ULL");
            }
            ExprKind::String(s) => self.string(s),
            ExprKind::Function(f) => {
                self.out.push_str("function");
                self.funcbody(f);
            }
            ExprKind::Table(fields) => self.table(fields),
            ExprKind::BinOp(op, a, b) => {
                let (l, r) = op.priority();
                self.expr(a, Ctx::Left(l));
                self.out.push(' ');
                self.out.push_str(op.symbol());
                self.out.push(' ');
                self.expr(b, Ctx::Right(r));
            }
            ExprKind::UnOp(op, a) => {
                self.out.push_str(op.symbol());
                match (op, &a.kind) {
                    (UnOp::Not, _) | (UnOp::Neg, ExprKind::UnOp(UnOp::Neg, _)) => self.out.push(' '),
                    _ => {}
                }
                self.expr(a, Ctx::Unary);
            }
            ExprKind::Paren(a) => {
                self.out.push('(');
                self.expr(a, Ctx::Top);
                self.out.push(')');
            }
            ExprKind::Name(n) => self.out.push_str(n),
            ExprKind::Index(obj, key) => {
                self.expr(obj, Ctx::Prefix);
                match &key.kind {
                    ExprKind::String(s) if is_identifier(s) => {
                        self.out.push('.');
                        // is_identifier accepts ASCII only.
                        self.out.extend(s.iter().map(|&b| char::from(b)));
                    }
                    _ => {
                        self.out.push('[');
                        self.expr(key, Ctx::Top);
                        self.out.push(']');
                    }
                }
            }
            ExprKind::Call(f, args) => {
                self.expr(f, Ctx::Prefix);
                self.out.push('(');
                self.list(args);
                self.out.push(')');
            }
            ExprKind::MethodCall(obj, name, args) => {
                self.expr(obj, Ctx::Prefix);
                let _ = write!(self.out, ":{name}(");
                self.list(args);
                self.out.push(')');
            }
        }
        if parens {
            self.out.push(')');
        }
    }

    fn table(&mut self, fields: &[TableField]) {
        if fields.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push('{');
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            match f {
                TableField::Positional(e) => self.expr(e, Ctx::Top),
                TableField::Named(n, e) if is_name_token(n.as_bytes()) => {
                    let _ = write!(self.out, "{n} = ");
                    self.expr(e, Ctx::Top);
                }
                TableField::Named(n, e) => {
                    // Not expressible as `name = e`; the same field, as a keyed one.
                    self.out.push('[');
                    self.string(n.as_bytes());
                    self.out.push_str("] = ");
                    self.expr(e, Ctx::Top);
                }
                TableField::Keyed(k, e) => {
                    self.out.push('[');
                    self.expr(k, Ctx::Top);
                    self.out.push_str("] = ");
                    self.expr(e, Ctx::Top);
                }
            }
        }
        self.out.push('}');
    }

    /// A number literal (the caller adds parentheses for NaN and negatives).
    fn number(&mut self, v: f64) {
        if v.is_nan() {
            self.out.push_str("0/0");
            return;
        }
        if v.is_sign_negative() {
            self.out.push('-');
        }
        let v = v.abs();
        if v.is_infinite() {
            self.out.push_str("1e999");
            return;
        }
        // Both forms are the shortest digits that round-trip.
        let plain = format!("{v}");
        let exp = format!("{v:e}");
        self.out.push_str(if exp.len() < plain.len() { &exp } else { &plain });
    }

    fn string(&mut self, s: &[u8]) {
        self.out.push('"');
        let mut rest = s;
        while !rest.is_empty() {
            // Valid UTF-8 is kept; everything else is escaped byte by byte.
            let (valid, bad) = match std::str::from_utf8(rest) {
                Ok(v) => (v, &[][..]),
                Err(e) => {
                    let (v, b) = rest.split_at(e.valid_up_to());
                    // The prefix was just validated.
                    (std::str::from_utf8(v).unwrap_or(""), b)
                }
            };
            let vb = valid.as_bytes();
            for (i, ch) in valid.char_indices() {
                let next = vb.get(i + ch.len_utf8()).or(bad.first());
                self.char(ch, next);
            }
            if let Some((&b, after)) = bad.split_first() {
                self.escape(b, after.first());
                rest = after;
            } else {
                rest = &[];
            }
        }
        self.out.push('"');
    }

    fn char(&mut self, ch: char, next: Option<&u8>) {
        match ch {
            '"' => self.out.push_str("\\\""),
            '\\' => self.out.push_str("\\\\"),
            '\n' => self.out.push_str("\\n"),
            '\r' => self.out.push_str("\\r"),
            '\t' => self.out.push_str("\\t"),
            '\x07' => self.out.push_str("\\a"),
            '\x08' => self.out.push_str("\\b"),
            '\x0b' => self.out.push_str("\\v"),
            '\x0c' => self.out.push_str("\\f"),
            c if c < ' ' || c == '\x7f' => self.escape(c as u8, next),
            c => self.out.push(c),
        }
    }

    fn escape(&mut self, b: u8, next: Option<&u8>) {
        let _ = if next.is_some_and(u8::is_ascii_digit) {
            write!(self.out, "\\{b:03}")
        } else {
            write!(self.out, "\\{b}")
        };
    }
}

/// True if the statement's text starts with `(`.
fn starts_with_paren(s: &Stat) -> bool {
    let e = match &s.kind {
        StatKind::Call(e) => e,
        StatKind::Assign { targets, .. } => match targets.first() {
            Some(e) => e,
            None => return false,
        },
        _ => return false,
    };
    let mut e = e;
    loop {
        match &e.kind {
            ExprKind::Call(f, _) | ExprKind::MethodCall(f, ..) | ExprKind::Index(f, _) => e = f,
            ExprKind::Name(_) => return false,
            _ => return true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(kind: ExprKind) -> Expr {
        Expr::new(kind, Line(0))
    }

    fn num(v: f64) -> Expr {
        e(ExprKind::Number(v))
    }

    fn name(n: &str) -> Expr {
        e(ExprKind::Name(n.into()))
    }

    fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
        e(ExprKind::BinOp(op, Box::new(a), Box::new(b)))
    }

    fn un(op: UnOp, a: Expr) -> Expr {
        e(ExprKind::UnOp(op, Box::new(a)))
    }

    #[test]
    fn precedence() {
        use BinOp::*;
        let (a, b, c) = (name("a"), name("b"), name("c"));
        assert_eq!(print_expr(&bin(Add, bin(Add, a.clone(), b.clone()), c.clone())), "a + b + c");
        assert_eq!(print_expr(&bin(Add, a.clone(), bin(Add, b.clone(), c.clone()))), "a + (b + c)");
        assert_eq!(print_expr(&bin(Concat, a.clone(), bin(Concat, b.clone(), c.clone()))), "a .. b .. c");
        assert_eq!(print_expr(&bin(Concat, bin(Concat, a.clone(), b.clone()), c.clone())), "(a .. b) .. c");
        assert_eq!(print_expr(&bin(Pow, a.clone(), bin(Pow, b.clone(), c.clone()))), "a ^ b ^ c");
        assert_eq!(print_expr(&bin(Pow, bin(Pow, a.clone(), b.clone()), c.clone())), "(a ^ b) ^ c");
        assert_eq!(print_expr(&un(UnOp::Neg, bin(Pow, name("x"), num(2.0)))), "-x ^ 2");
        assert_eq!(print_expr(&bin(Pow, un(UnOp::Neg, name("x")), num(2.0))), "(-x) ^ 2");
        assert_eq!(print_expr(&bin(Pow, num(2.0), un(UnOp::Neg, num(3.0)))), "2 ^ -3");
        assert_eq!(print_expr(&un(UnOp::Neg, un(UnOp::Neg, name("x")))), "- -x");
        assert_eq!(print_expr(&bin(Sub, a.clone(), un(UnOp::Neg, b.clone()))), "a - -b");
        assert_eq!(print_expr(&bin(Lt, bin(Lt, a.clone(), b.clone()), c.clone())), "a < b < c");
        assert_eq!(print_expr(&bin(Lt, a.clone(), bin(Lt, b.clone(), c.clone()))), "a < (b < c)");
        assert_eq!(print_expr(&un(UnOp::Not, bin(Eq, a.clone(), b.clone()))), "not (a == b)");
        assert_eq!(print_expr(&bin(Eq, un(UnOp::Not, a.clone()), b.clone())), "not a == b");
        assert_eq!(print_expr(&bin(Mul, bin(Add, a.clone(), b.clone()), c.clone())), "(a + b) * c");
        assert_eq!(print_expr(&bin(Or, a.clone(), bin(And, b.clone(), c.clone()))), "a or b and c");
        assert_eq!(print_expr(&bin(And, bin(Or, a.clone(), b.clone()), c.clone())), "(a or b) and c");
        assert_eq!(print_expr(&bin(Concat, num(1.0), num(2.0))), "1 .. 2");
    }

    #[test]
    fn prefixes() {
        let s = e(ExprKind::String(b"s".to_vec()));
        assert_eq!(
            print_expr(&e(ExprKind::MethodCall(Box::new(s.clone()), "len".into(), vec![]))),
            "(\"s\"):len()"
        );
        let t = e(ExprKind::Table(vec![]));
        let x = e(ExprKind::String(b"x".to_vec()));
        assert_eq!(print_expr(&e(ExprKind::Index(Box::new(t), Box::new(x.clone())))), "({}).x");
        let kw = e(ExprKind::String(b"end".to_vec()));
        assert_eq!(print_expr(&e(ExprKind::Index(Box::new(name("a")), Box::new(kw)))), "a[\"end\"]");
        let g = e(ExprKind::String(b"goto".to_vec()));
        assert_eq!(print_expr(&e(ExprKind::Index(Box::new(name("a")), Box::new(g)))), "a.goto");
        let call = e(ExprKind::Call(Box::new(name("f")), vec![]));
        assert_eq!(print_expr(&e(ExprKind::Index(Box::new(call), Box::new(x)))), "f().x");
        assert_eq!(print_expr(&e(ExprKind::Paren(Box::new(e(ExprKind::Vararg))))), "(...)");
    }

    #[test]
    fn table_fields() {
        let t = e(ExprKind::Table(vec![
            TableField::Named("x".into(), num(1.0)),
            TableField::Named("end".into(), num(2.0)),
            TableField::Named("\u{e9}".into(), num(3.0)),
            TableField::Keyed(e(ExprKind::String(b"y".to_vec())), num(4.0)),
            TableField::Positional(e(ExprKind::Vararg)),
        ]));
        assert_eq!(print_expr(&t), "{x = 1, [\"end\"] = 2, \u{e9} = 3, [\"y\"] = 4, ...}");
    }

    #[test]
    fn literals() {
        assert_eq!(print_expr(&num(1.0)), "1");
        assert_eq!(print_expr(&num(0.1)), "0.1");
        assert_eq!(print_expr(&num(1e300)), "1e300");
        assert_eq!(print_expr(&num(5e-324)), "5e-324");
        assert_eq!(print_expr(&num(123456789.0)), "123456789");
        assert_eq!(print_expr(&num(f64::INFINITY)), "1e999");
        assert_eq!(print_expr(&num(f64::NAN)), "(0/0)");
        assert_eq!(print_expr(&num(-2.0)), "(-2)");
        assert_eq!(print_expr(&e(ExprKind::Int64(-1))), "0xffffffffffffffffLL");
        assert_eq!(print_expr(&e(ExprKind::Int64(5))), "5LL");
        assert_eq!(print_expr(&e(ExprKind::UInt64(u64::MAX))), "18446744073709551615ULL");
        assert_eq!(print_expr(&e(ExprKind::Imaginary(2.5))), "2.5i");
        let s = e(ExprKind::String(b"a\"\\\n\0\x011\xff\xc3\xa9\x7f".to_vec()));
        assert_eq!(print_expr(&s), "\"a\\\"\\\\\\n\\0\\0011\\255\u{e9}\\127\"");
    }
}
