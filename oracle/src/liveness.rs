//! Which locals a checkpoint shows are live, so that only those are compared.
//!
//! A JIT restores at a trace exit only the stack slots that later code reads;
//! a dead slot keeps whatever was in memory (LuaJIT purges dead slots from its
//! snapshots, twin-lua does the same). The probe reads every local through the
//! debug library, which cannot tell live from dead, so a dead local can show a
//! stale value under the JIT that the interpreter never had. That is not a bug;
//! comparing it would drown real stack-state divergences in noise.
//!
//! This module parses the program (twin-lua's parser), computes source-level
//! liveness per function, and masks, in a copy of each observation, every local
//! that is not known to be live where its frame stands. The direction of every
//! approximation is fixed: **a local is compared only if it is certainly live**
//! (an under-approximation of liveness). The JIT's own liveness analysis is
//! conservative (it keeps more slots than are truly live), so every slot it may
//! leave stale is masked here. Masking too much only costs coverage.
//!
//! ```text
//!   program --parse--> per-function IR: points (line, visible locals, reads, defs)
//!                      + structure (if / loops / break / return / goto)
//!           --backward liveness, loops to a fixpoint--> live set per point
//!           --per (linedefined, line): intersection over points on that line
//!   frame "prog:<linedefined>" at <line> --> live names --> mask the others
//! ```
//!
//! Points are the places a frame can stand still while a checkpoint looks at
//! it: simple statements (a call, an assignment, a `local`, a `return`) and
//! the header expressions of compound statements (an `if`'s condition, a
//! loop's header). At a point, a local is live if it is live after the point
//! and the point does not assign it; for a call to `twin_checkpoint` the locals
//! its arguments read count as live too (they were read between any earlier
//! trace exit and the checkpoint, so the exit had to restore them).
//!
//! Deliberate under-approximations: a `goto` is taken to lead nowhere (nothing
//! live after it); captured locals are not kept live by the closures that
//! capture them; of several locals with one name (shadowing) only the innermost
//! is compared; a frame whose line has no point, or whose function is not the
//! program's own (`loadstring` code), has all its locals masked. Compiler
//! bookkeeping locals (`(for index)` and friends) are always live inside their
//! loop and always compared.
//!
//! Recursion here follows the syntax tree, whose depth the parser bounds
//! (`twin_lua::syntax::MAX_TREE_DEPTH`).

use std::collections::{BTreeMap, BTreeSet};

use twin_lua::syntax::ast::{Block, Expr, ExprKind, FuncBody, Stat, StatKind, TableField};

use crate::observation::{Checkpoint, Observation};

/// The name of the probe the program calls.
const CHECKPOINT: &str = "twin_checkpoint";
/// What a masked local's value becomes in the masked copy.
pub const DEAD: &str = "(dead)";

type Id = usize;
type Live = BTreeSet<Id>;

/// Live local names per (linedefined, line) of the program's functions.
#[derive(Debug, Default)]
pub struct Liveness {
    lines: BTreeMap<(u32, u32), BTreeSet<String>>,
}

/// A place where a frame can stand: see the module essay.
struct Point {
    func: u32,
    line: u32,
    /// The innermost visible declaration of each name.
    visible: BTreeMap<String, Id>,
    reads: Vec<Id>,
    defs: Vec<Id>,
    /// For `twin_checkpoint(...)` calls: what the arguments read.
    keeps: Vec<Id>,
    /// Live after the point, from the last pass.
    live: Live,
}

enum Node {
    Point(usize),
    /// `do ... end`, and (empty) a label: control passes straight through.
    Block(Vec<Node>),
    If {
        arms: Vec<(usize, Vec<Node>)>,
        orelse: Vec<Node>,
    },
    While {
        cond: usize,
        body: Vec<Node>,
    },
    Repeat {
        body: Vec<Node>,
        cond: usize,
    },
    /// Numeric and generic `for`: `header` evaluates the loop's expressions (and,
    /// for generic loops, stands for the iterator call); `vars` are redefined on
    /// every iteration.
    For {
        header: usize,
        vars: Vec<Id>,
        body: Vec<Node>,
    },
    Break,
    Return(usize),
    Goto,
}

struct Builder {
    points: Vec<Point>,
    next_id: Id,
    /// (function line, its IR), every function of the program.
    units: Vec<(u32, Vec<Node>)>,
}

/// Names in scope while building one function: a stack of scopes.
#[derive(Clone, Default)]
struct Scope {
    names: Vec<(String, Id)>,
}

impl Scope {
    fn resolve(&self, name: &str) -> Option<Id> {
        self.names.iter().rev().find(|(n, _)| n == name).map(|(_, id)| *id)
    }

    fn visible(&self) -> BTreeMap<String, Id> {
        // Later declarations shadow earlier ones: insertion order does that.
        self.names.iter().cloned().collect()
    }
}

impl Builder {
    fn declare(&mut self, scope: &mut Scope, name: &str) -> Id {
        let id = self.next_id;
        self.next_id += 1;
        scope.names.push((name.to_string(), id));
        id
    }

    fn point(
        &mut self,
        func: u32,
        line: u32,
        scope: &Scope,
        reads: Vec<Id>,
        defs: Vec<Id>,
        keeps: Vec<Id>,
    ) -> usize {
        self.points.push(Point {
            func,
            line,
            visible: scope.visible(),
            reads,
            defs,
            keeps,
            live: Live::new(),
        });
        self.points.len() - 1
    }

    fn function(&mut self, f: &FuncBody, method: bool) {
        let mut scope = Scope::default();
        if method {
            self.declare(&mut scope, "self");
        }
        for p in &f.params {
            self.declare(&mut scope, p);
        }
        let nodes = self.block(&f.body, f.line.0, &scope);
        self.units.push((f.line.0, nodes));
    }

    fn block(&mut self, b: &Block, func: u32, outer: &Scope) -> Vec<Node> {
        let mut scope = outer.clone();
        b.stats.iter().map(|s| self.stat(s, func, &mut scope)).collect()
    }

    fn stat(&mut self, s: &Stat, func: u32, scope: &mut Scope) -> Node {
        let line = s.line.0;
        match &s.kind {
            StatKind::Local { names, exprs } => {
                let reads = self.exprs(exprs, scope);
                let p = self.point(func, line, scope, reads, Vec::new(), Vec::new());
                // The new locals are defined here (a loop's back edge must not
                // carry their liveness above the declaration) but not visible yet.
                for n in names {
                    let id = self.declare(scope, n);
                    self.points[p].defs.push(id);
                }
                Node::Point(p)
            }
            StatKind::Assign { targets, exprs } => {
                let mut reads = self.exprs(exprs, scope);
                let mut defs = Vec::new();
                for t in targets {
                    match &t.kind {
                        ExprKind::Name(n) => defs.extend(scope.resolve(n)),
                        _ => reads.extend(self.expr(t, scope)),
                    }
                }
                Node::Point(self.point(func, line, scope, reads, defs, Vec::new()))
            }
            StatKind::Call(e) => {
                let reads = self.expr(e, scope);
                let keeps = match &e.kind {
                    ExprKind::Call(callee, args) if matches!(&callee.kind, ExprKind::Name(n) if n == CHECKPOINT) => {
                        self.exprs(args, scope)
                    }
                    _ => Vec::new(),
                };
                Node::Point(self.point(func, line, scope, reads, Vec::new(), keeps))
            }
            StatKind::Do(b) => Node::Block(self.block(b, func, scope)),
            StatKind::While { cond, body } => {
                let reads = self.expr(cond, scope);
                let cond = self.point(func, cond.line.0, scope, reads, Vec::new(), Vec::new());
                Node::While { cond, body: self.block(body, func, scope) }
            }
            StatKind::Repeat { body, cond } => {
                // `until` sees the body's locals: build both in one scope.
                let mut inner = scope.clone();
                let nodes = body.stats.iter().map(|s| self.stat(s, func, &mut inner)).collect();
                let reads = self.expr(cond, &inner);
                let cond = self.point(func, cond.line.0, &inner, reads, Vec::new(), Vec::new());
                Node::Repeat { body: nodes, cond }
            }
            StatKind::If { arms, orelse } => {
                let arms = arms
                    .iter()
                    .map(|(c, b)| {
                        let reads = self.expr(c, scope);
                        let p = self.point(func, c.line.0, scope, reads, Vec::new(), Vec::new());
                        (p, self.block(b, func, scope))
                    })
                    .collect();
                let orelse = orelse.as_ref().map(|b| self.block(b, func, scope)).unwrap_or_default();
                Node::If { arms, orelse }
            }
            StatKind::NumericFor { var, start, limit, step, body } => {
                let mut reads = self.expr(start, scope);
                reads.extend(self.expr(limit, scope));
                if let Some(st) = step {
                    reads.extend(self.expr(st, scope));
                }
                let header = self.point(func, line, scope, reads, Vec::new(), Vec::new());
                let mut inner = scope.clone();
                let v = self.declare(&mut inner, var);
                Node::For { header, vars: vec![v], body: self.block(body, func, &inner) }
            }
            StatKind::GenericFor { names, exprs, body } => {
                let reads = self.exprs(exprs, scope);
                let header = self.point(func, line, scope, reads, Vec::new(), Vec::new());
                let mut inner = scope.clone();
                let vars = names.iter().map(|n| self.declare(&mut inner, n)).collect();
                Node::For { header, vars, body: self.block(body, func, &inner) }
            }
            StatKind::Function { name, func: body } => {
                let mut reads: Vec<Id> = scope.resolve(&name.base).into_iter().collect();
                // `function f() end` with a local `f` assigns it.
                let defs = if name.fields.is_empty() && name.method.is_none() {
                    std::mem::take(&mut reads)
                } else {
                    Vec::new()
                };
                self.function(body, name.method.is_some());
                Node::Point(self.point(func, line, scope, reads, defs, Vec::new()))
            }
            StatKind::LocalFunction { name, func: body } => {
                let id = self.declare(scope, name);
                self.function(body, false);
                Node::Point(self.point(func, line, scope, Vec::new(), vec![id], Vec::new()))
            }
            StatKind::Return(exprs) => {
                let reads = self.exprs(exprs, scope);
                Node::Return(self.point(func, line, scope, reads, Vec::new(), Vec::new()))
            }
            StatKind::Break => Node::Break,
            StatKind::Goto(_) => Node::Goto,
            StatKind::Label(_) => Node::Block(Vec::new()),
        }
    }

    fn exprs(&mut self, es: &[Expr], scope: &Scope) -> Vec<Id> {
        es.iter().flat_map(|e| self.expr(e, scope)).collect()
    }

    /// The locals `e` reads (function bodies inside it become their own units).
    fn expr(&mut self, e: &Expr, scope: &Scope) -> Vec<Id> {
        match &e.kind {
            ExprKind::Name(n) => scope.resolve(n).into_iter().collect(),
            ExprKind::Function(f) => {
                self.function(f, false);
                Vec::new()
            }
            ExprKind::Table(fields) => fields
                .iter()
                .flat_map(|f| match f {
                    TableField::Positional(v) | TableField::Named(_, v) => self.expr(v, scope),
                    TableField::Keyed(k, v) => {
                        let mut r = self.expr(k, scope);
                        r.extend(self.expr(v, scope));
                        r
                    }
                })
                .collect(),
            ExprKind::BinOp(_, a, b) | ExprKind::Index(a, b) => {
                let mut r = self.expr(a, scope);
                r.extend(self.expr(b, scope));
                r
            }
            ExprKind::UnOp(_, a) | ExprKind::Paren(a) => self.expr(a, scope),
            ExprKind::Call(f, args) | ExprKind::MethodCall(f, _, args) => {
                let mut r = self.expr(f, scope);
                r.extend(self.exprs(args, scope));
                r
            }
            _ => Vec::new(),
        }
    }
}

/// Backward liveness over `nodes` given what is live after them (`out`) and
/// after the innermost enclosing loop (`brk`); returns what is live before.
fn block(points: &mut [Point], nodes: &[Node], out: &Live, brk: &Live) -> Live {
    let mut live = out.clone();
    for n in nodes.iter().rev() {
        live = node(points, n, &live, brk);
    }
    live
}

fn at_point(points: &mut [Point], p: usize, after: &Live) -> Live {
    let pt = &mut points[p];
    pt.live = after.clone();
    let mut before: Live = after.difference(&pt.defs.iter().copied().collect()).copied().collect();
    before.extend(pt.reads.iter().copied());
    before
}

fn node(points: &mut [Point], n: &Node, out: &Live, brk: &Live) -> Live {
    match n {
        Node::Point(p) => at_point(points, *p, out),
        Node::Block(nodes) => block(points, nodes, out, brk),
        Node::Return(p) => at_point(points, *p, &Live::new()),
        Node::Break => brk.clone(),
        Node::Goto => Live::new(),
        Node::If { arms, orelse } => {
            let mut next = block(points, orelse, out, brk);
            for (cond, body) in arms.iter().rev() {
                let mut after_cond = block(points, body, out, brk);
                after_cond.extend(next.iter().copied());
                next = at_point(points, *cond, &after_cond);
            }
            next
        }
        Node::While { cond, body } => {
            let mut head = out.clone();
            loop {
                let mut after_cond = block(points, body, &head, out);
                after_cond.extend(out.iter().copied());
                let new_head = at_point(points, *cond, &after_cond);
                if new_head == head {
                    return head;
                }
                head = new_head;
            }
        }
        Node::Repeat { body, cond } => {
            let mut top = Live::new();
            loop {
                let mut after_cond = top.clone();
                after_cond.extend(out.iter().copied());
                let before_cond = at_point(points, *cond, &after_cond);
                let new_top = block(points, body, &before_cond, out);
                if new_top == top {
                    return top;
                }
                top = new_top;
            }
        }
        Node::For { header, vars, body } => {
            // Each iteration starts by redefining `vars`; the loop's own
            // bookkeeping slots are not tracked here (always compared).
            let mut head = out.clone();
            loop {
                let body_in = block(points, body, &head, out);
                let mut new_head: Live = body_in.into_iter().filter(|id| !vars.contains(id)).collect();
                new_head.extend(out.iter().copied());
                if new_head == head {
                    return at_point(points, *header, &head);
                }
                head = new_head;
            }
        }
    }
}

impl Liveness {
    /// Analyses `source`; `None` when it does not parse (then nothing can be
    /// said and observations are compared unmasked: every engine reports the
    /// same syntax error anyway).
    pub fn analyse(source: &str) -> Option<Liveness> {
        let chunk = twin_lua::syntax::parse(source.as_bytes(), "=prog").ok()?;
        let mut b = Builder { points: Vec::new(), next_id: 0, units: Vec::new() };
        let scope = Scope::default();
        let main = b.block(&chunk.body, 0, &scope);
        b.units.push((0, main));
        let Builder { mut points, units, .. } = b;
        for (_, nodes) in &units {
            block(&mut points, nodes, &Live::new(), &Live::new());
        }
        let mut lines: BTreeMap<(u32, u32), BTreeSet<String>> = BTreeMap::new();
        for p in &points {
            let live: BTreeSet<String> = p
                .visible
                .iter()
                .filter(|(_, id)| (p.live.contains(id) && !p.defs.contains(id)) || p.keeps.contains(id))
                .map(|(name, _)| name.clone())
                .collect();
            lines.entry((p.func, p.line)).and_modify(|s| s.retain(|n| live.contains(n))).or_insert(live);
        }
        Some(Liveness { lines })
    }

    /// The names certainly live in a frame of function `func` (its
    /// linedefined) standing at `line`: the points on that line, else the
    /// nearest point above it in the same function (a statement spanning lines).
    fn live_names(&self, func: u32, line: u32) -> Option<&BTreeSet<String>> {
        self.lines.range((func, 0)..=(func, line)).next_back().map(|(_, names)| names)
    }

    /// A copy of `obs` with every local not known to be live replaced by
    /// [`DEAD`] and reference identities renumbered without them
    /// ([`Checkpoint::renumber_identities`]), for comparison.
    pub fn mask(&self, obs: &Observation) -> Observation {
        let mut masked = obs.clone();
        for cp in &mut masked.checkpoints {
            self.mask_checkpoint(cp);
        }
        masked
    }

    fn mask_checkpoint(&self, cp: &mut Checkpoint) {
        for frame in &mut cp.frames {
            let live = frame
                .function
                .strip_prefix("prog:")
                .and_then(|f| f.parse::<u32>().ok())
                .zip(u32::try_from(frame.line).ok())
                .and_then(|(func, line)| self.live_names(func, line));
            let n = frame.locals.len();
            for i in 0..n {
                let name = frame.locals[i].0.clone();
                if name.starts_with("(for ") {
                    continue;
                }
                // Of several locals with one name, the last is the innermost.
                let innermost = !frame.locals[i + 1..].iter().any(|(other, _)| *other == name);
                let keep = innermost && live.is_some_and(|names| names.contains(&name));
                if !keep {
                    frame.locals[i].1 = DEAD.to_string();
                }
            }
        }
        cp.renumber_identities(DEAD);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live(src: &str, func: u32, line: u32) -> Vec<String> {
        let l = Liveness::analyse(src).expect("parses");
        l.live_names(func, line).map(|s| s.iter().cloned().collect()).unwrap_or_default()
    }

    #[test]
    fn loop_variable_dead_after_its_last_use() {
        let src = "local sum = 0\nfor i = 1, 10 do\n  sum = sum + i\n  if i == 5 then\n    twin_checkpoint(1)\n  end\nend\nprint(sum)\n";
        // At the checkpoint: sum is read on the next iteration and after the
        // loop; i is redefined before any read.
        assert_eq!(live(src, 0, 5), ["sum"]);
    }

    #[test]
    fn checkpoint_arguments_keep_locals_live() {
        let src = "local a, b = 1, 2\nlocal c = a + b\ntwin_checkpoint(1, a, c)\nprint(b)\n";
        assert_eq!(live(src, 0, 3), ["a", "b", "c"]);
        let src = "local a, b = 1, 2\ntwin_checkpoint(1)\nprint(b)\n";
        assert_eq!(live(src, 0, 2), ["b"]);
    }

    #[test]
    fn assignment_after_the_point_kills() {
        let src = "local x = 1\nlocal y = 2\nfoo()\nx = 3\nprint(x, y)\n";
        assert_eq!(live(src, 0, 3), ["y"]);
    }

    #[test]
    fn loops_carry_liveness_around() {
        let src =
            "local n, acc = 0, 0\nwhile n < 10 do\n  twin_checkpoint(1)\n  acc = acc + n\n  n = n + 1\nend\n";
        assert_eq!(live(src, 0, 3), ["acc", "n"]);
        let src = "local k = 0\nrepeat\n  local j = k\n  twin_checkpoint(2)\n  k = k + 1\nuntil j > 3\n";
        assert_eq!(live(src, 0, 4), ["j", "k"]);
    }

    #[test]
    fn functions_are_separate_and_named_by_linedefined() {
        let src =
            "local up = 5\nlocal function f(a, b)\n  twin_checkpoint(1)\n  return a\nend\nprint(f(1, 2))\n";
        assert_eq!(live(src, 2, 3), ["a"]);
        let src = "local t = {}\nfunction t:m(x)\n  twin_checkpoint(1)\n  return self, x\nend\n";
        assert_eq!(live(src, 2, 3), ["self", "x"]);
    }

    #[test]
    fn branches_and_break() {
        let src = "local a, b, c = 1, 2, 3\nfor i = 1, 3 do\n  twin_checkpoint(1)\n  if i == 2 then print(a) break else print(b) end\nend\nprint(c)\n";
        assert_eq!(live(src, 0, 3), ["a", "b", "c", "i"]);
        let src = "local a = 1\nfoo()\ngoto done\nprint(a)\n::done::\n";
        assert!(live(src, 0, 2).is_empty());
    }

    #[test]
    fn declarations_in_a_loop_body_do_not_leak_around_the_back_edge() {
        let src = "for i = 1, 3 do\n  local ok = pcall(print)\n  if not ok then print() end\n  twin_checkpoint(1)\nend\n";
        assert!(live(src, 0, 4).is_empty());
        let src = "while true do\n  twin_checkpoint(1)\n  local function f() end\n  f()\nend\n";
        assert!(live(src, 0, 2).is_empty());
    }

    #[test]
    fn shadowed_locals_resolve_to_the_innermost() {
        let src = "local x = 1\ndo\n  local x = 2\n  twin_checkpoint(1)\nend\nprint(x)\n";
        // The outer x is live, the inner dead: the name alone cannot tell them
        // apart, so the analysis reports the innermost's liveness only.
        assert!(live(src, 0, 4).is_empty());
    }

    #[test]
    fn mask_replaces_dead_locals_only() {
        let src = "local sum = 0\nfor i = 1, 10 do\n  sum = sum + i\n  if i == 5 then\n    twin_checkpoint(1)\n  end\nend\nprint(sum)\n";
        let text = "cp 1\nF prog:0 5\nL sum=15\nL (for index)=5\nL (for limit)=10\nL (for step)=1\nL i=4";
        let obs = Observation {
            outcome: crate::observation::Outcome::Finished,
            stdout: String::new(),
            stderr: String::new(),
            error: None,
            returns: vec![],
            checkpoints: vec![Checkpoint::parse(text).unwrap()],
            checkpoints_dropped: 0,
        };
        let masked = Liveness::analyse(src).unwrap().mask(&obs);
        let locals = &masked.checkpoints[0].frames[0].locals;
        assert_eq!(locals[0].1, "15");
        assert_eq!(locals[1].1, "5");
        assert_eq!(locals[4], ("i".to_string(), DEAD.to_string()));
        // Frames of code the analysis did not see are masked entirely.
        let mut other = obs.clone();
        other.checkpoints[0].frames[0].function = "[string \"x\"]:1".into();
        assert!(Liveness::analyse(src).unwrap().mask(&other).checkpoints[0].frames[0].locals[0].1 == DEAD);
    }

    #[test]
    fn syntax_errors_give_no_analysis() {
        assert!(Liveness::analyse("local = 1").is_none());
    }
}
