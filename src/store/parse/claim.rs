//! `claims/<id>.toml` into a [`Claim`].

use super::Parsed;
use super::reader::{Reader, Table, start};
use crate::model::codes::*;
use crate::model::config::Config;
use crate::model::count::{EXPLICIT_POLICY, Interval};
use crate::model::diag::Diagnostic;
use crate::model::id::Id;
use crate::model::records::*;
use std::path::Path;

pub const HEAD_FIELDS: [&str; 6] = ["id", "kind", "event", "statement", "asserted_by", "date"];
pub const CASUALTY_FIELDS: [&str; 9] = [
    "category", "group", "wording", "min", "max", "best", "as_of", "hedge", "policy",
];
pub const RESPONSIBILITY_FIELDS: [&str; 3] = ["actor", "stance", "hedge"];
pub const DENIAL_FIELDS: [&str; 2] = ["denies", "actor"];
pub const TAIL_FIELDS: [&str; 6] = ["rank", "state", "reason", "retracted_on", "notes", "tags"];
pub const TABLES: [&str; 3] = ["relations", "review", "evidence"];
pub const EVIDENCE_FIELDS: [&str; 5] = ["source", "quote", "attributed_to", "via", "credibility"];
pub const REVIEW_FIELDS: [&str; 8] = [
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    "explanation",
    "url",
    "date",
    "author",
];

/// The fields of one kind, in canonical order (`rank` only means something
/// for a casualty account).
pub fn kind_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Casualty => &CASUALTY_FIELDS,
        Kind::Responsibility => &RESPONSIBILITY_FIELDS,
        Kind::Denial => &DENIAL_FIELDS,
        Kind::Event => &[],
    }
}

/// Every top-level field of a claim of `kind`, in canonical order.
pub fn field_order(kind: Option<Kind>) -> Vec<&'static str> {
    let mut v: Vec<&str> = HEAD_FIELDS.to_vec();
    match kind {
        Some(k) => v.extend(kind_fields(k)),
        None => {
            for k in Kind::ALL {
                for f in kind_fields(k) {
                    if !v.contains(f) {
                        v.push(f);
                    }
                }
            }
        }
    }
    v.extend(TAIL_FIELDS);
    v.extend(TABLES);
    v
}

fn belongs(kind: Kind, field: &str) -> bool {
    kind_fields(kind).contains(&field) || (field == "rank" && kind == Kind::Casualty)
}

fn is_kind_field(field: &str) -> bool {
    field == "rank" || Kind::ALL.iter().any(|k| kind_fields(*k).contains(&field))
}

pub fn parse_claim(stem: &str, file: &Path, text: &str, config: &Config) -> Parsed<Claim> {
    let (root, mut r) = match start(stem, file, text) {
        Ok(started) => started,
        Err(diagnostics) => {
            return Parsed {
                record: None,
                diagnostics,
            };
        }
    };
    let id = Id::parse(stem).ok();
    let what = "this claim";
    let kind_names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    let kind = if root.get("kind").is_none() {
        r.missing(
            0,
            "kind",
            what,
            "add kind = \"casualty\", \"responsibility\", \"denial\" or \"event\"",
        );
        None
    } else {
        r.choice(&root, "kind", &kind_names)
            .and_then(|k| Kind::parse(&k))
    };

    // Unknown fields, and fields that belong to another kind.
    let all = field_order(None);
    let allowed = field_order(kind);
    for (key, _) in root.iter() {
        let name = key.get_ref().as_ref();
        let loc = r.loc(key.span());
        match kind {
            Some(k) if is_kind_field(name) && !belongs(k, name) => {
                let own: Vec<&str> = kind_fields(k).to_vec();
                r.error(
                    &E002,
                    loc,
                    format!(
                        "field `{name}` does not belong to {} claim",
                        k.with_article()
                    ),
                    format!(
                        "remove it, or change `kind`; {} claim takes: {}",
                        k.with_article(),
                        if own.is_empty() {
                            "no extra fields".to_string()
                        } else {
                            own.join(", ")
                        }
                    ),
                );
            }
            _ if !all.contains(&name) => {
                let help = match super::reader::nearest(name, &allowed) {
                    Some(s) => format!("did you mean `{s}`? Known fields: {}", allowed.join(", ")),
                    None => format!(
                        "known fields: {}; `notes` and `tags` are the place for anything else",
                        allowed.join(", ")
                    ),
                };
                r.error(
                    &E002,
                    loc,
                    format!("unknown field `{name}` in a claim"),
                    help,
                );
            }
            _ => {}
        }
    }

    let event = r.slug(&root, "event", 0, what);
    let statement = r.required_string(
        &root,
        "statement",
        0,
        what,
        "add statement = \"one sentence in your words\"",
    );
    let asserted_by = r.text(&root, "asserted_by");
    let date = r.timestamp(&root, "date");

    let details = match kind {
        Some(Kind::Casualty) => casualty(&mut r, &root, config),
        Some(Kind::Responsibility) => responsibility(&mut r, &root),
        Some(Kind::Denial) => denial(&mut r, &root),
        Some(Kind::Event) => Some(Details::Event),
        None => None,
    };

    // `rank` on another kind is reported as a field that does not belong.
    let rank_applies = kind.is_none_or(|k| k == Kind::Casualty);
    let preferred = match r.string(&root, "rank").filter(|_| rank_applies) {
        Some((s, _)) if s == "preferred" => true,
        Some((s, at)) => {
            let loc = r.at(at);
            r.error(
                &E004,
                loc,
                format!("unknown rank {s:?}"),
                "rank is \"preferred\" (set it with `factcheck prefer`), or absent",
            );
            false
        }
        None => false,
    };

    let retraction = retraction(&mut r, &root);
    let notes = r.text(&root, "notes");
    let tags = r.string_list(&root, "tags");

    let mut relations = Relations::default();
    if let Some((t, _)) = r.table(&root, "relations") {
        r.unknown_keys(t, &RELATIONS, "[relations]");
        for name in RELATIONS {
            *relations.get_mut(name) = r.id_list(t, name);
        }
    }

    let review = r
        .table(&root, "review")
        .and_then(|(t, at)| review(&mut r, t, at));

    let mut evidence = Vec::new();
    for (t, at) in r.tables(&root, "evidence", "[[evidence]]") {
        if let Some(e) = evidence_item(&mut r, t, at) {
            evidence.push(e);
        }
    }

    let record = match (id, event, statement, details, r.has_errors()) {
        (Some(id), Some(event), Some(statement), Some(details), false) => Some(Claim {
            id,
            event,
            statement,
            asserted_by,
            date,
            details,
            preferred,
            retraction,
            notes,
            tags,
            relations,
            review,
            evidence,
        }),
        _ => None,
    };
    Parsed {
        record,
        diagnostics: r.diags,
    }
}

fn retraction(r: &mut Reader<'_>, root: &Table<'_>) -> Option<Retraction> {
    let state = r.string(root, "state");
    let reason = r.string(root, "reason");
    let on = r.timestamp(root, "retracted_on");
    match (&state, reason) {
        (None, None) => {
            if root.get("retracted_on").is_some() {
                let loc = r.key_loc(root, "retracted_on");
                r.error(
                    &E004,
                    loc,
                    "`retracted_on` is given but the claim is not retracted".into(),
                    "add state = \"retracted\" and a reason, or remove the line",
                );
            }
            None
        }
        (Some((s, _)), reason) if s == "retracted" => match reason {
            Some((reason, _)) if !reason.trim().is_empty() => Some(Retraction { reason, on }),
            _ => {
                let at = root
                    .get_key_value("state")
                    .map(|(k, _)| k.span().start)
                    .unwrap_or(0);
                r.missing(
                    at,
                    "reason",
                    "a retracted claim",
                    "add reason = \"why it was retracted\"",
                );
                None
            }
        },
        (Some((s, loc)), _) if s == "active" => {
            let _ = loc;
            None
        }
        (Some((s, loc)), _) => {
            let at = r.at(*loc);
            r.error(
                &E004,
                at,
                format!("unknown state {s:?}"),
                "state is \"retracted\" (with a reason) or absent for an active claim",
            );
            None
        }
        (None, Some((_, loc))) => {
            let at = r.at(loc);
            r.error(
                &E004,
                at,
                "`reason` is given but the claim is not retracted".into(),
                "add state = \"retracted\" or remove the reason",
            );
            None
        }
    }
}

fn casualty(r: &mut Reader<'_>, root: &Table<'_>, config: &Config) -> Option<Details> {
    let what = "this casualty claim";
    let category = if root.get("category").is_none() {
        r.missing(
            0,
            "category",
            what,
            "add category = \"killed\" (or injured, missing, detained, displaced)",
        );
        None
    } else {
        r.choice(root, "category", &CATEGORIES)
    };
    let group = r.slug(root, "group", 0, what);
    let wording = r.text(root, "wording");
    let policy_name = r.text(root, "policy");
    let hedge = r.text(root, "hedge");
    let as_of = r.timestamp(root, "as_of");
    if root.get("min").is_none() {
        r.missing(
            0,
            "min",
            what,
            "add min = N (and max = N, or leave max out for an open count)",
        );
    }
    let min = r.count(root, "min");
    let max = r.count(root, "max");
    let best = r.count(root, "best");
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        r.error(
            &E015,
            r.key_loc(root, "min"),
            format!("min ({lo}) is greater than max ({hi})"),
            "swap them, or leave max out for an open count",
        );
        return None;
    }
    if let (Some(lo), Some(b)) = (min, best)
        && !Interval::new(lo, max).contains(b)
    {
        r.error(
            &E021,
            r.key_loc(root, "best"),
            format!(
                "best ({b}) lies outside min–max ({})",
                Interval::new(lo, max)
            ),
            "a best estimate is a point within min–max; fix it or remove it",
        );
        return None;
    }
    // W104: the stored interval differs from what the named policy makes of
    // the wording. Policies this workspace does not know are not judged.
    if let (Some(w), Some(lo), Some(name)) = (&wording, min, &policy_name)
        && name != EXPLICIT_POLICY
        && let Some(policy) = config.policy_named(name)
        && let Ok(reading) = policy.read(w)
        && reading.interval != Interval::new(lo, max)
    {
        let loc = r.key_loc(root, "min");
        r.diags.push(
            Diagnostic::new(
                &W104,
                r.file,
                loc,
                format!(
                    "policy {name} reads {w:?} as {}, but min/max say {}",
                    reading.interval,
                    Interval::new(lo, max)
                ),
            )
            .help("fix min/max (`factcheck claim set ID wording ...` recomputes them), or set policy = \"explicit\" if the numbers were chosen by hand"),
        );
    }
    Some(Details::Casualty(Casualty {
        category: category?,
        group: group?,
        wording,
        interval: Interval::new(min?, max),
        best,
        as_of,
        hedge,
        policy: policy_name,
    }))
}

fn responsibility(r: &mut Reader<'_>, root: &Table<'_>) -> Option<Details> {
    let actor = r.required_string(
        root,
        "actor",
        0,
        "this responsibility claim",
        "add actor = \"who is said to have done it\"",
    );
    let stance_names: Vec<&str> = Stance::ALL.iter().map(|s| s.as_str()).collect();
    let stance = if root.get("stance").is_some() {
        match r.choice(root, "stance", &stance_names) {
            Some(s) => Stance::parse(&s),
            None => return None,
        }
    } else {
        None
    };
    let hedge = r.text(root, "hedge");
    Some(Details::Responsibility(Blame {
        actor: actor?,
        stance,
        hedge,
    }))
}

fn denial(r: &mut Reader<'_>, root: &Table<'_>) -> Option<Details> {
    if root.get("denies").is_none() && root.get("actor").is_none() {
        r.missing(
            0,
            "denies",
            "this denial",
            "add denies = \"id-of-the-denied-claim\", or actor = \"who is said not to have done it\"",
        );
        return None;
    }
    let denies = r.id_field(root, "denies");
    let actor = r.text(root, "actor");
    Some(Details::Denial(Denial { denies, actor }))
}

fn review(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Option<Review> {
    r.unknown_keys(t, &REVIEW_FIELDS, "[review]");
    let rating = r.required_string(
        t,
        "rating",
        at,
        "[review]",
        "add rating = \"False\" (the verdict as the desk publishes it)",
    );
    Some(Review {
        rating: rating?,
        rating_value: r.number(t, "rating_value"),
        best_rating: r.number(t, "best_rating"),
        worst_rating: r.number(t, "worst_rating"),
        explanation: r.text(t, "explanation"),
        url: r.text(t, "url"),
        date: r.timestamp(t, "date"),
        author: r.text(t, "author"),
    })
}

fn evidence_item(r: &mut Reader<'_>, t: &Table<'_>, at: usize) -> Option<Evidence> {
    r.unknown_keys(t, &EVIDENCE_FIELDS, "an [[evidence]] block");
    let what = "this [[evidence]] block";
    let source = if t.get("source").is_none() {
        r.missing(at, "source", what, "add source = \"source-id\"");
        None
    } else {
        r.id_field(t, "source")
    };
    let quote = r.required_string(
        t,
        "quote",
        at,
        what,
        "add quote = \"the verbatim words from the source\"",
    );
    let attributed_to = r.text(t, "attributed_to");
    let via = r.id_field(t, "via");
    let credibility = match r.integer(t, "credibility") {
        Some((n @ 1..=6, _)) => Some(n as u8),
        Some((n, loc)) => {
            let loc = r.at(loc);
            r.error(
                &E004,
                loc,
                format!("credibility {n} is not an Admiralty grade"),
                "credibility is 1 (confirmed) to 6 (cannot be judged)",
            );
            None
        }
        None => None,
    };
    Some(Evidence {
        source: source?,
        quote: quote?,
        attributed_to,
        via,
        credibility,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str) -> Parsed<Claim> {
        parse_claim("c1", Path::new("claims/c1.toml"), text, &Config::default())
    }

    fn codes(p: &[Diagnostic]) -> Vec<(&'static str, usize, usize)> {
        p.iter().map(|d| (d.code, d.line, d.column)).collect()
    }

    #[test]
    fn reads_a_casualty_claim() {
        let p = claim(
            "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nwording = \"25\"\nmin = 25\nmax = 25\nbest = 25\nas_of = 2020-01-01\nhedge = \"may rise\"\npolicy = \"default-v1\"\nrank = \"preferred\"\n\n[[evidence]]\nsource = \"s1\"\nquote = \"q\"\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let c = p.record.unwrap();
        let k = c.casualty().unwrap();
        assert_eq!(k.interval, Interval::exact(25));
        assert_eq!(k.best, Some(25));
        assert_eq!(k.hedge.as_deref(), Some("may rise"));
        assert!(c.preferred);
        assert_eq!(c.evidence[0].source.as_str(), "s1");
    }

    #[test]
    fn reports_every_problem_in_one_file() {
        let p = claim(
            "kind = \"casualty\"\nevnt = \"e\"\nstatement = 3\ncategory = \"kiled\"\ngroup = \"g\"\nmin = 5\nmax = 2\nactor = \"x\"\n",
        );
        assert!(p.record.is_none());
        let got = codes(&p.diagnostics);
        assert!(got.contains(&("E002", 2, 1)), "{got:?}");
        assert!(got.contains(&("E002", 8, 1)), "{got:?}");
        assert!(got.contains(&("E003", 1, 1)), "{got:?}");
        assert!(got.contains(&("E004", 3, 13)), "{got:?}");
        assert!(got.contains(&("E004", 4, 1)), "{got:?}");
        assert!(got.contains(&("E015", 6, 1)), "{got:?}");
        let typo = p.diagnostics.iter().find(|d| d.line == 2).unwrap();
        assert!(typo.help.as_ref().unwrap().contains("did you mean `event`"));
    }

    #[test]
    fn best_must_lie_within_the_interval() {
        let p = claim(
            "kind = \"casualty\"\nevent = \"e\"\nstatement = \"s\"\ncategory = \"killed\"\ngroup = \"g\"\nmin = 200\nmax = 400\nbest = 450\n",
        );
        assert_eq!(codes(&p.diagnostics), vec![("E021", 8, 1)]);
    }

    #[test]
    fn stances_and_denials_of_an_actor() {
        let p = claim(
            "kind = \"responsibility\"\nevent = \"e\"\nstatement = \"s\"\nactor = \"KH\"\nstance = \"admits\"\n",
        );
        assert_eq!(
            p.record.unwrap().blame().unwrap().stance,
            Some(Stance::Admits)
        );
        let p = claim("kind = \"denial\"\nevent = \"e\"\nstatement = \"s\"\nactor = \"KH\"\n");
        let d = p.record.unwrap();
        assert_eq!(d.denial().unwrap().actor.as_deref(), Some("KH"));
        let p = claim(
            "kind = \"responsibility\"\nevent = \"e\"\nstatement = \"s\"\nactor = \"KH\"\nstance = \"blames\"\n",
        );
        assert_eq!(codes(&p.diagnostics), vec![("E004", 5, 1)]);
    }

    #[test]
    fn syntax_errors_have_places() {
        let p = claim("kind = \"event\"\nevent = \"e\nstatement = \"s\"\n");
        assert_eq!(p.diagnostics[0].code, "E001");
        assert_eq!(p.diagnostics[0].line, 2);
    }

    #[test]
    fn id_field_must_match_stem() {
        let p = claim("id = \"other\"\nkind = \"event\"\nevent = \"e\"\nstatement = \"s\"\n");
        assert_eq!(codes(&p.diagnostics), vec![("E005", 1, 6)]);
    }
}
