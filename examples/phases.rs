//! Times the phases of a reading command on a workspace (development aid):
//!
//!     cargo run --release --example phases -- DIR
use factcheck::ops::read::View;
use factcheck::render::report::{Report, ReportInput};
use std::time::Instant;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: phases DIR"));
    let ws = factcheck::store::Workspace::discover(&dir).unwrap();
    let t = Instant::now();
    let view = View::load(&ws, None);
    let t_load = t.elapsed();
    let t = Instant::now();
    let a = view.analysis(&ws);
    let t_an = t.elapsed();
    let t = Instant::now();
    let shown = (0..a.ctx.claims.len()).collect();
    let r = Report::new(ReportInput {
        analysis: &a,
        shown,
        skipped: &view.loaded.skipped,
        as_of: None,
    });
    let json = r.render(
        factcheck::render::Format::Json,
        factcheck::render::Style::PLAIN,
    );
    let t_json = t.elapsed();
    let t = Instant::now();
    let text = r.render(
        factcheck::render::Format::Text,
        factcheck::render::Style::PLAIN,
    );
    let t_text = t.elapsed();
    let t = Instant::now();
    let checked = factcheck::check::check(&ws);
    let t_check = t.elapsed();
    eprintln!(
        "load {t_load:?} analysis {t_an:?} report json {t_json:?} ({} bytes) text {t_text:?} ({} bytes) check (all) {t_check:?} ({} diagnostics)",
        json.len(),
        text.len(),
        checked.diagnostics.len()
    );
}
