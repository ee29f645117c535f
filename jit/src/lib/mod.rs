pub mod bitop;
pub mod format;
pub mod pattern;
pub mod prng;
