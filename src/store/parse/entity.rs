//! `entities/<id>.toml` into an [`Entity`], and `events/<id>.toml` into an
//! [`Event`]: the two small records that describe who and what.

use super::Parsed;
use super::reader::start;
use crate::model::codes::*;
use crate::model::id::Id;
use crate::model::records::*;
use std::path::Path;

pub const ENTITY_FIELDS: [&str; 6] = ["id", "name", "kind", "part_of", "aliases", "notes"];
pub const EVENT_FIELDS: [&str; 9] = [
    "id",
    "title",
    "date",
    "start",
    "end",
    "place",
    "parties",
    "cumulative",
    "notes",
];

pub fn parse_entity(stem: &str, file: &Path, text: &str) -> Parsed<Entity> {
    let (root, mut r) = match start(stem, file, text) {
        Ok(started) => started,
        Err(diagnostics) => {
            return Parsed {
                record: None,
                diagnostics,
            };
        }
    };
    r.unknown_keys(&root, &ENTITY_FIELDS, "an entity");
    let name = r.required_string(
        &root,
        "name",
        0,
        "this entity",
        "add name = \"the canonical display name\"",
    );
    let kind = if root.get("kind").is_some() {
        r.choice(&root, "kind", &ENTITY_KINDS)
    } else {
        None
    };
    let part_of = r.id_field(&root, "part_of");
    if part_of.as_ref().is_some_and(|p| p.as_str() == stem) {
        let loc = r.key_loc(&root, "part_of");
        r.error(
            &E004,
            loc,
            "an entity cannot be `part_of` itself".into(),
            "name the entity it belongs to, or remove the line",
        );
    }
    let aliases = r.string_list(&root, "aliases");
    let notes = r.text(&root, "notes");
    let record = match (Id::parse(stem).ok(), name, r.has_errors()) {
        (Some(id), Some(name), false) => Some(Entity {
            id,
            name,
            kind,
            part_of,
            aliases,
            notes,
        }),
        _ => None,
    };
    Parsed {
        record,
        diagnostics: r.diags,
    }
}

pub fn parse_event(stem: &str, file: &Path, text: &str) -> Parsed<Event> {
    let (root, mut r) = match start(stem, file, text) {
        Ok(started) => started,
        Err(diagnostics) => {
            return Parsed {
                record: None,
                diagnostics,
            };
        }
    };
    r.unknown_keys(&root, &EVENT_FIELDS, "an event");
    let title = r.text(&root, "title");
    let date = r.timestamp(&root, "date");
    let start_t = r.timestamp(&root, "start");
    let end = r.timestamp(&root, "end");
    if date.is_some() && (start_t.is_some() || end.is_some()) {
        let loc = r.key_loc(&root, "date");
        r.error(
            &E004,
            loc,
            "an event has a `date` or a `start`/`end` range, not both".into(),
            "keep one of them",
        );
    }
    if let (Some(s), Some(e)) = (&start_t, &end)
        && e < s
    {
        let loc = r.key_loc(&root, "end");
        r.error(
            &E004,
            loc,
            format!("`end` ({e}) is before `start` ({s})"),
            "swap them",
        );
    }
    let place = r.text(&root, "place");
    let parties = r.id_list(&root, "parties");
    let cumulative = r.boolean(&root, "cumulative").unwrap_or(false);
    let notes = r.text(&root, "notes");
    let record = match (Id::parse(stem).ok(), r.has_errors()) {
        (Some(id), false) => Some(Event {
            id,
            title,
            date,
            start: start_t,
            end,
            place,
            parties,
            cumulative,
            notes,
        }),
        _ => None,
    };
    Parsed {
        record,
        diagnostics: r.diags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_and_event() {
        let p = parse_entity(
            "moh",
            Path::new("entities/moh.toml"),
            "name = \"Ministry of Health\"\nkind = \"ministry\"\npart_of = \"gov\"\naliases = [\"MoH\", \"وزارة الصحة\"]\n",
        );
        let e = p.record.unwrap();
        assert_eq!(e.part_of.unwrap().as_str(), "gov");
        assert_eq!(e.aliases.len(), 2);
        let p = parse_event(
            "war",
            Path::new("events/war.toml"),
            "title = \"War\"\nstart = 2023-10-07\nparties = [\"a\", \"b\"]\ncumulative = true\n",
        );
        let ev = p.record.unwrap();
        assert!(ev.cumulative);
        assert_eq!(ev.parties.len(), 2);
        let p = parse_entity(
            "x",
            Path::new("entities/x.toml"),
            "name = \"X\"\npart_of = \"x\"\nkind = \"club\"\n",
        );
        let got: Vec<_> = p.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(got, vec![("E004", 3), ("E004", 2)]);
    }
}
