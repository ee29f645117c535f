//! The virtual machine: values, objects, GC, the interpreter.

pub mod value;
pub mod numfmt;
pub mod strscan;
