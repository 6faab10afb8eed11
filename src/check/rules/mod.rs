//! One file per cross-record rule. Each exposes `run` and tests itself.

pub mod archives;
pub mod cycles;
pub mod duplicate_ids;
pub mod quotes;
pub mod references;
pub mod revisions;
pub mod unsourced;

#[cfg(test)]
pub(crate) mod testing {
    //! Builds a small workspace in a temp dir and runs `check` on it.
    use crate::diag::Diagnostic;
    use crate::workspace::Workspace;

    pub fn check_files(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("factcheck.toml"), "").unwrap();
        std::fs::create_dir_all(dir.path().join("claims")).unwrap();
        std::fs::create_dir_all(dir.path().join("sources")).unwrap();
        for (path, text) in files {
            std::fs::write(dir.path().join(path), text).unwrap();
        }
        let ws = Workspace::open(dir.path()).unwrap();
        let loaded = ws.load();
        crate::check::check(&ws, &loaded)
    }

    pub fn codes(d: &[Diagnostic]) -> Vec<(String, &'static str, usize)> {
        d.iter()
            .map(|d| (d.file.display().to_string(), d.code, d.line))
            .collect()
    }

    pub const SOURCE: &str = "title = \"t\"\npublisher = \"P\"\n";
    pub const EVENT: &str = "kind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n";
}
