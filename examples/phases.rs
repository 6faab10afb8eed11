//! Times the phases of a reading command on a workspace (development aid):
//!
//!     cargo run --release --example phases -- DIR
use std::time::Instant;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: phases DIR"));
    let t = Instant::now();
    let ws = factcheck::workspace::Workspace::discover(&dir).unwrap();
    let loaded = ws.load();
    let t_load = t.elapsed();
    let t = Instant::now();
    let a = factcheck::analysis::Analysis::new(&loaded.claims, &loaded.sources, &ws.config);
    let t_an = t.elapsed();
    drop(a);
    let t = Instant::now();
    let r =
        factcheck::render::report::Report::new(&loaded.claims, &loaded.sources, &ws.config, None);
    let s = r.render(
        factcheck::render::Format::Json,
        factcheck::render::Style::PLAIN,
    );
    let t_rep = t.elapsed();
    let t = Instant::now();
    let d = factcheck::check::check(&ws, &loaded);
    let t_check = t.elapsed();
    eprintln!(
        "load {t_load:?} analysis {t_an:?} report(json, incl. analysis) {t_rep:?} ({} bytes) check rules {t_check:?} ({} diags)",
        s.len(),
        d.len()
    );
}
