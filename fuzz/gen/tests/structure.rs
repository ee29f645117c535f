//! Structural properties of generated trees, checked without printing them: the rules
//! the parser would enforce (returns last, `break` in loops, `goto` to a visible label),
//! the AST's canonical form (literals never negative, `Paren` only around multi-valued
//! expressions), determinism, and completeness when bytes run out.

use std::collections::BTreeSet;

use arbitrary::Unstructured;
use twin_gen::{Family, from_seed, generate};
use twin_lua::syntax::ast::*;

#[derive(Default)]
struct Checker {
    labels: BTreeSet<String>,
    checkpoints: Vec<i64>,
    errors: Vec<String>,
}

impl Checker {
    /// `visible`: labels of the enclosing blocks of the current function.
    fn block(&mut self, b: &Block, in_loop: bool, visible: &mut Vec<String>) {
        let mark = visible.len();
        for s in &b.stats {
            if let StatKind::Label(l) = &s.kind {
                if !self.labels.insert(l.clone()) {
                    self.errors.push(format!("label {l} defined twice"));
                }
                visible.push(l.clone());
            }
        }
        for (k, s) in b.stats.iter().enumerate() {
            if matches!(s.kind, StatKind::Return(_)) && k + 1 != b.stats.len() {
                self.errors.push("return is not the last statement of its block".into());
            }
            self.stat(s, in_loop, visible);
        }
        visible.truncate(mark);
    }

    fn func(&mut self, f: &FuncBody) {
        self.block(&f.body, false, &mut Vec::new());
    }

    fn stat(&mut self, s: &Stat, in_loop: bool, visible: &mut Vec<String>) {
        match &s.kind {
            StatKind::Local { exprs, .. } => exprs.iter().for_each(|e| self.expr(e)),
            StatKind::Assign { targets, exprs } => {
                for t in targets {
                    if !matches!(t.kind, ExprKind::Name(_) | ExprKind::Index(..)) {
                        self.errors.push("assignment to a non-variable".into());
                    }
                    self.expr(t);
                }
                exprs.iter().for_each(|e| self.expr(e));
            }
            StatKind::Call(e) => {
                if !matches!(e.kind, ExprKind::Call(..) | ExprKind::MethodCall(..)) {
                    self.errors.push("call statement is not a call".into());
                }
                if let ExprKind::Call(f, args) = &e.kind
                    && matches!(&f.kind, ExprKind::Name(n) if n == "twin_checkpoint")
                {
                    match args.as_slice() {
                        [Expr { kind: ExprKind::Number(n), .. }] => self.checkpoints.push(*n as i64),
                        _ => self.errors.push("checkpoint without a literal id".into()),
                    }
                }
                self.expr(e);
            }
            StatKind::Do(b) => self.block(b, in_loop, visible),
            StatKind::While { cond, body } => {
                self.expr(cond);
                self.block(body, true, visible);
            }
            StatKind::Repeat { body, cond } => {
                self.block(body, true, visible);
                self.expr(cond);
            }
            StatKind::If { arms, orelse } => {
                for (c, b) in arms {
                    self.expr(c);
                    self.block(b, in_loop, visible);
                }
                if let Some(b) = orelse {
                    self.block(b, in_loop, visible);
                }
            }
            StatKind::NumericFor { start, limit, step, body, .. } => {
                self.expr(start);
                self.expr(limit);
                if let Some(s) = step {
                    self.expr(s);
                }
                self.block(body, true, visible);
            }
            StatKind::GenericFor { exprs, body, .. } => {
                exprs.iter().for_each(|e| self.expr(e));
                self.block(body, true, visible);
            }
            StatKind::Function { func, .. } | StatKind::LocalFunction { func, .. } => self.func(func),
            StatKind::Return(es) => es.iter().for_each(|e| self.expr(e)),
            StatKind::Break => {
                if !in_loop {
                    self.errors.push("break outside a loop".into());
                }
            }
            StatKind::Goto(l) => {
                if !visible.contains(l) {
                    self.errors.push(format!("goto {l} without a visible label"));
                }
            }
            StatKind::Label(_) => {}
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Number(v) | ExprKind::Imaginary(v) if !v.is_finite() || v.is_sign_negative() => {
                self.errors.push(format!("non-canonical number literal {v}"));
            }
            ExprKind::Int64(v) if *v < 0 => self.errors.push(format!("negative int64 literal {v}")),
            ExprKind::Function(f) => self.func(f),
            ExprKind::Table(fields) => {
                for f in fields {
                    match f {
                        TableField::Positional(v) | TableField::Named(_, v) => self.expr(v),
                        TableField::Keyed(k, v) => {
                            self.expr(k);
                            self.expr(v);
                        }
                    }
                }
            }
            ExprKind::BinOp(_, a, b) | ExprKind::Index(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::UnOp(_, a) => self.expr(a),
            ExprKind::Paren(a) => {
                if !a.is_multi() {
                    self.errors.push("grouping parenthesis in the tree".into());
                }
                self.expr(a);
            }
            ExprKind::Call(f, args) => {
                self.expr(f);
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::MethodCall(o, _, args) => {
                self.expr(o);
                args.iter().for_each(|a| self.expr(a));
            }
            _ => {}
        }
    }
}

fn check(chunk: &Chunk, checkpoints: u32) -> Vec<String> {
    let mut c = Checker::default();
    c.block(&chunk.body, false, &mut Vec::new());
    let mut ids = c.checkpoints.clone();
    ids.sort();
    if ids != (1..=i64::from(checkpoints)).collect::<Vec<_>>() {
        c.errors.push(format!("checkpoint ids {ids:?} are not 1..={checkpoints}, each once"));
    }
    c.errors
}

#[test]
fn ten_thousand_seeds_are_well_formed() {
    for seed in 0..10_000 {
        let p = from_seed(seed);
        let errors = check(&p.chunk, p.checkpoints);
        assert!(errors.is_empty(), "seed {seed}: {errors:?}");
        assert!(!p.families.is_empty());
    }
}

#[test]
fn same_seed_same_program() {
    for seed in [0, 1, 7, 1234, u64::MAX] {
        let (a, b) = (from_seed(seed), from_seed(seed));
        assert_eq!(a.chunk, b.chunk, "seed {seed}");
        assert_eq!(a.header(), b.header());
    }
    assert_ne!(from_seed(1).chunk, from_seed(2).chunk);
}

#[test]
fn running_out_of_bytes_still_gives_a_complete_program() {
    for bytes in [&[][..], &[0xff; 3], &[0x80; 40], &[0x12, 0x34, 0x56, 0x78, 0x9a]] {
        let mut u = Unstructured::new(bytes);
        let p = generate(&mut u).expect("generate never fails for lack of bytes");
        assert!(check(&p.chunk, p.checkpoints).is_empty());
        assert!(!p.families.is_empty());
        // Beyond the prelude, each family instance is one `do` block.
        let blocks = p.chunk.body.stats.iter().filter(|s| matches!(s.kind, StatKind::Do(_))).count();
        assert_eq!(blocks, p.families.len());
    }
    let p = generate(&mut Unstructured::new(&[])).unwrap();
    assert_eq!(p.families, vec![Family::HotLoops], "zero bytes: one instance of the first family");
}

#[test]
fn every_family_is_generated() {
    let mut seen = BTreeSet::new();
    for seed in 0..2000 {
        seen.extend(from_seed(seed).families);
    }
    assert_eq!(seen.len(), Family::ALL.len(), "{seen:?}");
}

#[test]
fn a_byte_flip_in_one_instance_changes_only_that_instance() {
    let family_blocks = |p: &twin_gen::Program| -> Vec<Stat> {
        p.chunk.body.stats.iter().filter(|s| matches!(s.kind, StatKind::Do(_))).cloned().collect()
    };
    let mut changed = 0;
    for k in 0..50u64 {
        // Short inputs: every instance uses up its slice, so the flip lands in used bytes.
        let bytes: Vec<u8> = (0..600u64).map(|i| ((i * 7919 + k * 104_729) % 251) as u8).collect();
        let mut flipped = bytes.clone();
        let at = flipped.len() - 1 - (k as usize % 20);
        flipped[at] ^= 0x5a;
        let a = generate(&mut Unstructured::new(&bytes)).unwrap();
        let b = generate(&mut Unstructured::new(&flipped)).unwrap();
        let (ba, bb) = (family_blocks(&a), family_blocks(&b));
        assert_eq!(a.config, b.config);
        assert_eq!(ba.len(), bb.len());
        let last = ba.len() - 1;
        assert_eq!(
            ba[..last],
            bb[..last],
            "case {k}: a flip in the last instance's bytes changed an earlier one"
        );
        changed += usize::from(ba[last] != bb[last]);
    }
    assert!(changed > 0, "flips in the last instance's bytes never changed it");
}
