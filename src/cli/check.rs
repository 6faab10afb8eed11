use super::Env;
use factcheck::error::{EXIT_WANTING, Result};
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
#[command(
    after_help = "Examples:\n  factcheck check\n  factcheck check --strict            # warnings fail too\n  factcheck check --format github     # annotations in a GitHub workflow"
)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    strict: bool,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let ws = env.workspace()?;
    let checked = factcheck::check::check(&ws);
    let format = match a.format {
        CheckFormat::Text => Format::Text,
        CheckFormat::Markdown => Format::Markdown,
        CheckFormat::Json => Format::Json,
        CheckFormat::Github => Format::Github,
    };
    let prefix = if format == Format::Github {
        factcheck::store::git::Repo::open(&ws.root)
            .map(|r| r.prefix)
            .unwrap_or_default()
    } else {
        PathBuf::new()
    };
    let diags = &checked.diagnostics;
    super::emit(&factcheck::render::check::render(
        diags,
        &checked.loaded.skipped,
        format,
        env.color,
        &prefix,
    ));
    let failed = diags.iter().any(|d| d.is_error()) || (a.strict && !diags.is_empty());
    super::release(checked);
    Ok(if failed { EXIT_WANTING } else { 0 })
}
