pub mod pattern;
pub mod format;
pub mod prng;
