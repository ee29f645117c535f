//! A mutable pre-order walk over a chunk, stopping at "sites" a pass can edit.
//!
//! A pass numbers its edits across the whole tree: every site offers some
//! number of variants, and edit `k` is the `k`-th variant counted in walk
//! order. [`edit_nth`] applies one such edit to a copy of the tree, so a pass
//! is just two functions (how many variants a site has, and how to apply one)
//! and enumerating a pass's candidates is enumerating `k`. Pre-order makes
//! delta debugging hierarchical: a block's statements are tried before the
//! statements nested inside them.
//!
//! Trees come from [`twin_lua::syntax::parse`], which bounds their depth
//! ([`twin_lua::syntax::MAX_TREE_DEPTH`]), so the walk's recursion is bounded;
//! reducer threads run with a stack sized for it.

use twin_lua::syntax::ast::*;

/// Where an expression sits, for passes that treat some places specially.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    Plain,
    /// The limit of a numeric `for` whose start and step are literals.
    LoopLimit {
        start: f64,
        step: f64,
    },
    /// An assignment target or a call statement's call: it must stay what it
    /// is (only its sub-expressions may change).
    Fixed,
}

pub enum Site<'a> {
    Block(&'a mut Block),
    Expr(&'a mut Expr, Place),
    /// Table constructor fields, call arguments.
    List(&'a mut Vec<TableField>),
    Args(&'a mut Vec<Expr>),
    Func(&'a mut FuncBody),
    Stat(&'a mut Stat),
}

/// A pass: how many variants a site offers and how to apply variant `k`.
pub trait Pass {
    fn variants(&self, site: &Site) -> usize;
    fn apply(&self, site: Site, k: usize);
}

/// The chunk with edit `k` of `pass` applied, or `None` when the pass has
/// fewer than `k + 1` edits on this tree.
pub fn edit_nth(chunk: &Chunk, pass: &dyn Pass, k: usize) -> Option<Chunk> {
    let mut copy = chunk.clone();
    let mut left = k;
    let mut done = false;
    let mut visit = |site: Site| -> bool {
        if done {
            return false;
        }
        let n = pass.variants(&site);
        if left < n {
            pass.apply(site, left);
            done = true;
            return false;
        }
        left -= n;
        true
    };
    block(&mut copy.body, &mut visit);
    done.then_some(copy)
}

/// Visits every site (for passes that rewrite the whole tree at once).
pub fn visit_all(chunk: &mut Chunk, f: &mut dyn FnMut(Site) -> bool) {
    block(&mut chunk.body, f);
}

type Visit<'v> = dyn FnMut(Site) -> bool + 'v;

fn block(b: &mut Block, f: &mut Visit) -> bool {
    if !f(Site::Block(b)) {
        return false;
    }
    b.stats.iter_mut().all(|s| stat(s, f))
}

fn stat(s: &mut Stat, f: &mut Visit) -> bool {
    if !f(Site::Stat(s)) {
        return false;
    }
    match &mut s.kind {
        StatKind::Local { exprs, .. } => exprs.iter_mut().all(|e| expr(e, Place::Plain, f)),
        StatKind::Assign { targets, exprs } => {
            targets.iter_mut().all(|e| expr(e, Place::Fixed, f))
                && exprs.iter_mut().all(|e| expr(e, Place::Plain, f))
        }
        StatKind::Call(e) => expr(e, Place::Fixed, f),
        StatKind::Do(b) => block(b, f),
        StatKind::While { cond, body } => expr(cond, Place::Plain, f) && block(body, f),
        StatKind::Repeat { body, cond } => block(body, f) && expr(cond, Place::Plain, f),
        StatKind::If { arms, orelse } => {
            arms.iter_mut().all(|(c, b)| expr(c, Place::Plain, f) && block(b, f))
                && orelse.as_mut().is_none_or(|b| block(b, f))
        }
        StatKind::NumericFor { start, limit, step, body, .. } => {
            let lit = |e: &Expr| match e.kind {
                ExprKind::Number(n) => Some(n),
                _ => None,
            };
            let place = match (lit(start), step.as_ref().map_or(Some(1.0), lit)) {
                (Some(start), Some(step)) => Place::LoopLimit { start, step },
                _ => Place::Plain,
            };
            expr(start, Place::Plain, f)
                && expr(limit, place, f)
                && step.as_mut().is_none_or(|e| expr(e, Place::Plain, f))
                && block(body, f)
        }
        StatKind::GenericFor { exprs, body, .. } => {
            exprs.iter_mut().all(|e| expr(e, Place::Plain, f)) && block(body, f)
        }
        StatKind::Function { func, .. } | StatKind::LocalFunction { func, .. } => funcbody(func, f),
        StatKind::Return(exprs) => exprs.iter_mut().all(|e| expr(e, Place::Plain, f)),
        StatKind::Break | StatKind::Goto(_) | StatKind::Label(_) => true,
    }
}

fn funcbody(func: &mut FuncBody, f: &mut Visit) -> bool {
    f(Site::Func(func)) && block(&mut func.body, f)
}

fn expr(e: &mut Expr, place: Place, f: &mut Visit) -> bool {
    if !f(Site::Expr(e, place)) {
        return false;
    }
    match &mut e.kind {
        ExprKind::Function(func) => funcbody(func, f),
        ExprKind::Table(fields) => {
            f(Site::List(fields))
                && fields.iter_mut().all(|field| match field {
                    TableField::Positional(v) | TableField::Named(_, v) => expr(v, Place::Plain, f),
                    TableField::Keyed(k, v) => expr(k, Place::Plain, f) && expr(v, Place::Plain, f),
                })
        }
        ExprKind::BinOp(_, l, r) => expr(l, Place::Plain, f) && expr(r, Place::Plain, f),
        ExprKind::UnOp(_, x) | ExprKind::Paren(x) => expr(x, Place::Plain, f),
        ExprKind::Index(o, k) => expr(o, Place::Plain, f) && expr(k, Place::Plain, f),
        ExprKind::Call(callee, args) => {
            expr(callee, Place::Plain, f)
                && f(Site::Args(args))
                && args.iter_mut().all(|a| expr(a, Place::Plain, f))
        }
        ExprKind::MethodCall(o, _, args) => {
            expr(o, Place::Plain, f)
                && f(Site::Args(args))
                && args.iter_mut().all(|a| expr(a, Place::Plain, f))
        }
        _ => true,
    }
}
