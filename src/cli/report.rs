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
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck report\n  factcheck report --event k1-attack --format markdown > report.md\n  factcheck report --as-of 2019-12-29\n  factcheck report --format json | jq '.figures[] | {group, status, best}'"
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
    let report = Report::new(ReportInput {
        analysis: &an,
        shown,
        skipped: &view.loaded.skipped,
        as_of: view.as_of.as_ref(),
    });
    match a.format {
        ReportFormat::Json => {
            // A closed pipe (`| head`) is not an error.
            let _ = report.write_json(std::io::stdout().lock());
        }
        ReportFormat::Text => {
            super::emit(&report.render(factcheck::render::Format::Text, env.style))
        }
        ReportFormat::Markdown => {
            super::emit(&report.render(factcheck::render::Format::Markdown, env.style))
        }
        ReportFormat::Csv => super::emit(&report.render(factcheck::render::Format::Csv, env.style)),
    }
    let code = a.read.exit(&view);
    super::release(report);
    super::release(an);
    super::release(view);
    Ok(code)
}
