use super::{Env, OutputFormat};
use factcheck::analysis::{Analysis, Status};
use factcheck::error::{Error, Result};
use factcheck::model::Kind;
use factcheck::render::list::{Row, render};

#[derive(clap::Args)]
pub struct Args {
    /// Only claims about this event.
    #[arg(long)]
    event: Option<String>,
    /// Only claims of this kind.
    #[arg(long, value_parser = ["casualty", "responsibility", "denial", "event"])]
    kind: Option<String>,
    /// Only claims with this status (unsourced, single-origin, corroborated,
    /// conflicting, contested, denied, superseded, retracted).
    #[arg(long)]
    status: Option<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let status = match &a.status {
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
    let kind = a.kind.as_deref().and_then(Kind::parse);
    let ws = env.workspace()?;
    let loaded = env.load(&ws);
    let analysis = Analysis::new(&loaded.claims, &loaded.sources, &ws.config);
    let rows: Vec<Row<'_>> = loaded
        .claims
        .iter()
        .filter(|c| a.event.as_ref().is_none_or(|e| &c.event == e))
        .filter(|c| kind.is_none_or(|k| c.kind() == k))
        .map(|c| Row {
            claim: c,
            statuses: analysis.statuses_of(c.id.as_str()).to_vec(),
        })
        .filter(|r| status.is_none_or(|s| r.statuses.contains(&s)))
        .collect();
    super::emit(&render(&rows, a.format.into(), env.style));
    super::release(rows);
    super::release(analysis);
    super::release(loaded);
    Ok(0)
}
