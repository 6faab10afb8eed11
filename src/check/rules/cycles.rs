//! E010: `cites` and `revises` must not loop back on themselves.

use crate::check::RuleInput;
use crate::diag::Diagnostic;
use crate::model::Source;
use std::collections::HashMap;

/// Finds each cycle once, reported on the source where it is entered first (by id).
fn cycles(
    input: &RuleInput<'_>,
    sources: &[Source],
    edges: impl Fn(&Source) -> Vec<&str>,
    field: &str,
) -> Vec<Diagnostic> {
    let by_id: HashMap<&str, &Source> = sources.iter().map(|s| (s.id.as_str(), s)).collect();
    // 0 = unvisited, 1 = on stack, 2 = done
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut out = Vec::new();
    let mut sorted: Vec<&Source> = sources.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for start in sorted {
        if state.get(start.id.as_str()).copied().unwrap_or(0) != 0 {
            continue;
        }
        // Iterative DFS so a long chain cannot overflow the stack.
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(start.id.as_str(), edges(start))];
        let mut path: Vec<&str> = vec![start.id.as_str()];
        state.insert(start.id.as_str(), 1);
        while let Some((_, next)) = stack.last_mut() {
            match next.pop() {
                Some(n) => {
                    match state.get(n).copied().unwrap_or(0) {
                        0 => {
                            if let Some(s) = by_id.get(n) {
                                state.insert(n, 1);
                                path.push(n);
                                stack.push((n, edges(s)));
                            }
                        }
                        1 => {
                            let from = path.iter().position(|p| *p == n).unwrap_or(0);
                            let mut ring: Vec<&str> = path[from..].to_vec();
                            ring.push(n);
                            let s = by_id[n];
                            let at = input.source_loc(
                                s,
                                if field == "cites" {
                                    "cites.0"
                                } else {
                                    "revises"
                                },
                            );
                            out.push(
                            Diagnostic::new("E010", &s.path, at, format!("`{field}` forms a cycle: {}", ring.join(" -> ")))
                                .help(format!("a source cannot {} itself, even through others; remove one link", if field == "cites" { "cite" } else { "revise" })),
                        );
                        }
                        _ => {}
                    }
                }
                None => {
                    let (done, _) = stack.pop().unwrap_or(("", Vec::new()));
                    state.insert(done, 2);
                    path.pop();
                }
            }
        }
    }
    out
}

pub fn run(input: &RuleInput<'_>) -> Vec<Diagnostic> {
    let mut out = cycles(
        input,
        input.sources,
        |s| s.cites.iter().map(|c| c.as_str()).collect(),
        "cites",
    );
    out.extend(cycles(
        input,
        input.sources,
        |s| s.revises.iter().map(|c| c.as_str()).collect(),
        "revises",
    ));
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::*;

    #[test]
    fn a_cites_cycle_through_three_sources() {
        let s = |c: &str| format!("{SOURCE}cites = [\"{c}\"]\n");
        let d = check_files(&[
            ("sources/a.toml", &s("b")),
            ("sources/b.toml", &s("c")),
            ("sources/c.toml", &s("a")),
        ]);
        let e: Vec<_> = d.iter().filter(|d| d.code == "E010").collect();
        assert_eq!(e.len(), 1, "{d:?}");
        assert!(
            e[0].message.contains("a -> b -> c -> a"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn a_revises_self_loop() {
        let d = check_files(&[("sources/a.toml", &format!("{SOURCE}revises = \"a\"\n"))]);
        assert!(
            codes(&d).contains(&("sources/a.toml".into(), "E010", 3)),
            "{d:?}"
        );
    }
}
