use super::{Env, ReadArgs, TableFormat};
use factcheck::error::Result;
use factcheck::ops::entity::{NewEntity, entity_add, entity_alias};
use factcheck::render::records::{EntityRow, entities};

#[derive(clap::Subcommand)]
pub enum EntityCommand {
    /// Record a named speaker or actor, and whom it belongs to.
    Add(AddArgs),
    /// Add spellings under which an entity is named.
    Alias(AliasArgs),
    /// List the entities.
    List(ListArgs),
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck entity add us-government --name \"U.S. government\" --kind government\n  factcheck entity add us-officials --name \"U.S. officials\" --part-of us-government\n  factcheck entity add kh --name \"Kataib Hezbollah\" --kind armed-group --alias \"Kataib Hizbollah\" --alias KH"
)]
pub struct AddArgs {
    /// Id of the new entity (a slug).
    id: String,
    /// Canonical display name.
    #[arg(long)]
    name: String,
    /// person, outlet, agency, government, ministry, military, armed-group, ngo,
    /// intergovernmental or other.
    #[arg(long)]
    kind: Option<String>,
    /// Id of the entity it belongs to (a spokesman to his ministry).
    #[arg(long, value_name = "ID")]
    part_of: Option<String>,
    /// Another spelling, in any script (repeatable).
    #[arg(long = "alias", value_name = "SPELLING")]
    aliases: Vec<String>,
    /// Free-text notes.
    #[arg(long)]
    notes: Option<String>,
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck entity alias kh \"Kata'ib Hizballah\" \"كتائب حزب الله\""
)]
pub struct AliasArgs {
    /// The entity.
    id: String,
    /// Spellings to add.
    #[arg(required = true)]
    spellings: Vec<String>,
}

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  factcheck entity list\n  factcheck entity list --format csv > entities.csv"
)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(env: &Env, cmd: EntityCommand) -> Result<u8> {
    match cmd {
        EntityCommand::Add(a) => {
            factcheck::ops::parse_id(&a.id)?;
            let ws = env.workspace()?;
            let e = entity_add(
                &ws,
                NewEntity {
                    id: a.id,
                    name: a.name,
                    kind: a.kind,
                    part_of: a.part_of,
                    aliases: a.aliases,
                    notes: a.notes,
                },
            )?;
            let part = e
                .part_of
                .as_ref()
                .map(|p| format!(", part of {p}"))
                .unwrap_or_default();
            super::emit(&format!(
                "created entities/{}.toml: {}{part}\n",
                e.id, e.name
            ));
            Ok(0)
        }
        EntityCommand::Alias(a) => {
            factcheck::ops::parse_id(&a.id)?;
            let ws = env.workspace()?;
            let added = entity_alias(&ws, &a.id, &a.spellings)?;
            super::emit(&if added.is_empty() {
                format!(
                    "entities/{}.toml already has these spellings; nothing changed\n",
                    a.id
                )
            } else {
                format!(
                    "entities/{}.toml: added {}\n",
                    a.id,
                    added
                        .iter()
                        .map(|s| format!("{s:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            });
            Ok(0)
        }
        EntityCommand::List(a) => {
            let ws = env.workspace()?;
            let view = a.read.view(&ws)?;
            let an = view.analysis(&ws);
            let counts = factcheck::analysis::inbound::entity_claim_counts(&an);
            let names = &an.ctx.names;
            let rows: Vec<EntityRow> = view
                .loaded
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let root = names.root(i as u32);
                    EntityRow {
                        entity: e,
                        root: names.agents[root as usize]
                            .entity
                            .map(|r| an.ctx.entities[r].id.to_string())
                            .filter(|r| r != e.id.as_str()),
                        claims: counts[i],
                    }
                })
                .collect();
            super::csv_skipped(a.format == super::TableFormat::Csv, &view.loaded.skipped);
            super::emit(&entities(
                &rows,
                &view.loaded.skipped,
                a.format.into(),
                env.style,
            ));
            Ok(a.read.exit(&view))
        }
    }
}
