use super::{Env, OutputFormat, ReadArgs, TableFormat};
use factcheck::error::{Error, Result};
use factcheck::ops::source::{NewSource, source_add};
use factcheck::render::records::{SourceRow, sources};
use std::io::Read;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum SourceCommand {
    /// Record a source; --text-file archives its text and records its sha256.
    Add(AddArgs),
    /// List the sources.
    List(ListArgs),
    /// The changed paragraphs of two archived versions of a source.
    Diff(DiffArgs),
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck source add hill --title \"Protesters storm US Embassy\" --publisher \"The Hill\" \\\n      --published 2019-12-31 --reliability B --text-file article.txt\n  factcheck source add ap --title \"AP wire\" --publisher \"The Associated Press\"   # no archive\n  factcheck source add wire-v2 --title T --publisher P --revises wire-v1 --text-file v2.txt"
)]
pub struct AddArgs {
    /// Id of the new source (a slug: a-z, 0-9, '-').
    id: String,
    /// The headline or title.
    #[arg(long)]
    title: String,
    /// The outlet or organization that published it.
    #[arg(long)]
    publisher: String,
    /// Where it was published.
    #[arg(long)]
    url: Option<String>,
    /// Publication date or date-time with offset (2019-12-31T09:15:00-05:00).
    #[arg(long, value_name = "D")]
    published: Option<String>,
    /// When the page was read or captured.
    #[arg(long, value_name = "D")]
    accessed: Option<String>,
    /// The language of the text, as a BCP 47 tag (en, ar, pt-BR).
    #[arg(long)]
    language: Option<String>,
    /// Admiralty source grade, A (reliable) to F (cannot be judged).
    #[arg(long, value_name = "A-F")]
    reliability: Option<char>,
    /// Id of a source this one relays (repeatable).
    #[arg(long, value_name = "ID")]
    cites: Vec<String>,
    /// Id of an earlier version of the same page.
    #[arg(long, value_name = "ID")]
    revises: Option<String>,
    /// File with the archived text, or - for standard input.
    #[arg(long, value_name = "PATH|-")]
    text_file: Option<PathBuf>,
    /// Free-text notes.
    #[arg(long)]
    notes: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck source list\n  factcheck source list --format csv > sources.csv"
)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck source diff wire-v1 wire-v2\n  factcheck source diff wire-v1 wire-v2 --format markdown"
)]
pub struct DiffArgs {
    /// The earlier version.
    old: String,
    /// The later version.
    new: String,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

pub fn run(env: &Env, cmd: SourceCommand) -> Result<u8> {
    match cmd {
        SourceCommand::Add(a) => add(env, a),
        SourceCommand::List(a) => list(env, a),
        SourceCommand::Diff(a) => diff(env, a),
    }
}

/// The bytes of a file given on the command line, or of standard input.
pub fn read_input(env: &Env, p: &std::path::Path) -> Result<Vec<u8>> {
    if p.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(Error::io("read", "standard input"))?;
        return Ok(buf);
    }
    let p = if p.is_relative() {
        env.dir.join(p)
    } else {
        p.to_path_buf()
    };
    std::fs::read(&p).map_err(Error::io("read", p))
}

fn add(env: &Env, a: AddArgs) -> Result<u8> {
    // Validate the id before reading any input, so a typo costs nothing.
    factcheck::ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    let text = a
        .text_file
        .as_deref()
        .map(|p| read_input(env, p))
        .transpose()?;
    let archived = text.is_some();
    let s = source_add(
        &ws,
        NewSource {
            id: a.id,
            title: a.title,
            publisher: a.publisher,
            url: a.url,
            published: a.published,
            accessed: a.accessed,
            language: a.language,
            reliability: a.reliability.map(|c| c.to_ascii_uppercase()),
            cites: a.cites,
            revises: a.revises,
            notes: a.notes,
            tags: a.tags,
            text,
            ..NewSource::default()
        },
    )?;
    let archive = if archived {
        let sha = s.sha256.as_deref().unwrap_or("");
        format!(
            " and sources/{}.txt (sha256 {})",
            s.id,
            &sha[..12.min(sha.len())]
        )
    } else {
        " (no archived text: quotes from it can only be linked with --unverified)".to_string()
    };
    super::emit(&format!("created sources/{}.toml{archive}\n", s.id));
    Ok(0)
}

fn list(env: &Env, a: ListArgs) -> Result<u8> {
    let ws = env.workspace()?;
    let view = a.read.view(&ws)?;
    let an = view.analysis(&ws);
    let rows: Vec<SourceRow> = view
        .loaded
        .sources
        .iter()
        .map(|s| SourceRow {
            source: s,
            archived: ws.has_archive(&s.id),
            quoted_by: factcheck::analysis::inbound::source_inbound(&an, &s.id)
                .quoted_by
                .len(),
        })
        .collect();
    super::emit(&sources(
        &rows,
        &view.loaded.skipped,
        a.format.into(),
        env.style,
    ));
    Ok(a.read.exit(&view))
}

fn diff(env: &Env, a: DiffArgs) -> Result<u8> {
    let ws = env.workspace()?;
    let old = factcheck::ops::parse_id(&a.old)?;
    let new = factcheck::ops::parse_id(&a.new)?;
    let t_old = factcheck::ops::read::archive_text(&ws, &old)?;
    let t_new = factcheck::ops::read::archive_text(&ws, &new)?;
    use factcheck::render::source_diff;
    let out = match a.format {
        OutputFormat::Json => source_diff::json(old.as_str(), new.as_str(), &t_old, &t_new),
        OutputFormat::Markdown => source_diff::markdown(old.as_str(), new.as_str(), &t_old, &t_new),
        OutputFormat::Text => source_diff::text(&t_old, &t_new, env.color),
    };
    super::emit(&out);
    Ok(0)
}
