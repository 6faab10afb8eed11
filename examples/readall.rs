//! The benchmark floor: read every file of a workspace on all cores and parse
//! nothing. `factcheck check` and `report` are measured against this.
//!
//!     cargo run --release --example readall -- DIR

use rayon::prelude::*;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: readall DIR"));
    let mut files = Vec::new();
    for sub in ["claims", "sources", "entities", "events"] {
        for e in std::fs::read_dir(dir.join(sub))
            .expect("read_dir")
            .flatten()
        {
            files.push(e.path());
        }
    }
    let bytes: usize = files
        .par_iter()
        .map(|p| std::fs::read(p).map(|b| b.len()).unwrap_or(0))
        .sum();
    println!("{} files, {bytes} bytes", files.len());
}
