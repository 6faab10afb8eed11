//! Command-line parsing (clap) and dispatch. Each command lives in its own file
//! with its `Args` struct and its `run`; the engine below knows nothing of clap.

mod check;
mod claim;
mod diff;
mod fmt;
mod init;
mod link;
mod list;
mod relate;
mod report;
mod retract;
mod show;
mod source;
mod timeline;

use clap::{Parser, Subcommand, ValueEnum};
use factcheck::error::{Error, Result};
use factcheck::render::{Format, Style};
use factcheck::workspace::{Loaded, Workspace};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "factcheck",
    version,
    about = "Verify claims about contested events against archived sources"
)]
pub struct Cli {
    /// Run as if started in DIR (the workspace is found from there).
    #[arg(short = 'C', global = true, value_name = "DIR")]
    chdir: Option<PathBuf>,
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
    /// Create a workspace: factcheck.toml, claims/, sources/.
    Init(init::Args),
    /// Add sources, or compare two versions of one.
    #[command(subcommand)]
    Source(source::SourceCommand),
    /// Add claims.
    #[command(subcommand)]
    Claim(claim::ClaimCommand),
    /// Link a claim to a verbatim quote from a source.
    Link(link::Args),
    /// Record that one claim contradicts, supersedes or corroborates another.
    Relate(relate::Args),
    /// Retract a claim, with the reason. Nothing is deleted.
    Retract(retract::Args),
    /// Show one claim or source with its statuses.
    Show(show::Args),
    /// List claims, optionally filtered.
    List(list::Args),
    /// Validate the whole workspace and report every problem.
    Check(check::Args),
    /// Figures, responsibility and claims needing attention.
    Report(report::Args),
    /// How each figure evolved, in publication order.
    Timeline(timeline::Args),
    /// What changed in the facts between two git revisions.
    Diff(diff::Args),
    /// Rewrite records in the canonical layout.
    Fmt(fmt::Args),
}

/// What every command gets: where it runs and how output should look.
pub struct Env {
    dir: PathBuf,
    color: bool,
    style: Style,
}

impl Env {
    pub fn workspace(&self) -> Result<Workspace> {
        Workspace::discover(&self.dir)
    }

    /// Loads every record and names skipped files on stderr.
    pub fn load(&self, ws: &Workspace) -> Loaded {
        let loaded = ws.load();
        report_skipped(&loaded);
        loaded
    }
}

fn report_skipped(loaded: &Loaded) {
    if loaded.skipped.is_empty() {
        return;
    }
    for path in &loaded.skipped {
        let first = loaded
            .diagnostics
            .iter()
            .find(|d| &d.file == path && d.is_error());
        match first {
            Some(d) => eprintln!(
                "warning: skipped {}:{}:{}: {}",
                d.file.display(),
                d.line,
                d.column,
                d.message
            ),
            None => eprintln!("warning: skipped {}", path.display()),
        }
    }
    eprintln!(
        "warning: {} file(s) skipped; run `factcheck check` for details",
        loaded.skipped.len()
    );
}

/// `--event E` must name an event some claim belongs to.
pub fn known_event(loaded: &Loaded, event: Option<&str>) -> Result<()> {
    let Some(e) = event else { return Ok(()) };
    if loaded.claims.iter().any(|c| c.event == e) {
        return Ok(());
    }
    let mut known: Vec<&str> = loaded.claims.iter().map(|c| c.event.as_str()).collect();
    known.sort_unstable();
    known.dedup();
    Err(Error::UnknownId {
        what: "event",
        id: e.to_string(),
        hint: Some(if known.is_empty() {
            "the workspace has no claims yet".into()
        } else {
            format!("events: {}", known.join(", "))
        }),
    })
}

/// Output formats of reading commands.
#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Markdown,
    Json,
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

fn table_width() -> Option<u16> {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
    {
        return Some(w.max(40));
    }
    if std::io::stdout().is_terminal() {
        None
    } else {
        Some(120)
    }
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
    };
    let result = match cli.command {
        Command::Init(a) => init::run(&env, a),
        Command::Source(c) => source::run(&env, c),
        Command::Claim(c) => claim::run(&env, c),
        Command::Link(a) => link::run(&env, a),
        Command::Relate(a) => relate::run(&env, a),
        Command::Retract(a) => retract::run(&env, a),
        Command::Show(a) => show::run(&env, a),
        Command::List(a) => list::run(&env, a),
        Command::Check(a) => check::run(&env, a),
        Command::Report(a) => report::run(&env, a),
        Command::Timeline(a) => timeline::run(&env, a),
        Command::Diff(a) => diff::run(&env, a),
        Command::Fmt(a) => fmt::run(&env, a),
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
pub fn emit(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}
