//! Summary statistics of repeated measurements.
//!
//! Benchmarks on a shared machine are noisy in one direction: other work
//! only ever makes a run slower. So the centre is the median (one slow run
//! does not move it), and the spread is reported two ways: the range
//! (min..max, what a reader sees first) and the median absolute deviation
//! (robust, what decides whether two medians differ). Ratios across
//! benchmarks are summarised by the geometric mean, the only mean for which
//! "A is 2x B" and "B is 0.5x A" agree.

use serde::{Deserialize, Serialize};

/// Median, range and median absolute deviation of a non-empty sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub mad: f64,
    pub n: usize,
}

/// The median of `xs` (the mean of the middle two for an even count);
/// `None` for an empty slice. NaNs sort last and are not expected.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[mid] } else { (v[mid - 1] + v[mid]) / 2.0 })
}

/// Summarises a sample; `None` when it is empty.
pub fn summarise(xs: &[f64]) -> Option<Summary> {
    let m = median(xs)?;
    let deviations: Vec<f64> = xs.iter().map(|x| (x - m).abs()).collect();
    let (min, max) =
        xs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    Some(Summary { median: m, min, max, mad: median(&deviations)?, n: xs.len() })
}

/// The geometric mean of positive values; `None` when there are none or
/// any is not a positive finite number (a ratio of zero or infinity means a
/// measurement went wrong, and must not vanish into a mean).
pub fn geomean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() || xs.iter().any(|x| !(x.is_finite() && *x > 0.0)) {
        return None;
    }
    Some((xs.iter().map(|x| x.ln()).sum::<f64>() / xs.len() as f64).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn summary_is_robust_to_one_slow_run() {
        let s = summarise(&[1.0, 1.1, 0.9, 1.0, 9.0]).unwrap();
        assert_eq!((s.median, s.min, s.max, s.n), (1.0, 0.9, 9.0, 5));
        // |x - 1|: 0, 0.1, 0.1, 0, 8 -> median 0.1 (up to rounding of 1.1 - 1).
        assert!((s.mad - 0.1).abs() < 1e-12, "{}", s.mad);
        assert_eq!(summarise(&[]), None);
    }

    #[test]
    fn single_run_has_no_spread() {
        let s = summarise(&[0.25]).unwrap();
        assert_eq!((s.median, s.min, s.max, s.mad), (0.25, 0.25, 0.25, 0.0));
    }

    #[test]
    fn geomean_is_symmetric_in_ratios() {
        let g = geomean(&[2.0, 0.5]).unwrap();
        assert!((g - 1.0).abs() < 1e-12);
        let g = geomean(&[1.0, 4.0, 16.0]).unwrap();
        assert!((g - 4.0).abs() < 1e-12);
        assert_eq!(geomean(&[]), None);
        assert_eq!(geomean(&[1.0, 0.0]), None);
        assert_eq!(geomean(&[1.0, f64::INFINITY]), None);
    }
}
