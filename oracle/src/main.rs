//! `twin`: the differential harness.

fn main() {
    eprintln!("twin: not built yet");
    std::process::exit(2);
}
