use super::Env;
use factcheck::error::{Error, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck man            # factcheck.1 on standard output\n  factcheck man target/man # one page per command: factcheck.1, factcheck-report.1, ...\n  man -l target/man/factcheck-report.1"
)]
pub struct Args {
    /// Write one page per command into DIR (default: the main page to stdout).
    dir: Option<PathBuf>,
}

fn pages(cmd: &clap::Command, prefix: &str, out: &mut Vec<(String, clap::Command)>) {
    let name = if prefix.is_empty() {
        cmd.get_name().to_string()
    } else {
        format!("{prefix}-{}", cmd.get_name())
    };
    for sub in cmd.get_subcommands() {
        pages(sub, &name, out);
    }
    out.push((name, cmd.clone()));
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let mut cmd = super::command();
    cmd.build();
    let Some(dir) = a.dir else {
        let mut buf = Vec::new();
        clap_mangen::Man::new(cmd)
            .render(&mut buf)
            .map_err(|e| Error::Usage(format!("cannot render the manual: {e}")))?;
        super::emit(&String::from_utf8_lossy(&buf));
        return Ok(0);
    };
    let dir = if dir.is_relative() {
        env.dir.join(dir)
    } else {
        dir
    };
    std::fs::create_dir_all(&dir).map_err(Error::io("create", &dir))?;
    let mut all = Vec::new();
    pages(&cmd, "", &mut all);
    let mut written = 0;
    for (name, c) in all {
        if name.ends_with("-help") {
            continue;
        }
        let c = c.name(name.clone());
        let mut buf = Vec::new();
        clap_mangen::Man::new(c)
            .render(&mut buf)
            .map_err(|e| Error::Usage(format!("cannot render the manual: {e}")))?;
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, buf).map_err(Error::io("write", &path))?;
        written += 1;
    }
    super::emit(&format!(
        "wrote {written} manual pages to {}\n",
        dir.display()
    ));
    Ok(0)
}
