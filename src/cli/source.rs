use super::Env;
use factcheck::error::{Error, Result};
use factcheck::ops::{self, NewSource};
use std::io::Read;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum SourceCommand {
    /// Record a source; --text-file archives its text and records its sha256.
    Add(AddArgs),
    /// Word diff of two archived versions of a source, changed numbers marked.
    Diff(DiffArgs),
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// Id of the new source (a slug: a-z, 0-9, '-').
    id: String,
    #[arg(long)]
    title: String,
    #[arg(long)]
    publisher: String,
    #[arg(long)]
    url: Option<String>,
    /// Publication date or date-time with offset (2019-12-31T09:15:00-05:00).
    #[arg(long)]
    published: Option<String>,
    /// When the page was captured.
    #[arg(long)]
    accessed: Option<String>,
    /// Admiralty source grade, A (reliable) to F (cannot be judged).
    #[arg(long)]
    reliability: Option<char>,
    /// Id of a source this one relays (repeatable).
    #[arg(long)]
    cites: Vec<String>,
    /// Id of an earlier version of the same page.
    #[arg(long)]
    revises: Option<String>,
    /// File with the archived text, or - for standard input.
    #[arg(long, value_name = "PATH|-")]
    text_file: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct DiffArgs {
    old: String,
    new: String,
    #[arg(long, value_enum, default_value_t = super::OutputFormat::Text)]
    format: super::OutputFormat,
}

pub fn run(env: &Env, cmd: SourceCommand) -> Result<u8> {
    match cmd {
        SourceCommand::Add(a) => add(env, a),
        SourceCommand::Diff(a) => diff(env, a),
    }
}

fn add(env: &Env, a: AddArgs) -> Result<u8> {
    // Validate the id before reading any input, so a typo costs nothing.
    ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    let text = match &a.text_file {
        None => None,
        Some(p) if p.as_os_str() == "-" => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(Error::io("read", "standard input"))?;
            Some(buf)
        }
        Some(p) => {
            let p = if p.is_relative() {
                env.dir.join(p)
            } else {
                p.clone()
            };
            Some(std::fs::read(&p).map_err(Error::io("read", p))?)
        }
    };
    let archived = text.is_some();
    let s = ops::source_add(
        &ws,
        NewSource {
            id: a.id,
            title: a.title,
            publisher: a.publisher,
            url: a.url,
            published: a.published,
            accessed: a.accessed,
            reliability: a.reliability.map(|c| c.to_ascii_uppercase()),
            cites: a.cites,
            revises: a.revises,
            text,
        },
    )?;
    let archive = if archived {
        format!(
            " and sources/{}.txt (sha256 {})",
            s.id,
            &s.sha256.as_deref().unwrap_or("")[..12.min(s.sha256.as_deref().unwrap_or("").len())]
        )
    } else {
        " (no archived text: quotes from it can only be linked with --unverified)".to_string()
    };
    super::emit(&format!("created sources/{}.toml{archive}\n", s.id));
    Ok(0)
}

fn diff(env: &Env, a: DiffArgs) -> Result<u8> {
    let ws = env.workspace()?;
    let old = ops::parse_id(&a.old)?;
    let new = ops::parse_id(&a.new)?;
    ws.read_source(&old)?;
    ws.read_source(&new)?;
    let read = |id: &factcheck::id::Id| -> Result<String> {
        let p = ws.path(&factcheck::workspace::Workspace::archive_rel(id));
        std::fs::read(&p)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    Error::Usage(format!("source `{id}` has no archived text to compare"))
                }
                _ => Error::Io {
                    action: "read",
                    path: p,
                    source: e,
                },
            })
    };
    let (t_old, t_new) = (read(&old)?, read(&new)?);
    use factcheck::render::source_diff;
    let out = match a.format {
        super::OutputFormat::Json => source_diff::json(old.as_str(), new.as_str(), &t_old, &t_new),
        super::OutputFormat::Markdown => {
            source_diff::markdown(old.as_str(), new.as_str(), &t_old, &t_new)
        }
        super::OutputFormat::Text => source_diff::render(&t_old, &t_new, env.color),
    };
    super::emit(&out);
    Ok(0)
}
