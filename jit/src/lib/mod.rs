pub mod pattern;
pub mod format;
