use super::{Env, OutputFormat};
use factcheck::error::Result;
use factcheck::render::report::Report;

#[derive(clap::Args)]
pub struct Args {
    /// Only this event.
    #[arg(long)]
    event: Option<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let ws = env.workspace()?;
    let loaded = env.load(&ws);
    super::known_event(&loaded, a.event.as_deref())?;
    let report = Report::new(
        &loaded.claims,
        &loaded.sources,
        &ws.config,
        a.event.as_deref(),
    );
    match a.format {
        OutputFormat::Json => {
            // A closed pipe (`| head`) is not an error.
            let _ = report.write_json(std::io::stdout().lock());
        }
        _ => super::emit(&report.render(a.format.into(), env.style)),
    }
    super::release(report);
    super::release(loaded);
    Ok(0)
}
