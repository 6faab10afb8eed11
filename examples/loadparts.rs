//! Development aid: where loading time goes (listing, reading, TOML, fields).
use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let t = Instant::now();
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir.join("claims")).unwrap().flatten() {
        files.push(e.path());
    }
    files.sort();
    let t_list = t.elapsed();
    let t = Instant::now();
    let texts: Vec<String> = files
        .par_iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    let t_read = t.elapsed();
    let t = Instant::now();
    let n: usize = texts
        .par_iter()
        .map(|s| {
            toml::de::DeTable::parse(s)
                .map(|d| d.get_ref().len())
                .unwrap_or(0)
        })
        .sum();
    let t_toml = t.elapsed();
    let t = Instant::now();
    let policy = factcheck::count::CountPolicy::default();
    let ok: usize = texts
        .par_iter()
        .zip(files.par_iter())
        .map(|(s, p)| {
            let stem = p.file_stem().unwrap().to_str().unwrap();
            factcheck::record::parse_claim_with(stem, p, s, &policy, false)
                .record
                .is_some() as usize
        })
        .sum();
    let t_full = t.elapsed();
    eprintln!(
        "{} claims: list {t_list:?} read {t_read:?} toml {t_toml:?} ({n} keys) toml+fields {t_full:?} ({ok} ok)",
        files.len()
    );
}
