//! The AST passes, in the order the reducer runs them.
//!
//! ```text
//!   drop-statements  hierarchical delta debugging over every block: halves,
//!                    quarters, ... single statements, outer blocks first
//!   unwrap           replace a compound statement by one of its bodies
//!                    (`do`, loops, an `if` arm, a function's body)
//!   drop-items       table constructor fields and call arguments
//!   simplify         an expression by one of its operands, or by a constant
//!   loop-counts      a literal `for` limit down, never below `min_trips`
//!   inline           a single-use `local x = e` into its one use
//!   rename           declared names to one-letter names (all at once, then one by one)
//! ```
//!
//! A pass only proposes; every candidate is re-parsed, printed, and judged by
//! the oracle session before it is accepted. So a pass may propose programs
//! that do not parse (a `break` spliced out of its loop) or that mean
//! something else: those are filtered, not prevented.

use std::collections::BTreeSet;

use twin_lua::syntax::ast::*;
use twin_lua::syntax::is_reserved;

use super::walk::{Pass, Place, Site, visit_all};

/// Sizes tried by delta debugging over `n` items: `n`, `n/2`, `n/4`, ... 1.
fn chunk_sizes(n: usize) -> Vec<usize> {
    let mut sizes = Vec::new();
    let mut s = n;
    while s > 0 {
        sizes.push(s);
        s /= 2;
    }
    sizes
}

/// Ranges removed by delta debugging over `n` items, largest first.
pub fn ranges(n: usize) -> impl Iterator<Item = (usize, usize)> {
    chunk_sizes(n).into_iter().flat_map(move |size| (0..n).step_by(size).map(move |s| (s, (s + size).min(n))))
}

fn range_count(n: usize) -> usize {
    chunk_sizes(n).iter().map(|s| n.div_ceil(*s)).sum()
}

pub struct DropStatements;

impl Pass for DropStatements {
    fn variants(&self, site: &Site) -> usize {
        match site {
            Site::Block(b) => range_count(b.stats.len()),
            _ => 0,
        }
    }
    fn apply(&self, site: Site, k: usize) {
        if let Site::Block(b) = site
            && let Some((s, e)) = ranges(b.stats.len()).nth(k)
        {
            b.stats.drain(s..e);
        }
    }
}

pub struct DropItems;

impl Pass for DropItems {
    fn variants(&self, site: &Site) -> usize {
        match site {
            Site::List(fields) => range_count(fields.len()),
            Site::Args(args) => range_count(args.len()),
            _ => 0,
        }
    }
    fn apply(&self, site: Site, k: usize) {
        match site {
            Site::List(fields) => {
                if let Some((s, e)) = ranges(fields.len()).nth(k) {
                    fields.drain(s..e);
                }
            }
            Site::Args(args) => {
                if let Some((s, e)) = ranges(args.len()).nth(k) {
                    args.drain(s..e);
                }
            }
            _ => {}
        }
    }
}

/// The bodies a statement can be replaced by.
fn bodies(s: &Stat) -> usize {
    match &s.kind {
        StatKind::Do(_)
        | StatKind::While { .. }
        | StatKind::Repeat { .. }
        | StatKind::NumericFor { .. }
        | StatKind::GenericFor { .. }
        | StatKind::Function { .. }
        | StatKind::LocalFunction { .. } => 1,
        StatKind::If { arms, orelse } => arms.len() + usize::from(orelse.is_some()),
        _ => 0,
    }
}

fn take_body(s: Stat, k: usize) -> Vec<Stat> {
    let body = match s.kind {
        StatKind::Do(b)
        | StatKind::While { body: b, .. }
        | StatKind::Repeat { body: b, .. }
        | StatKind::NumericFor { body: b, .. }
        | StatKind::GenericFor { body: b, .. } => b,
        StatKind::Function { func, .. } | StatKind::LocalFunction { func, .. } => func.body,
        StatKind::If { mut arms, orelse } => {
            if k < arms.len() {
                arms.swap_remove(k).1
            } else {
                orelse.unwrap_or_default()
            }
        }
        _ => Block::default(),
    };
    body.stats
}

/// Splices a body in place of its statement; for an `if`, also drops one arm
/// or the `else` (keeping the statement).
pub struct Unwrap;

impl Unwrap {
    fn per_stat(s: &Stat) -> usize {
        let drops = match &s.kind {
            StatKind::If { arms, orelse } if arms.len() + usize::from(orelse.is_some()) > 1 => {
                arms.len() + usize::from(orelse.is_some())
            }
            _ => 0,
        };
        bodies(s) + drops
    }
}

impl Pass for Unwrap {
    fn variants(&self, site: &Site) -> usize {
        match site {
            Site::Block(b) => b.stats.iter().map(Unwrap::per_stat).sum(),
            _ => 0,
        }
    }
    fn apply(&self, site: Site, mut k: usize) {
        let Site::Block(b) = site else { return };
        for i in 0..b.stats.len() {
            let (n, m) = (bodies(&b.stats[i]), Unwrap::per_stat(&b.stats[i]));
            if k >= m {
                k -= m;
                continue;
            }
            if k < n {
                let s = b.stats.remove(i);
                let body = take_body(s, k);
                b.stats.splice(i..i, body);
            } else if let StatKind::If { arms, orelse } = &mut b.stats[i].kind {
                let j = k - n;
                if j < arms.len() {
                    arms.remove(j);
                    if arms.is_empty() {
                        // `if c then A else B end` without its arm: B alone.
                        let rest = orelse.take().unwrap_or_default();
                        b.stats.splice(i..=i, rest.stats);
                    }
                } else {
                    *orelse = None;
                }
            }
            return;
        }
    }
}

/// Replaces an expression by one of its operands or by a constant, and
/// shrinks literal loop limits.
pub struct Simplify {
    pub min_trips: u32,
}

impl Simplify {
    fn replacements(&self, e: &Expr, place: Place) -> Vec<ExprKind> {
        match place {
            Place::Fixed => Vec::new(),
            Place::LoopLimit { start, step } => loop_limits(e, start, step, self.min_trips),
            Place::Plain => {
                let mut out: Vec<ExprKind> = match &e.kind {
                    ExprKind::BinOp(_, l, r) => vec![l.kind.clone(), r.kind.clone()],
                    ExprKind::UnOp(_, x) | ExprKind::Paren(x) => vec![x.kind.clone()],
                    ExprKind::Index(o, _) | ExprKind::MethodCall(o, _, _) => vec![o.kind.clone()],
                    ExprKind::Call(_, args) => args.iter().map(|a| a.kind.clone()).collect(),
                    _ => Vec::new(),
                };
                let constants = match &e.kind {
                    ExprKind::Nil | ExprKind::True | ExprKind::False | ExprKind::Vararg => vec![],
                    ExprKind::Number(n) if *n == 0.0 || *n == 1.0 => vec![],
                    ExprKind::Number(n) => {
                        let half = (n / 2.0).trunc();
                        let mut v = vec![ExprKind::Number(0.0), ExprKind::Number(1.0)];
                        if half.abs() > 1.0 && half.is_finite() {
                            v.push(ExprKind::Number(half));
                        }
                        v
                    }
                    ExprKind::String(s) if s.len() <= 1 => vec![],
                    ExprKind::String(_) => vec![ExprKind::String(b"a".to_vec())],
                    _ => vec![ExprKind::Nil, ExprKind::Number(0.0), ExprKind::Number(1.0), ExprKind::True],
                };
                out.extend(constants);
                out
            }
        }
    }
}

/// Smaller limits for `for v = start, limit, step` (step > 0): the one that
/// leaves exactly `min_trips` iterations, and one halfway there.
fn loop_limits(e: &Expr, start: f64, step: f64, min_trips: u32) -> Vec<ExprKind> {
    let ExprKind::Number(limit) = e.kind else { return Vec::new() };
    // NaN steps fail `step > 0.0` too: no shrinking then.
    if step.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) || !limit.is_finite() {
        return Vec::new();
    }
    let trips = ((limit - start) / step).floor() + 1.0;
    let floor = f64::from(min_trips);
    if trips <= floor {
        return Vec::new();
    }
    let mut out = vec![ExprKind::Number(start + (floor - 1.0) * step)];
    let half = ((trips + floor) / 2.0).floor();
    if half > floor && half < trips {
        out.push(ExprKind::Number(start + (half - 1.0) * step));
    }
    out
}

impl Pass for Simplify {
    fn variants(&self, site: &Site) -> usize {
        match site {
            Site::Expr(e, place) => self.replacements(e, *place).len(),
            _ => 0,
        }
    }
    fn apply(&self, site: Site, k: usize) {
        if let Site::Expr(e, place) = site
            && let Some(r) = self.replacements(e, place).into_iter().nth(k)
        {
            e.kind = r;
        }
    }
}

/// Inlines `local x = e` into the one later use of `x` in the same block.
pub struct Inline;

fn single_local(s: &Stat) -> Option<&str> {
    match &s.kind {
        StatKind::Local { names, exprs } if names.len() == 1 && exprs.len() == 1 => Some(&names[0]),
        _ => None,
    }
}

impl Pass for Inline {
    fn variants(&self, site: &Site) -> usize {
        match site {
            Site::Block(b) => b.stats.iter().filter(|s| single_local(s).is_some()).count(),
            _ => 0,
        }
    }
    fn apply(&self, site: Site, k: usize) {
        let Site::Block(b) = site else { return };
        let Some(i) = (0..b.stats.len()).filter(|&i| single_local(&b.stats[i]).is_some()).nth(k) else {
            return;
        };
        let StatKind::Local { names, exprs } = &b.stats[i].kind else { return };
        let (name, value) = (names[0].clone(), exprs[0].clone());
        let mut rest =
            Chunk { body: Block { stats: b.stats[i + 1..].to_vec() }, end_line: Default::default() };
        // Count uses; give up if the name is ever assigned or declared again.
        let (mut uses, mut clean) = (0, true);
        visit_all(&mut rest, &mut |site| {
            match site {
                Site::Expr(e, place) if matches!(&e.kind, ExprKind::Name(n) if *n == name) => {
                    uses += 1;
                    clean &= place != Place::Fixed;
                }
                Site::Stat(s) => clean &= !declares(s, &name),
                Site::Func(f) => clean &= !f.params.contains(&name),
                _ => {}
            }
            true
        });
        if uses != 1 || !clean {
            return;
        }
        visit_all(&mut rest, &mut |site| {
            if let Site::Expr(e, _) = site
                && matches!(&e.kind, ExprKind::Name(n) if *n == name)
            {
                e.kind = value.kind.clone();
                return false;
            }
            true
        });
        b.stats.truncate(i);
        b.stats.extend(rest.body.stats);
    }
}

fn declares(s: &Stat, name: &str) -> bool {
    match &s.kind {
        StatKind::Local { names, .. } | StatKind::GenericFor { names, .. } => names.iter().any(|n| n == name),
        StatKind::LocalFunction { name: n, .. } | StatKind::NumericFor { var: n, .. } => n == name,
        _ => false,
    }
}

/// Renaming: declared names (locals, parameters, loop variables, global
/// functions) to the shortest names not otherwise used, in order of first
/// declaration. Candidate 0 renames all of them; candidate `i` renames only
/// the `i`-th (for programs where some name must stay, e.g. one read through
/// `_G` or `debug`).
pub fn rename_candidates(chunk: &Chunk) -> Vec<Chunk> {
    let mut copy = chunk.clone();
    let mut declared: Vec<String> = Vec::new();
    let mut used = BTreeSet::new();
    let declare = |n: &str, declared: &mut Vec<String>| {
        if !declared.iter().any(|d| d == n) {
            declared.push(n.to_string());
        }
    };
    visit_all(&mut copy, &mut |site| {
        match site {
            Site::Stat(s) => match &s.kind {
                StatKind::Local { names, .. } | StatKind::GenericFor { names, .. } => {
                    names.iter().for_each(|n| declare(n, &mut declared))
                }
                StatKind::LocalFunction { name, .. } | StatKind::NumericFor { var: name, .. } => {
                    declare(name, &mut declared)
                }
                StatKind::Function { name, .. } => declare(&name.base, &mut declared),
                _ => {}
            },
            Site::Func(f) => f.params.iter().for_each(|n| declare(n, &mut declared)),
            Site::Expr(e, _) => {
                if let ExprKind::Name(n) = &e.kind {
                    used.insert(n.clone());
                }
            }
            _ => {}
        }
        true
    });
    let declared: Vec<String> = declared.into_iter().filter(|n| n.len() > 1 && n != "self").collect();
    let taken: BTreeSet<&String> = used.iter().filter(|n| !declared.contains(n)).collect();
    let mut fresh = short_names().filter(|n| !taken.contains(n) && !used.contains(n));
    let map: Vec<(String, String)> =
        declared.iter().filter_map(|d| Some((d.clone(), fresh.next()?))).collect();
    let mut out = Vec::new();
    if map.len() > 1 {
        out.push(rename(chunk, &map));
    }
    out.extend(map.iter().map(|pair| rename(chunk, std::slice::from_ref(pair))));
    out
}

fn short_names() -> impl Iterator<Item = String> {
    let letters = || (b'a'..=b'z').map(|c| (c as char).to_string());
    letters()
        .chain(letters().flat_map(move |a| (0..10).map(move |d| format!("{a}{d}"))))
        .filter(|n| !is_reserved(n.as_bytes()))
}

fn rename(chunk: &Chunk, map: &[(String, String)]) -> Chunk {
    let mut copy = chunk.clone();
    let to = |n: &mut String| {
        if let Some((_, new)) = map.iter().find(|(old, _)| old == n) {
            *n = new.clone();
        }
    };
    visit_all(&mut copy, &mut |site| {
        match site {
            Site::Stat(s) => match &mut s.kind {
                StatKind::Local { names, .. } | StatKind::GenericFor { names, .. } => {
                    names.iter_mut().for_each(to)
                }
                StatKind::LocalFunction { name, .. } | StatKind::NumericFor { var: name, .. } => to(name),
                StatKind::Function { name, .. } => to(&mut name.base),
                _ => {}
            },
            Site::Func(f) => f.params.iter_mut().for_each(to),
            Site::Expr(e, _) => {
                if let ExprKind::Name(n) = &mut e.kind {
                    to(n)
                }
            }
            _ => {}
        }
        true
    });
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reduce::walk::edit_nth;
    use twin_lua::syntax::{parse, print_chunk};

    fn all(src: &str, pass: &dyn Pass) -> Vec<String> {
        let chunk = parse(src.as_bytes(), "=t").unwrap();
        (0..).map_while(|k| edit_nth(&chunk, pass, k)).map(|c| print_chunk(&c)).collect()
    }

    #[test]
    fn delta_debugging_tries_halves_then_singles() {
        let out = all("a() b() c() d()", &DropStatements);
        assert_eq!(out[0], "");
        assert_eq!(out[1].trim(), "c()\nd()");
        assert_eq!(out.len(), 1 + 2 + 4);
    }

    #[test]
    fn loop_limits_stay_hot() {
        let out = all("for i = 1, 100 do f(i) end", &Simplify { min_trips: 10 });
        assert!(out.iter().any(|p| p.contains("for i = 1, 10 do")), "{out:?}");
        assert!(out.iter().any(|p| p.contains("for i = 1, 55 do")), "{out:?}");
        assert!(!out.iter().any(|p| p.contains("for i = 1, 0 do") || p.contains("for i = 1, 1 do")));
    }

    #[test]
    fn inline_single_use() {
        let out = all("local x = g() + 1 print(x)", &Inline);
        assert_eq!(out[0].trim(), "print(g() + 1)");
        let out = all("local x = g() print(x, x)", &Inline);
        assert_eq!(out[0].trim(), "local x = g()\nprint(x, x)");
    }

    #[test]
    fn rename_avoids_globals() {
        let chunk = parse(b"local alpha = a local function beta(gamma) return gamma end", "=t").unwrap();
        let c = rename_candidates(&chunk);
        assert_eq!(print_chunk(&c[0]).trim(), "local b = a\nlocal function c(d)\n    return d\nend");
    }
}
