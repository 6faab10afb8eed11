//! What a reader should take away from a figure, in plain words: "current
//! figure 22 (Ridge Brigade, as of 2024-03-12); Valley Command: 40–60;
//! 18 apart". Derived data, shared by every output.

use super::Analysis;
use super::context::origin_label;
use super::figures::{Account, Figure, FigureStatus, Standing};

/// "as of 2024-03-12" when the count says when it refers to, else the
/// date it was asserted or published.
fn when(a: &Account) -> Option<String> {
    match (&a.as_of, &a.key.time) {
        (Some(t), _) => Some(format!("as of {}", t.readable())),
        (None, Some(t)) => Some(t.readable()),
        _ => None,
    }
}

/// "Ridge Brigade", or "Freedonian government (Army Central Command)".
fn who(an: &Analysis<'_>, a: &Account) -> String {
    let labels: Vec<String> = an.ctx.info[a.claim]
        .origins
        .iter()
        .map(|o| origin_label(&an.ctx.names, o))
        .collect();
    if labels.is_empty() {
        "an unsourced account".into()
    } else {
        labels.join(" and ")
    }
}

fn value(a: &Account) -> String {
    let mut v = match a.best {
        Some(b) if !a.interval.is_exact() => format!("{}, best {b}", a.interval),
        _ => a.interval.to_string(),
    };
    if let Some(h) = &a.hedge {
        v.push_str(&format!(", *{h}*"));
    }
    if a.is_vague() {
        let w = a.wording.as_deref().unwrap_or("vague");
        v = format!("{w:?} ({v}, vague)");
    }
    v
}

/// One side of a disagreement: "current figure 22 (Ridge Brigade, as of
/// 2024-03-12)" for the latest of a revised series, else "Valley Command:
/// 40–60".
fn side(an: &Analysis<'_>, f: &Figure, a: &Account) -> String {
    let revises = f
        .accounts
        .iter()
        .any(|x| x.standing == Standing::Revised && x.revised_by.contains(&a.id));
    let at = when(a).map(|t| format!(", {t}")).unwrap_or_default();
    if revises {
        format!("current figure {} ({}{at})", value(a), who(an, a))
    } else {
        let at = when(a).map(|t| format!(" ({t})")).unwrap_or_default();
        format!("{}: {}{at}", who(an, a), value(a))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The takeaway of a figure, one or two sentences.
pub fn takeaway(an: &Analysis<'_>, f: &Figure) -> String {
    let active: Vec<&Account> = f.active().map(|(_, a)| a).collect();
    let revised = f
        .accounts
        .iter()
        .filter(|a| a.standing == Standing::Revised)
        .count();
    let mut out = match f.status {
        FigureStatus::Withdrawn => {
            "No account stands: every account was retracted or superseded.".to_string()
        }
        FigureStatus::SingleAccount => {
            let a = active[0];
            format!("Only one account stands: {}.", side(an, f, a))
        }
        FigureStatus::Consistent => {
            let c = f.consensus.map(|c| c.to_string()).unwrap_or_default();
            if f.loose {
                format!(
                    "{} agree only loosely (vague wording): all fit {c}.",
                    plural(active.len(), "account", "accounts")
                )
            } else {
                format!(
                    "{} agree on {c}.",
                    plural(active.len(), "account", "accounts")
                )
            }
        }
        FigureStatus::Conflicting => {
            // The widest disagreement first.
            let c = f
                .conflicts
                .iter()
                .max_by_key(|c| (c.gap.unwrap_or(0), std::cmp::Reverse(c.a)))
                .cloned();
            match c {
                Some(c) => {
                    let (a, b) = (&f.accounts[c.a], &f.accounts[c.b]);
                    let apart = match c.gap {
                        Some(g) => format!("; {} apart", crate::model::count::group_digits(g)),
                        None => "; marked as contradicting each other".into(),
                    };
                    let more = if f.conflicts.len() > 1 {
                        format!(
                            " ({} more clashing {})",
                            f.conflicts.len() - 1,
                            if f.conflicts.len() == 2 {
                                "pair"
                            } else {
                                "pairs"
                            }
                        )
                    } else {
                        String::new()
                    };
                    format!("{}; {}{apart}{more}.", side(an, f, a), side(an, f, b))
                }
                None => "Accounts conflict.".into(),
            }
        }
    };
    if revised > 0 && f.status != FigureStatus::Withdrawn {
        out.push_str(&format!(
            " {} revised.",
            plural(revised, "earlier report", "earlier reports")
        ));
    }
    match (&f.best, &f.why) {
        (Some(b), _) if f.status == FigureStatus::Conflicting => out.push_str(&format!(
            " Best estimate {} ({}).",
            b.interval,
            b.basis.as_str()
        )),
        (Some(b), _) if b.basis != super::Basis::Consensus => out.push_str(&format!(
            " Best estimate {} ({}).",
            b.interval,
            b.basis.as_str()
        )),
        (None, Some(why)) if f.status == FigureStatus::Conflicting => {
            out.push_str(&format!(" No best estimate: {why}."))
        }
        _ => {}
    }
    if an.ctx.has_parties(&f.event) && !f.origins.is_empty() {
        if f.nonparty.is_empty() {
            out.push_str(" It rests only on the parties' own word.");
        } else if f.nonparty.len() == f.origins.len() {
            out.push_str(" No origin is a party to the event.");
        } else {
            out.push_str(&format!(
                " {} of {} independent origins {} outside the parties.",
                f.nonparty.len(),
                f.origins.len(),
                if f.nonparty.len() == 1 { "is" } else { "are" }
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::*;

    #[test]
    fn a_series_against_the_other_side() {
        let claims = [
            dated(from(count("rb-1", "3"), "Ridge Brigade"), "2024-03-05"),
            dated(from(count("rb-2", "22"), "Ridge Brigade"), "2024-03-12"),
            dated(
                from(count("other", "40 to 60"), "Valley Command"),
                "2024-03-08",
            ),
        ];
        let w = world(&claims, &[], &[]);
        let a = w.analysis();
        assert_eq!(
            takeaway(&a, &a.figures[0]),
            "Valley Command: 40–60 (2024-03-08); current figure 22 (Ridge Brigade, 2024-03-12); 18 apart. 1 earlier report revised. No best estimate: accounts conflict and nothing ranks them: other and rb-2 clash and neither is graded (give evidence a credibility or sources a reliability, or `factcheck prefer` one)."
        );
    }
}
