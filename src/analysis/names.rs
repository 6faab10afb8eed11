//! Who is who: every name (asserted_by, attributed_to, actor, publisher)
//! resolves to an agent, either an entity record or a free name.
//!
//! A name resolves through the entities' names and aliases first (after
//! [`fold`]), then the `[aliases]` of factcheck.toml, then the built-in
//! aliases; a name reached through an alias table resolves again through the
//! entities. A name that matches nothing is an agent of its own. Entities
//! form `part_of` chains; a cycle's edges are ignored (and `check` reports
//! them), so every chain ends.

use crate::model::config::{Aliases, Config};
use crate::model::names::{display, fold};
use crate::model::records::Entity;
use rustc_hash::FxHashMap;

/// An agent: an index into [`Names::agents`]. Entities come first, in the
/// order of the entity records.
pub type AgentId = u32;

#[derive(Debug, Clone)]
pub struct Agent {
    /// Shown in reports: the entity's `name`, or the canonical spelling.
    pub name: String,
    /// The entity record, when there is one.
    pub entity: Option<usize>,
    /// The agent it is `part_of` (cycle edges and broken links removed).
    pub parent: Option<AgentId>,
}

/// Every agent named in a workspace, and how names reach them.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub agents: Vec<Agent>,
    /// Folded name or alias -> entities carrying it.
    entity_names: FxHashMap<String, Vec<AgentId>>,
    /// Folded spelling -> free agent.
    free: FxHashMap<String, AgentId>,
    config_aliases: Aliases,
    builtin: Aliases,
    /// Names that match two or more entities: (name, entities).
    pub ambiguous: Vec<(String, Vec<AgentId>)>,
    /// Entities on a `part_of` cycle.
    pub on_cycle: Vec<AgentId>,
}

impl Names {
    pub fn new(entities: &[Entity], config: &Config) -> Names {
        let mut n = Names {
            config_aliases: config.aliases.clone(),
            builtin: Aliases::builtin(),
            ..Names::default()
        };
        let mut spelled: FxHashMap<String, String> = FxHashMap::default();
        let by_id: FxHashMap<&str, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        for (i, e) in entities.iter().enumerate() {
            n.agents.push(Agent {
                name: display(&e.name),
                entity: Some(i),
                parent: e
                    .part_of
                    .as_ref()
                    .and_then(|p| by_id.get(p.as_str()))
                    .map(|p| *p as AgentId),
            });
            for spelling in std::iter::once(&e.name).chain(&e.aliases) {
                spelled
                    .entry(fold(spelling))
                    .or_insert_with(|| display(spelling));
                let list = n.entity_names.entry(fold(spelling)).or_default();
                if !list.contains(&(i as AgentId)) {
                    list.push(i as AgentId);
                }
            }
        }
        let mut ambiguous: Vec<(String, Vec<AgentId>)> = n
            .entity_names
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(k, v)| {
                (
                    spelled.get(k).cloned().unwrap_or_else(|| k.clone()),
                    v.clone(),
                )
            })
            .collect();
        ambiguous.sort();
        n.ambiguous = ambiguous;
        n.break_cycles();
        n
    }

    /// `part_of` is a functional graph: each entity on a cycle loses its
    /// edge, so chains stop at the last valid link.
    fn break_cycles(&mut self) {
        let count = self.agents.len();
        // 0 unvisited, 1 on the current walk, 2 done
        let mut state = vec![0u8; count];
        let mut on_cycle = Vec::new();
        for start in 0..count {
            if state[start] != 0 {
                continue;
            }
            let mut walk = Vec::new();
            let mut cur = Some(start);
            while let Some(c) = cur {
                match state[c] {
                    0 => {
                        state[c] = 1;
                        walk.push(c);
                        cur = self.agents[c].parent.map(|p| p as usize);
                    }
                    1 => {
                        // `c` closes a cycle: everything from it on the walk.
                        let from = walk.iter().position(|w| *w == c).unwrap_or(0);
                        on_cycle.extend(walk[from..].iter().map(|w| *w as AgentId));
                        break;
                    }
                    _ => break,
                }
            }
            for w in walk {
                state[w] = 2;
            }
        }
        for c in &on_cycle {
            self.agents[*c as usize].parent = None;
        }
        on_cycle.sort_unstable();
        self.on_cycle = on_cycle;
    }

    fn entity_for(&self, spelling: &str) -> Option<AgentId> {
        self.entity_names
            .get(&fold(spelling))
            .and_then(|v| v.first().copied())
    }

    /// Resolves a name, adding a free agent for a name nothing matches.
    pub fn resolve(&mut self, name: &str) -> AgentId {
        if let Some(a) = self.lookup(name) {
            return a;
        }
        let canonical = self
            .config_aliases
            .lookup(name)
            .or_else(|| self.builtin.lookup(name))
            .map(str::to_string)
            .unwrap_or_else(|| display(name));
        let key = fold(&canonical);
        if let Some(a) = self.free.get(&key) {
            return *a;
        }
        let id = self.agents.len() as AgentId;
        self.agents.push(Agent {
            name: canonical,
            entity: None,
            parent: None,
        });
        self.free.insert(key, id);
        id
    }

    /// Resolves a name without adding anything: `None` for a name that
    /// matches no entity, alias or free name seen so far.
    pub fn lookup(&self, name: &str) -> Option<AgentId> {
        if let Some(e) = self.entity_for(name) {
            return Some(e);
        }
        for table in [&self.config_aliases, &self.builtin] {
            if let Some(canon) = table.lookup(name) {
                if let Some(e) = self.entity_for(canon) {
                    return Some(e);
                }
                return self.free.get(&fold(canon)).copied();
            }
        }
        self.free.get(&fold(name)).copied()
    }

    /// The schema.org type of a named author, from its entity's `kind`:
    /// `Person` for a person, `Organization` for any other kind, `None` when
    /// the name is no entity or the entity has no kind.
    pub fn schema_type(&self, entities: &[Entity], name: &str) -> Option<&'static str> {
        let a = self.lookup(name)?;
        let e = entities.get(self.agents[a as usize].entity?)?;
        match e.kind.as_deref()? {
            "person" => Some("Person"),
            _ => Some("Organization"),
        }
    }

    /// The entity record with this id, as an agent.
    pub fn entity_agent(&self, entities: &[Entity], id: &str) -> Option<AgentId> {
        entities
            .iter()
            .position(|e| e.id.as_str() == id)
            .map(|i| i as AgentId)
    }

    pub fn name(&self, a: AgentId) -> &str {
        &self.agents[a as usize].name
    }

    /// The agent and its ancestors, nearest first.
    pub fn chain(&self, a: AgentId) -> impl Iterator<Item = AgentId> + '_ {
        let mut cur = Some(a);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let c = cur?;
            steps += 1;
            // Cycles are broken, but never trust a chain to end.
            cur = if steps > self.agents.len() {
                None
            } else {
                self.agents[c as usize].parent
            };
            Some(c)
        })
    }

    /// The top of the agent's `part_of` chain: where independence is counted.
    pub fn root(&self, a: AgentId) -> AgentId {
        self.chain(a).last().unwrap_or(a)
    }

    /// Whether `a` is `b` or `part_of` it (directly or not).
    pub fn within(&self, a: AgentId, b: AgentId) -> bool {
        self.chain(a).any(|c| c == b)
    }

    /// "Freedonian government (Army Central Command)": the root's name, and
    /// the speaking agent's beside it where they differ.
    pub fn label(&self, speaker: AgentId) -> String {
        let root = self.root(speaker);
        if root == speaker {
            self.name(root).to_string()
        } else {
            format!("{} ({})", self.name(root), self.name(speaker))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::id::Id;

    fn entity(id: &str, name: &str, part_of: Option<&str>, aliases: &[&str]) -> Entity {
        Entity {
            id: Id::parse(id).unwrap(),
            name: name.into(),
            kind: None,
            part_of: part_of.map(|p| Id::parse(p).unwrap()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            notes: None,
        }
    }

    #[test]
    fn spellings_resolve_to_one_entity_and_roots_follow_part_of() {
        let ents = [
            entity("fr-gov", "Freedonian government", None, &[]),
            entity("fr-army", "Army Central Command", Some("fr-gov"), &["ACC"]),
            entity(
                "fsr",
                "Freedonia State Radio",
                Some("fr-gov"),
                &["FSR", "Radio Freedonia"],
            ),
        ];
        let mut n = Names::new(&ents, &Config::default());
        let a = n.resolve("the Freedonia state radio");
        assert_eq!(a, n.resolve("FSR"));
        assert_eq!(a, n.resolve("radio  freedonia"));
        assert_eq!(n.root(a), 0);
        let acc = n.resolve("ACC");
        assert_eq!(n.label(acc), "Freedonian government (Army Central Command)");
        assert!(n.within(acc, 0));
        assert!(!n.within(0, 1));
        let free = n.resolve("U.S. officials");
        assert_eq!(free, n.resolve("u.s.  Officials"));
        assert_eq!(n.root(free), free);
    }

    #[test]
    fn aliases_resolve_again_through_entities() {
        let ents = [entity("ap", "The Associated Press", None, &[])];
        let cfg = Config::parse("[aliases]\n\"Kataib Hezbollah\" = [\"KH\"]\n").unwrap();
        let mut n = Names::new(&ents, &cfg);
        // Built-in: AP -> Associated Press -> the entity (folding drops "the").
        assert_eq!(n.resolve("AP"), 0);
        let kh = n.resolve("KH");
        assert_eq!(n.name(kh), "Kataib Hezbollah");
        assert_eq!(kh, n.resolve("kataib hezbollah"));
    }

    #[test]
    fn cycles_are_broken_and_ambiguity_is_recorded() {
        let ents = [
            entity("a", "A", Some("b"), &[]),
            entity("b", "B", Some("a"), &["Same"]),
            entity("c", "C", Some("a"), &["Same"]),
        ];
        let n = Names::new(&ents, &Config::default());
        assert_eq!(n.on_cycle, vec![0, 1]);
        assert_eq!(n.root(2), 0);
        assert_eq!(n.root(1), 1);
        assert_eq!(n.ambiguous.len(), 1);
    }
}
