//! Command-line parsing (clap) and dispatch. Each command lives in its own
//! file with its `Args` and its `run`; the library below knows nothing of clap.

mod check;
mod claim;
mod completions;
mod diff;
mod entity;
mod event;
mod export;
mod fmt;
mod import;
mod init;
mod link;
mod list;
mod man;
mod mv;
mod prefer;
mod rate;
mod relate;
mod report;
mod retract;
mod show;
mod source;
mod timeline;

use clap::{Parser, Subcommand, ValueEnum};
use factcheck::analysis::filter::Filter;
use factcheck::analysis::{Analysis, Status};
use factcheck::error::{EXIT_WANTING, Error, Result};
use factcheck::model::records::Kind;
use factcheck::ops::read::{View, as_of, known_event};
use factcheck::render::{Format, Style};
use factcheck::store::workspace::Workspace;
use std::io::IsTerminal;
use std::path::PathBuf;

const VERSION: &str = env!("FACTCHECK_VERSION");

#[derive(Parser)]
#[command(
    name = "factcheck",
    version = VERSION,
    about = "Verify claims about contested events against archived sources",
    long_about = "Verify claims about contested events against archived sources.\n\nEach claim is a TOML file in claims/, linked by verbatim quotes to archived texts in sources/. factcheck tells which figures agree and which conflict, how many independent origins stand behind each, who blames whom and who denies it.",
    after_help = "Examples:\n  factcheck init desk\n  factcheck -C desk report\n  factcheck report --format markdown --event k1-attack\n  factcheck check --format github",
    max_term_width = 100
)]
pub struct Cli {
    /// Run as if started in DIR (the workspace is found from there).
    #[arg(short = 'C', global = true, value_name = "DIR", env = "FACTCHECK_DIR")]
    chdir: Option<PathBuf>,
    /// Read every record file, ignoring and not updating the parsed-record
    /// cache in .factcheck/cache (output is the same either way).
    #[arg(long, global = true)]
    no_cache: bool,
    /// When to use colour (NO_COLOR is respected with `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Create a workspace: factcheck.toml, claims/, sources/, entities/, events/.
    Init(init::Args),
    /// Add, list and compare sources.
    #[command(subcommand)]
    Source(source::SourceCommand),
    /// Add, edit and set claims.
    #[command(subcommand)]
    Claim(claim::ClaimCommand),
    /// Link a claim to a verbatim quote from a source.
    Link(link::Args),
    /// Record that one claim contradicts, supersedes or corroborates another.
    Relate(relate::Args),
    /// Retract a claim, with the reason. Nothing is deleted.
    Retract(retract::Args),
    /// Mark an account as the desk's preferred value of its figure.
    Prefer(prefer::Args),
    /// Store the desk's published verdict on a claim (for ClaimReview).
    Rate(rate::Args),
    /// Add, alias and list entities: who is who, and who belongs to whom.
    #[command(subcommand)]
    Entity(entity::EntityCommand),
    /// Record an event: title, date, place, parties, running totals.
    #[command(subcommand)]
    Event(event::EventCommand),
    /// Rename any record id and rewrite every reference to it.
    Mv(mv::Args),
    /// Show one record: its fields, statuses and the links into it.
    Show(show::Args),
    /// List claims, optionally filtered.
    List(list::Args),
    /// Validate the whole workspace and report every problem.
    Check(check::Args),
    /// Figures, responsibility and claims needing attention.
    Report(report::Args),
    /// How each figure evolved, and who blamed whom, in time order.
    Timeline(timeline::Args),
    /// What changed in the facts between two git revisions.
    Diff(diff::Args),
    /// Rewrite records in the canonical layout.
    Fmt(fmt::Args),
    /// Write data for other tools: ClaimReview JSON-LD.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Read data from other tools: ClaimReview JSON-LD.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Print a shell completion script.
    Completions(completions::Args),
    /// Write the manual pages.
    Man(man::Args),
}

/// What every command gets: where it runs and how output should look.
pub struct Env {
    dir: PathBuf,
    color: bool,
    style: Style,
    no_cache: bool,
}

impl Env {
    pub fn workspace(&self) -> Result<Workspace> {
        let mut ws = Workspace::discover(&self.dir)?;
        ws.use_cache = !self.no_cache;
        Ok(ws)
    }
}

/// Output formats of reading commands.
#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Markdown,
    Json,
}

/// Output formats of commands whose output is a table.
#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Text,
    Markdown,
    Json,
    /// RFC 4180, one header row.
    Csv,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Text => Format::Text,
            OutputFormat::Markdown => Format::Markdown,
            OutputFormat::Json => Format::Json,
        }
    }
}

impl From<TableFormat> for Format {
    fn from(f: TableFormat) -> Format {
        match f {
            TableFormat::Text => Format::Text,
            TableFormat::Markdown => Format::Markdown,
            TableFormat::Json => Format::Json,
            TableFormat::Csv => Format::Csv,
        }
    }
}

/// The filters of reading commands (they narrow what is shown, never what
/// is analysed).
#[derive(clap::Args, Default)]
pub struct FilterArgs {
    /// Only claims about this event.
    #[arg(long, value_name = "EVENT")]
    event: Option<String>,
    /// Only claims of this kind.
    #[arg(long, value_parser = ["casualty", "responsibility", "denial", "event"])]
    kind: Option<String>,
    /// Only claims with this status (unsourced, single-origin, corroborated,
    /// conflicting, contested, denied, superseded, revised, retracted, withdrawn).
    #[arg(long)]
    status: Option<String>,
    /// Only claims quoting this source, or relayed through it.
    #[arg(long, value_name = "SOURCE")]
    source: Option<String>,
    /// Only claims with an origin that is NAME or part of it.
    #[arg(long, value_name = "NAME")]
    origin: Option<String>,
    /// Only claims naming an actor that is NAME or part of it.
    #[arg(long, value_name = "NAME")]
    actor: Option<String>,
    /// Only claims with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only claims whose time is at or after D (a date means the whole UTC day).
    #[arg(long, value_name = "D")]
    since: Option<String>,
    /// Only claims whose time is at or before D (a date means the whole UTC day).
    #[arg(long, value_name = "D")]
    until: Option<String>,
}

impl FilterArgs {
    pub fn filter(&self) -> Result<Filter> {
        let status = match &self.status {
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                Error::Usage(format!(
                    "unknown --status {s:?}; use one of {}",
                    Status::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?),
            None => None,
        };
        let time = |flag: &str, raw: &Option<String>| {
            raw.as_deref()
                .map(|r| {
                    factcheck::model::time::Timestamp::parse(r)
                        .map_err(|why| Error::Usage(format!("--{flag}: {why}")))
                })
                .transpose()
        };
        Ok(Filter {
            event: self.event.clone(),
            kind: self.kind.as_deref().and_then(Kind::parse),
            status,
            source: self
                .source
                .as_deref()
                .map(factcheck::ops::parse_id)
                .transpose()?,
            origin: self.origin.clone(),
            actor: self.actor.clone(),
            tag: self.tag.clone(),
            since: time("since", &self.since)?,
            until: time("until", &self.until)?.map(factcheck::model::time::AsOf::new),
        })
    }
}

/// `--as-of` and `--strict`, shared by reading commands.
#[derive(clap::Args, Default)]
pub struct ReadArgs {
    /// Evaluate the workspace as it was known at D (a date-time, or a date
    /// meaning the end of that UTC day).
    #[arg(long, value_name = "D")]
    as_of: Option<String>,
    /// Exit 1 when any record file was skipped as unreadable.
    #[arg(long)]
    pub strict: bool,
}

impl ReadArgs {
    pub fn view(&self, ws: &Workspace) -> Result<View> {
        Ok(View::load(ws, as_of(self.as_of.as_deref())?))
    }

    /// The exit code of a reading command that succeeded.
    pub fn exit(&self, view: &View) -> u8 {
        if self.strict && !view.loaded.skipped.is_empty() {
            EXIT_WANTING
        } else {
            0
        }
    }
}

/// The claims a filter shows, after checking `--event` names an event.
pub fn shown(view: &View, a: &Analysis<'_>, f: &Filter) -> Result<Vec<usize>> {
    known_event(view, f.event.as_deref())?;
    let resolved = f.resolve(a).map_err(Error::Usage)?;
    Ok((0..a.ctx.claims.len())
        .filter(|i| resolved.matches(a, *i))
        .collect())
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The terminal's width, else `COLUMNS`, else 80.
fn table_width() -> u16 {
    if std::io::stdout().is_terminal() {
        // SAFETY: TIOCGWINSZ fills a winsize struct for a terminal fd.
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
        if ok && ws.ws_col > 0 {
            return ws.ws_col.max(40);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .map(|w| w.max(40))
        .unwrap_or(80)
}

pub fn run() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                factcheck::error::EXIT_FAILED
            } else {
                0
            };
            let _ = e.print();
            return code;
        }
    };
    let color = color_enabled(cli.color);
    let env = Env {
        dir: cli.chdir.clone().unwrap_or_else(|| PathBuf::from(".")),
        color,
        style: Style {
            color,
            width: table_width(),
        },
        no_cache: cli.no_cache,
    };
    let result = match cli.command {
        Command::Init(a) => init::run(&env, a),
        Command::Source(c) => source::run(&env, c),
        Command::Claim(c) => claim::run(&env, c),
        Command::Link(a) => link::run(&env, a),
        Command::Relate(a) => relate::run(&env, a),
        Command::Retract(a) => retract::run(&env, a),
        Command::Prefer(a) => prefer::run(&env, a),
        Command::Rate(a) => rate::run(&env, a),
        Command::Export(c) => export::run(&env, c),
        Command::Import(c) => import::run(&env, c),
        Command::Entity(c) => entity::run(&env, c),
        Command::Event(c) => event::run(&env, c),
        Command::Mv(a) => mv::run(&env, a),
        Command::Show(a) => show::run(&env, a),
        Command::List(a) => list::run(&env, a),
        Command::Check(a) => check::run(&env, a),
        Command::Report(a) => report::run(&env, a),
        Command::Timeline(a) => timeline::run(&env, a),
        Command::Diff(a) => diff::run(&env, a),
        Command::Fmt(a) => fmt::run(&env, a),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(&env, a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            print_error(&e, env.color);
            e.exit_code()
        }
    }
}

fn print_error(e: &Error, color: bool) {
    let label = if color {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    };
    eprintln!("{label}: {e}");
}

/// Hands a large structure to the operating system instead of freeing it
/// piece by piece: the command is about to exit, and dropping 100,000 parsed
/// records costs more than the exit itself.
pub fn release<T>(big: T) {
    std::mem::forget(big);
}

/// Writes to stdout, treating a closed pipe (`| head`) as success.
/// CSV has no room for a notice: the files a reading command skipped are
/// named on standard error instead (and `--strict` makes them exit 1).
pub fn csv_skipped(csv: bool, skipped: &[factcheck::store::workspace::Skipped]) {
    if csv && !skipped.is_empty() {
        eprint!("{}", factcheck::render::skipped_text(skipped));
    }
}

/// Standard output, buffered, for outputs written as they are made.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}

pub fn emit(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// The command tree, for completions and manual pages.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
