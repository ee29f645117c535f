//! The bytecode: instruction set, prototypes, and the compiler from the AST.

pub mod compile;
pub mod dump;
pub mod op;
pub mod proto;

pub use compile::{CompileError, compile};
