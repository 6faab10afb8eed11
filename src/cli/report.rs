use super::{Env, FilterArgs, ReadArgs};
use factcheck::error::Result;
use factcheck::render::report::{Report, ReportInput};

#[derive(Copy, Clone, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Json,
    /// One row per account, RFC 4180.
    Csv,
    /// One self-contained page: charts, quotes highlighted in their archives.
    Html,
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck report\n  factcheck report --event k1-attack --format markdown > report.md\n  factcheck report --as-of 2019-12-29\n  factcheck report --format html > report.html\n  factcheck report --format json | jq '.figures[] | {group, status, best}'"
)]
pub struct Args {
    #[command(flatten)]
    filters: FilterArgs,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let filter = a.filters.filter()?;
    let ws = env.workspace()?;
    let view = a.read.view(&ws)?;
    let an = view.analysis(&ws);
    let shown = super::shown(&view, &an, &filter)?;
    // The HTML page embeds the archives its quotes come from; an archive
    // that cannot be read is named with the skipped records.
    let (archives, mut skipped) = if a.format == ReportFormat::Html {
        let ids = shown
            .iter()
            .flat_map(|i| an.ctx.claims[*i].evidence.iter().map(|e| &e.source));
        factcheck::ops::read::archives_of(&ws, ids)
    } else {
        Default::default()
    };
    skipped.splice(0..0, view.loaded.skipped.iter().cloned());
    let report = Report::new(ReportInput {
        analysis: &an,
        shown,
        skipped: &skipped,
        as_of: view.as_of.as_ref(),
    });
    match a.format {
        ReportFormat::Json => {
            // A closed pipe (`| head`) is not an error.
            let _ = report.write_json(std::io::stdout().lock());
        }
        // A closed pipe (`| head`) is not an error.
        ReportFormat::Text => {
            let _ = report.write_text(&mut super::stdout(), env.style);
        }
        ReportFormat::Markdown => {
            let _ = report.write_markdown(&mut super::stdout());
        }
        ReportFormat::Csv => {
            super::csv_skipped(true, &skipped);
            super::emit(&report.render(factcheck::render::Format::Csv, env.style))
        }
        ReportFormat::Html => super::emit(&report.html(&archives)),
    }
    let code = if a.read.strict && !skipped.is_empty() {
        factcheck::error::EXIT_WANTING
    } else {
        0
    };
    super::release(report);
    super::release(an);
    super::release(view);
    Ok(code)
}
