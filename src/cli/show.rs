use super::{Env, OutputFormat};
use factcheck::analysis::Analysis;
use factcheck::error::Result;
use factcheck::render::show;
use factcheck::workspace::Workspace;

#[derive(clap::Args)]
pub struct Args {
    /// A claim or source id.
    id: String,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let id = factcheck::ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    if ws.path(&Workspace::claim_rel(&id)).exists() {
        // Statuses depend on the other records (denials, figures), so load all.
        ws.read_claim(&id)?;
        let loaded = env.load(&ws);
        let analysis = Analysis::new(&loaded.claims, &loaded.sources, &ws.config);
        let claim = loaded
            .claims
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| ws.unknown("claim", &id))?;
        let origins = analysis.origins_of(id.as_str()).to_vec();
        super::emit(&show::render_claim(
            claim,
            analysis.statuses_of(id.as_str()),
            &origins,
            a.format.into(),
            env.style,
        ));
        return Ok(0);
    }
    if ws.path(&Workspace::source_rel(&id)).exists() {
        let s = ws.read_source(&id)?;
        let archived = ws.path(&Workspace::archive_rel(&id)).exists();
        super::emit(&show::render_source(
            &s,
            archived,
            a.format.into(),
            env.style,
        ));
        return Ok(0);
    }
    Err(factcheck::Error::UnknownId {
        what: "claim or source",
        id: id.to_string(),
        hint: Some("`factcheck list` shows the claims".into()),
    })
}
