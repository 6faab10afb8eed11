use super::Env;
use factcheck::error::Result;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Directory to make a workspace (default: the current one, or -C DIR).
    dir: Option<PathBuf>,
}

pub fn run(env: &Env, args: Args) -> Result<u8> {
    let dir = match args.dir {
        Some(d) if d.is_relative() => env.dir.join(d),
        Some(d) => d,
        None => env.dir.clone(),
    };
    factcheck::ops::init(&dir)?;
    super::emit(&format!(
        "created a factcheck workspace in {}\n  next: factcheck source add ID --title T --publisher P --text-file article.txt\n",
        dir.display()
    ));
    Ok(0)
}
