use super::{Env, OutputFormat, ReadArgs, TableFormat};
use factcheck::error::{Error, Result};
use factcheck::ops::capture::{Captured, PageFrom, source_capture};
use factcheck::ops::source::{NewSource, source_add};
use factcheck::render::recheck::RecheckView;
use factcheck::render::records::{SourceRow, sources};
use std::io::Read;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum SourceCommand {
    /// Record a source; --text-file archives its text, --fetch or --html-file capture a web page.
    Add(AddArgs),
    /// Fetch a captured page again and re-verify every quote linked to it.
    Recheck(RecheckArgs),
    /// List the sources.
    List(ListArgs),
    /// The changed paragraphs of two archived versions of a source.
    Diff(DiffArgs),
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck source add hill --title \"Protesters storm US Embassy\" --publisher \"The Hill\" \\\n      --published 2019-12-31 --reliability B --text-file article.txt\n  factcheck source add wire --url https://example.org/news/strike --fetch\n  factcheck source add wire --html-file saved-page.html --url https://example.org/news/strike\n  factcheck source add ap --title \"AP wire\" --publisher \"The Associated Press\"   # no archive\n  factcheck source add wire-v2 --title T --publisher P --revises wire-v1 --text-file v2.txt"
)]
pub struct AddArgs {
    /// Id of the new source (a slug: a-z, 0-9, '-').
    id: String,
    /// The headline or title (taken from the page when capturing).
    #[arg(long)]
    title: Option<String>,
    /// The outlet or organization that published it (taken from the page when capturing).
    #[arg(long)]
    publisher: Option<String>,
    /// Where it was published; with --fetch, the page to capture.
    #[arg(long)]
    url: Option<String>,
    /// Capture the page at --url: its readable text, raw bytes and metadata.
    #[arg(long, requires = "url", conflicts_with_all = ["text_file", "html_file"])]
    fetch: bool,
    /// Capture a page saved from a browser (HTML), without the network.
    #[arg(long, value_name = "PATH|-", conflicts_with = "text_file")]
    html_file: Option<PathBuf>,
    /// With --fetch: archive the page even if the server answers an error status (recorded).
    #[arg(long, requires = "fetch")]
    allow_status: bool,
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
    after_help = "Examples:\n  factcheck source recheck wire\n  factcheck source recheck wire --save wire-v2     # keep the new capture, revising wire\n  factcheck source recheck wire --format json"
)]
pub struct RecheckArgs {
    /// The source to fetch again.
    id: String,
    /// Keep the new capture as a source with this id that revises ID.
    #[arg(long, value_name = "NEW_ID")]
    save: Option<String>,
    /// Compare what the server serves even if it answers an error status.
    #[arg(long)]
    allow_status: bool,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
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
        SourceCommand::Recheck(a) => recheck(env, a),
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
    let capturing = a.fetch || a.html_file.is_some();
    if !capturing && (a.title.is_none() || a.publisher.is_none()) {
        return Err(Error::Usage(
            "source add needs --title and --publisher (or --fetch / --html-file, which take them from the page)".into(),
        ));
    }
    let text = a
        .text_file
        .as_deref()
        .map(|p| read_input(env, p))
        .transpose()?;
    let archived = text.is_some();
    let new = NewSource {
        id: a.id,
        title: a.title.unwrap_or_default(),
        publisher: a.publisher.unwrap_or_default(),
        url: a.url.clone(),
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
    };
    if capturing {
        let from = match &a.html_file {
            Some(p) => PageFrom::File {
                bytes: read_input(env, p)?,
                shown: p.display().to_string(),
            },
            None => PageFrom::Url(a.url.unwrap_or_default()),
        };
        let c = source_capture(&ws, new, from, a.allow_status)?;
        super::emit(&captured(&c));
        return Ok(0);
    }
    let s = source_add(&ws, new)?;
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

/// What `source add --fetch` / `--html-file` created, and what it took from the page.
fn captured(c: &Captured) -> String {
    let s = &c.source;
    let sha = s.sha256.as_deref().unwrap_or("");
    let mut out = format!(
        "created sources/{}.toml, sources/{}.txt (sha256 {})",
        s.id,
        s.id,
        &sha[..12.min(sha.len())]
    );
    if c.raw_kept {
        out.push_str(&format!(
            " and sources/{}.html (the page as received)",
            s.id
        ));
    }
    out.push('\n');
    let from_page = |taken: bool| if taken { "  (from the page)" } else { "" };
    out.push_str(&format!(
        "  title      {}{}\n",
        s.title,
        from_page(c.taken.title)
    ));
    out.push_str(&format!(
        "  publisher  {}{}\n",
        s.publisher,
        from_page(c.taken.publisher)
    ));
    match (&s.published, &c.taken.published) {
        (Some(p), Some(from)) => out.push_str(&format!("  published  {p}  (from {from})\n")),
        (Some(p), None) => out.push_str(&format!("  published  {p}\n")),
        (None, _) => {
            out.push_str("  published  unknown: the page declares no date; give --published\n")
        }
    }
    if let Some(u) = &s.url {
        let why = match c.taken.url {
            Some("canonical") => "  (the page's canonical URL)",
            Some(_) => "  (the final URL)",
            None => "",
        };
        out.push_str(&format!("  url        {u}{why}\n"));
    }
    if let Some(l) = &s.language {
        out.push_str(&format!(
            "  language   {l}{}\n",
            from_page(c.taken.language)
        ));
    }
    let paragraphs = c
        .text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .count();
    let words = c.text.split_whitespace().count();
    out.push_str(&format!(
        "  text       {words} words in {paragraphs} paragraphs\n"
    ));
    if let Some(cap) = &s.capture {
        for r in &cap.redirects {
            out.push_str(&format!("  redirect   {} ({})\n", r.url, r.status));
        }
        if let Some(st) = cap.status.filter(|st| !(200..300).contains(st)) {
            out.push_str(&format!(
                "  status     {st} (archived with --allow-status)\n"
            ));
        }
        let others = cap
            .dates
            .len()
            .saturating_sub(usize::from(c.taken.published.is_some()));
        if others > 0 {
            out.push_str(&format!(
                "  dates      {} more date(s) on the page, kept in [capture] dates\n",
                others
            ));
        }
    }
    out
}

fn recheck(env: &Env, a: RecheckArgs) -> Result<u8> {
    let ws = env.workspace()?;
    let id = factcheck::ops::parse_id(&a.id)?;
    let loaded = ws.load();
    let r = factcheck::ops::capture::recheck(
        &ws,
        &loaded.claims,
        &id,
        a.save.as_deref(),
        a.allow_status,
    )?;
    let saved = r.saved.as_ref().map(|s| s.id.to_string());
    let view = RecheckView {
        source: id.as_str(),
        url: &r.fetched_url,
        old_text: r.old_text.as_deref(),
        new_text: &r.new_text,
        quotes: &r.quotes,
        saved: saved.as_deref(),
        skipped: &loaded.skipped,
    };
    super::emit(&factcheck::render::recheck::render(
        &view,
        a.format.into(),
        env.color,
    ));
    Ok(u8::from(r.any_lost()))
}

fn list(env: &Env, a: ListArgs) -> Result<u8> {
    let ws = env.workspace()?;
    let view = a.read.view(&ws)?;
    let an = view.analysis(&ws);
    let quoted = factcheck::analysis::inbound::quoted_counts(&an);
    let archived = ws.archived();
    let rows: Vec<SourceRow> = view
        .loaded
        .sources
        .iter()
        .map(|s| SourceRow {
            source: s,
            archived: archived.contains(s.id.as_str()),
            quoted_by: quoted.get(&s.id).copied().unwrap_or(0),
        })
        .collect();
    super::csv_skipped(a.format == TableFormat::Csv, &view.loaded.skipped);
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
