use super::Env;
use factcheck::error::Result;
use factcheck::render::Format;
use std::path::PathBuf;

#[derive(Copy, Clone, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Markdown,
    Json,
    /// GitHub workflow annotations.
    Github,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let ws = env.workspace()?;
    let (loaded, archives) = factcheck::check::load_for_check(&ws);
    let diags = factcheck::check::check_with(&ws, &loaded, archives);
    let format = match a.format {
        CheckFormat::Text => Format::Text,
        CheckFormat::Markdown => Format::Markdown,
        CheckFormat::Json => Format::Json,
        CheckFormat::Github => Format::Github,
    };
    let prefix = if format == Format::Github {
        git_prefix(&ws.root)
    } else {
        PathBuf::new()
    };
    let out = factcheck::render::check::render(&diags, &ws.root, format, env.color, &prefix);
    super::emit(&out);
    super::release(loaded);
    Ok(if diags.iter().any(|d| d.is_error()) {
        factcheck::error::EXIT_WANTING
    } else {
        0
    })
}

/// Where the workspace sits inside its git repository, so annotations name
/// paths from the repository root. Empty outside git.
fn git_prefix(root: &std::path::Path) -> PathBuf {
    factcheck::git::Repo::open(root)
        .map(|r| r.prefix)
        .unwrap_or_default()
}
