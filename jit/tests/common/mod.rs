//! Shared by the integration tests: a `print` sink the test can read back.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Where a test state's `print` writes; clones share the bytes.
#[derive(Clone, Default)]
pub struct Buf(pub Rc<RefCell<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
