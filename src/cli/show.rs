use super::{Env, OutputFormat, ReadArgs};
use factcheck::analysis::inbound;
use factcheck::error::{Error, Result};
use factcheck::model::fields;
use factcheck::model::records::RecordKind;
use factcheck::render::show::{self, Shown};
use serde_json::{Map, Value, json};

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck show k1-four-injured\n  factcheck show hill --format json\n  factcheck show us-government          # an entity: members and the claims naming it\n  factcheck show moh-toll --as-of 2024-05-01"
)]
pub struct Args {
    /// A claim, source, entity or event id.
    id: String,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(env: &Env, a: Args) -> Result<u8> {
    let id = factcheck::ops::parse_id(&a.id)?;
    let ws = env.workspace()?;
    let kind = RecordKind::ALL.into_iter().find(|k| ws.has(*k, &id));
    let view = a.read.view(&ws)?;
    let is_event_slug = kind.is_none() && view.loaded.claims.iter().any(|c| c.event == id.as_str());
    let Some(kind) = kind.or(is_event_slug.then_some(RecordKind::Event)) else {
        return Err(Error::UnknownId {
            what: "claim, source, entity or event",
            id: id.to_string(),
            hint: Some("`factcheck list`, `source list` and `entity list` show the ids".into()),
        });
    };
    // A record that does not parse is named with its problems.
    if ws.has(kind, &id) {
        ws.read_record(kind, &id)?;
    }
    let an = view.analysis(&ws);
    let mut derived = Map::new();
    let (fields, inbound) = match kind {
        RecordKind::Claim => {
            let Some(i) = an.index(id.as_str()) else {
                let d = view
                    .as_of
                    .as_ref()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "claim `{id}` was not yet known at {d}"
                )));
            };
            let c = &an.ctx.claims[i];
            derived.insert("statuses".into(), json!(an.statuses[i]));
            derived.insert("origins".into(), json!(an.ctx.origin_labels(i)));
            derived.insert(
                "time".into(),
                json!(an.ctx.info[i].key.time.as_ref().map(|t| t.to_utc_string())),
            );
            if let Some((fi, ai)) = an.account_of(i) {
                let f = &an.figures[fi];
                derived.insert("standing".into(), json!(f.accounts[ai].standing));
                derived.insert(
                    "figure".into(),
                    json!(format!("{}: {} ({})", f.event, f.name(), f.status.as_str())),
                );
            }
            if let Some(s) = an.responsibility.stance[i] {
                derived.insert("effective_stance".into(), json!(s.as_str()));
            }
            (
                fields::claim_json(c),
                show::claim_inbound(&inbound::claim_inbound(&an, i)),
            )
        }
        RecordKind::Source => {
            let s = view
                .loaded
                .sources
                .iter()
                .find(|s| s.id == id)
                .ok_or_else(|| ws.unknown(kind, &id))?;
            derived.insert("archived".into(), json!(ws.has_archive(&id)));
            (
                fields::source_json(s),
                show::source_inbound(&inbound::source_inbound(&an, &id)),
            )
        }
        RecordKind::Entity => {
            let i = view
                .loaded
                .entities
                .iter()
                .position(|e| e.id == id)
                .ok_or_else(|| ws.unknown(kind, &id))?;
            let inb = inbound::entity_inbound(&an, i);
            if let Some(root) = inb.root.as_ref().filter(|r| **r != id) {
                derived.insert("root".into(), json!(root));
            }
            (
                fields::entity_json(&view.loaded.entities[i]),
                show::entity_inbound(&inb),
            )
        }
        RecordKind::Event => {
            let fields = match view.loaded.events.iter().find(|e| e.id == id) {
                Some(e) => fields::event_json(e),
                None => {
                    let mut m = Map::new();
                    m.insert("id".into(), json!(id));
                    m
                }
            };
            let claims: Vec<String> = an
                .ctx
                .claims
                .iter()
                .filter(|c| c.event == id.as_str())
                .map(|c| c.id.to_string())
                .collect();
            let figures: Vec<Value> = an
                .figures
                .iter()
                .filter(|f| f.event == id.as_str())
                .map(|f| json!(format!("{}: {}", f.name(), f.status.as_str())))
                .collect();
            derived.insert("figures".into(), Value::Array(figures));
            (fields, vec![("claims", claims)])
        }
    };
    let shown = Shown {
        what: kind.as_str(),
        id: id.to_string(),
        fields,
        derived,
        inbound,
        skipped: &view.loaded.skipped,
    };
    super::emit(&show::render(&shown, a.format.into(), env.style));
    Ok(a.read.exit(&view))
}
