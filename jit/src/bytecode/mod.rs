//! The bytecode: instruction set, prototypes, and the compiler from the AST.

pub mod op;
pub mod proto;
