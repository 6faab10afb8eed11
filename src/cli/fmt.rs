use super::Env;
use factcheck::error::{Error, Result};
use factcheck::workspace::{CLAIMS_DIR, SOURCES_DIR, Workspace};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// List files that would change and exit 1; change nothing.
    #[arg(long)]
    check: bool,
    /// Record files to format (default: every record).
    paths: Vec<PathBuf>,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let ws = env.workspace()?;
    let files: Vec<PathBuf> = if a.paths.is_empty() {
        let loaded = ws.load();
        let mut f: Vec<PathBuf> = loaded
            .claim_files
            .iter()
            .map(Workspace::claim_rel)
            .collect();
        f.extend(loaded.source_files.iter().map(Workspace::source_rel));
        f.sort();
        f
    } else {
        a.paths
            .iter()
            .map(|p| {
                let abs = std::path::absolute(env.dir.join(p)).map_err(Error::io("resolve", p))?;
                abs.strip_prefix(&ws.root)
                    .map(|r| r.to_path_buf())
                    .map_err(|_| {
                        Error::Usage(format!(
                            "{} is not inside the workspace {}",
                            p.display(),
                            ws.root.display()
                        ))
                    })
            })
            .collect::<Result<_>>()?
    };
    let _lock = factcheck::store::WorkspaceLock::acquire(&ws.root)?;
    let mut changed = Vec::new();
    let mut failed = 0;
    for rel in files {
        let is_claim = rel.starts_with(CLAIMS_DIR);
        if !is_claim && !rel.starts_with(SOURCES_DIR) {
            return Err(Error::Usage(format!(
                "{} is not a record (records are in claims/ and sources/)",
                rel.display()
            )));
        }
        // The same gate as loading: size limit, no links, UTF-8, not empty.
        match factcheck::workspace::read_record(&ws.root, &rel, ws.config.max_file_size) {
            Ok(_) => {}
            Err(d) => {
                eprintln!(
                    "warning: skipped {}:{}:{}: {}",
                    d.file.display(),
                    d.line,
                    d.column,
                    d.message
                );
                failed += 1;
                continue;
            }
        }
        // Read again as is: the gate strips a BOM, which formatting keeps.
        let raw =
            std::fs::read_to_string(ws.path(&rel)).map_err(Error::io("read", ws.path(&rel)))?;
        let formatted = match factcheck::canonical::format_record(&raw, is_claim) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("warning: skipped {}: {e}", rel.display());
                failed += 1;
                continue;
            }
        };
        if formatted != raw {
            if !a.check {
                factcheck::store::replace(&ws.path(&rel), formatted.as_bytes())?;
            }
            changed.push(rel);
        }
    }
    let mut out = String::new();
    for c in &changed {
        out.push_str(&format!(
            "{}{}\n",
            if a.check {
                "would reformat "
            } else {
                "formatted "
            },
            c.display()
        ));
    }
    if changed.is_empty() {
        out.push_str("fmt: every record is in canonical layout\n");
    }
    super::emit(&out);
    Ok(if (a.check && !changed.is_empty()) || failed > 0 {
        factcheck::error::EXIT_WANTING
    } else {
        0
    })
}
