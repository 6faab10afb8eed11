//! Who is speaking, end to end: spellings and affiliations resolve to one
//! origin, parties are counted apart, and responsibility follows stances.

mod common;
use common::*;
use serde_json::Value;

fn json(ws: &Ws, args: &[&str]) -> Value {
    serde_json::from_str(&ws.ok(args)).unwrap()
}

/// A claim and the sources quoting it, each source published by someone.
fn desk(sources: &[(&str, &str, &str)]) -> Ws {
    let ws = Ws::new();
    for (id, publisher, text) in sources {
        ws.write(&format!("{id}.txt"), text);
        ws.ok(&[
            "source",
            "add",
            id,
            "--title",
            "t",
            "--publisher",
            publisher,
            "--published",
            "2024-01-01",
            "--text-file",
            &format!("{id}.txt"),
        ]);
    }
    ws
}

fn statuses(ws: &Ws, id: &str) -> Vec<String> {
    let v = json(ws, &["show", id, "--format", "json"]);
    v["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn three_spellings_of_one_broadcaster_are_one_origin() {
    let ws = desk(&[
        ("a", "FSR", "FSR reported 12 dead."),
        (
            "b",
            "Freedonia State Radio",
            "Freedonia State Radio reported 12 dead.",
        ),
        ("c", "Radio Freedonia", "Radio Freedonia reported 12 dead."),
    ]);
    ws.ok(&[
        "claim",
        "add",
        "twelve",
        "--kind",
        "casualty",
        "--event",
        "e",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "12",
        "--statement",
        "s",
    ]);
    for s in ["a", "b", "c"] {
        ws.ok(&["link", "twelve", s, "--quote", "reported 12 dead"]);
    }
    // Before the entity: three spellings, three "origins", and check says they look alike.
    assert!(statuses(&ws, "twelve").contains(&"corroborated".to_string()));
    let (_, out, _) = ws.out(&["check"]);
    assert!(out.contains("warning[W110]"), "{out}");
    ws.ok(&[
        "entity",
        "add",
        "fsr",
        "--name",
        "Freedonia State Radio",
        "--kind",
        "outlet",
        "--alias",
        "FSR",
        "--alias",
        "Radio Freedonia",
    ]);
    assert_eq!(statuses(&ws, "twelve"), vec!["single-origin"]);
    let v = json(&ws, &["report", "--format", "json"]);
    assert_eq!(v["figures"][0]["independent_origins"], 1);
    assert_eq!(
        v["figures"][0]["origins"],
        serde_json::json!(["Freedonia State Radio"])
    );
    let (_, out, _) = ws.out(&["check"]);
    assert!(!out.contains("W110"), "{out}");
}

#[test]
fn a_ministry_and_its_spokesman_are_one_origin() {
    let ws = desk(&[(
        "wire",
        "Wire",
        "The ministry said 30 were killed. Its spokesman said 30 were killed.",
    )]);
    ws.ok(&[
        "entity",
        "add",
        "moh",
        "--name",
        "Health Ministry",
        "--kind",
        "ministry",
    ]);
    ws.ok(&[
        "entity",
        "add",
        "moh-spokesman",
        "--name",
        "Ashraf Qudra",
        "--kind",
        "person",
        "--part-of",
        "moh",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "thirty",
        "--kind",
        "casualty",
        "--event",
        "e",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "30",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "link",
        "thirty",
        "wire",
        "--quote",
        "The ministry said 30 were killed",
        "--attributed-to",
        "Health Ministry",
    ]);
    ws.ok(&[
        "link",
        "thirty",
        "wire",
        "--quote",
        "Its spokesman said 30 were killed",
        "--attributed-to",
        "Ashraf Qudra",
    ]);
    assert_eq!(statuses(&ws, "thirty"), vec!["single-origin"]);
    let v = json(&ws, &["show", "thirty", "--format", "json"]);
    assert_eq!(
        v["origins"],
        serde_json::json!(["Health Ministry (Ashraf Qudra)"])
    );
    // show lists the members of an entity and the claims naming it.
    let e = json(&ws, &["show", "moh", "--format", "json"]);
    assert_eq!(e["members"], serde_json::json!(["moh-spokesman"]));
    assert_eq!(e["claims"], serde_json::json!(["thirty"]));
    let s = json(&ws, &["show", "moh-spokesman", "--format", "json"]);
    assert_eq!(s["root"], "moh");
}

#[test]
fn a_presidents_office_and_the_army_of_one_government_do_not_corroborate() {
    let ws = desk(&[(
        "wire",
        "Wire",
        "The president's office said 9 soldiers died. Army Central Command said 9 soldiers died.",
    )]);
    ws.ok(&[
        "entity",
        "add",
        "fr-gov",
        "--name",
        "Freedonian government",
        "--kind",
        "government",
    ]);
    ws.ok(&[
        "entity",
        "add",
        "fr-president",
        "--name",
        "President's office",
        "--part-of",
        "fr-gov",
    ]);
    ws.ok(&[
        "entity",
        "add",
        "fr-army",
        "--name",
        "Freedonian army",
        "--kind",
        "military",
        "--part-of",
        "fr-gov",
    ]);
    ws.ok(&[
        "entity",
        "add",
        "fr-acc",
        "--name",
        "Army Central Command",
        "--kind",
        "military",
        "--part-of",
        "fr-army",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "nine",
        "--kind",
        "casualty",
        "--event",
        "e",
        "--category",
        "killed",
        "--group",
        "soldiers",
        "--count",
        "9",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "link",
        "nine",
        "wire",
        "--quote",
        "The president's office said 9 soldiers died",
        "--attributed-to",
        "President's office",
    ]);
    ws.ok(&[
        "link",
        "nine",
        "wire",
        "--quote",
        "Army Central Command said 9 soldiers died",
        "--attributed-to",
        "Army Central Command",
    ]);
    let st = statuses(&ws, "nine");
    assert_eq!(st, vec!["single-origin"]);
    assert!(!st.contains(&"corroborated".to_string()));
    let v = json(&ws, &["show", "nine", "--format", "json"]);
    assert_eq!(
        v["origins"],
        serde_json::json!(["Freedonian government (President's office, Army Central Command)"])
    );
    let text = ws.ok(&["report"]);
    assert!(
        text.contains("Freedonian government (President's office, Army"),
        "{text}"
    );
    let list = json(&ws, &["entity", "list", "--format", "json"]);
    let acc = list["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "fr-acc")
        .unwrap();
    assert_eq!(acc["root"], "fr-gov");
}

#[test]
fn near_spellings_warn_with_the_fix_and_different_names_do_not() {
    let ws = desk(&[("wire", "Wire", "x")]);
    for (id, who) in [
        ("a", "Kestrel Group"),
        ("b", "Kestral Group"),
        ("c", "Iraqi officials"),
        ("d", "Iranian officials"),
        ("e2", "Northland officials"),
        ("f", "Southland officials"),
    ] {
        ws.ok(&[
            "claim",
            "add",
            id,
            "--kind",
            "event",
            "--event",
            "e",
            "--asserted-by",
            who,
            "--statement",
            "s",
        ]);
    }
    let (_, out, _) = ws.out(&["check"]);
    let w110: Vec<&str> = out.lines().filter(|l| l.contains("[W110]")).collect();
    assert_eq!(w110.len(), 1, "{out}");
    assert!(out.contains("= help: if they are one, run: factcheck entity add kestral-group --name 'Kestral Group' --alias 'Kestrel Group'")
        || out.contains("= help: if they are one, run: factcheck entity add kestrel-group --name 'Kestrel Group' --alias 'Kestral Group'"), "{out}");
    // The suggested command works, and the warning goes.
    ws.ok(&[
        "entity",
        "add",
        "kestrel-group",
        "--name",
        "Kestrel Group",
        "--alias",
        "Kestral Group",
    ]);
    let (_, out, _) = ws.out(&["check"]);
    assert!(!out.contains("W110"), "{out}");
    // A spelling that names another entity is refused.
    ws.ok(&[
        "entity",
        "add",
        "moh",
        "--name",
        "Ministry of Health",
        "--alias",
        "MoH",
    ]);
    let (code, _, err) = ws.out(&[
        "entity",
        "add",
        "moho",
        "--name",
        "Ministry of Housing",
        "--alias",
        "MoH",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("\"MoH\" already names entity `moh`"), "{err}");
    let (code, _, err) = ws.out(&["entity", "alias", "kestrel-group", "moh"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn blame_on_a_unit_and_on_its_army_is_one_hypothesis() {
    let ws = desk(&[(
        "wire",
        "Wire",
        "Southland blamed the 3rd Battalion. Observers blamed the Northland Army.",
    )]);
    ws.ok(&[
        "entity",
        "add",
        "northland-army",
        "--name",
        "Northland Army",
        "--kind",
        "military",
    ]);
    ws.ok(&[
        "entity",
        "add",
        "bn3",
        "--name",
        "3rd Battalion",
        "--part-of",
        "northland-army",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "a",
        "--kind",
        "responsibility",
        "--event",
        "e",
        "--actor",
        "3rd Battalion",
        "--asserted-by",
        "Southland",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "b",
        "--kind",
        "responsibility",
        "--event",
        "e",
        "--actor",
        "Northland Army",
        "--asserted-by",
        "Observers",
        "--statement",
        "s",
    ]);
    let v = json(&ws, &["report", "--format", "json"]);
    let r = v["responsibility"].as_array().unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["actor"], "Northland Army");
    assert_eq!(
        r[0]["actors"],
        serde_json::json!(["Northland Army", "3rd Battalion"])
    );
    assert_eq!(r[0]["contested"], false);
    assert!(!statuses(&ws, "a").contains(&"contested".to_string()));
    // Blaming someone outside that tree contests it.
    ws.ok(&[
        "claim",
        "add",
        "c",
        "--kind",
        "responsibility",
        "--event",
        "e",
        "--actor",
        "Southland Army",
        "--asserted-by",
        "Northland",
        "--statement",
        "s",
    ]);
    assert!(statuses(&ws, "a").contains(&"contested".to_string()));
}

#[test]
fn a_denial_then_an_admission() {
    let ws = desk(&[]);
    for (id, date, text) in [
        (
            "day1",
            "2024-01-01",
            "U.S. officials blamed Kataib Hezbollah. Kataib Hezbollah denied any role.",
        ),
        (
            "day3",
            "2024-01-03",
            "Kataib Hezbollah admitted it carried out the attack.",
        ),
    ] {
        ws.write(&format!("{id}.txt"), text);
        ws.ok(&[
            "source",
            "add",
            id,
            "--title",
            "t",
            "--publisher",
            "Wire",
            "--published",
            date,
            "--text-file",
            &format!("{id}.txt"),
        ]);
    }
    ws.ok(&[
        "entity",
        "add",
        "kh",
        "--name",
        "Kataib Hezbollah",
        "--kind",
        "armed-group",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "us-blames",
        "--kind",
        "responsibility",
        "--event",
        "e",
        "--actor",
        "Kataib Hezbollah",
        "--asserted-by",
        "U.S. officials",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "link",
        "us-blames",
        "day1",
        "--quote",
        "U.S. officials blamed Kataib Hezbollah",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "kh-denies",
        "--kind",
        "denial",
        "--event",
        "e",
        "--actor",
        "Kataib Hezbollah",
        "--asserted-by",
        "Kataib Hezbollah",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "link",
        "kh-denies",
        "day1",
        "--quote",
        "Kataib Hezbollah denied any role",
    ]);
    // Day 1 and 2: denied.
    let v = json(&ws, &["report", "--format", "json"]);
    assert_eq!(v["responsibility"][0]["verdict"], "denied");
    ws.ok(&[
        "claim",
        "add",
        "kh-admits",
        "--kind",
        "responsibility",
        "--event",
        "e",
        "--actor",
        "Kataib Hezbollah",
        "--stance",
        "admits",
        "--asserted-by",
        "Kataib Hezbollah",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "link",
        "kh-admits",
        "day3",
        "--quote",
        "Kataib Hezbollah admitted it carried out the attack",
    ]);
    let v = json(&ws, &["report", "--format", "json"]);
    let r = &v["responsibility"][0];
    assert_eq!(r["verdict"], "admitted");
    assert_eq!(r["denial_claims"], serde_json::json!([]));
    assert_eq!(r["withdrawn_denials"], serde_json::json!(["kh-denies"]));
    assert_eq!(r["stances"], serde_json::json!(["accuses", "admits"]));
    assert!(statuses(&ws, "kh-denies").contains(&"withdrawn".to_string()));
    assert!(!statuses(&ws, "us-blames").contains(&"denied".to_string()));
    for format in ["text", "markdown"] {
        let out = ws.ok(&["report", "--format", format]);
        assert!(out.contains("ADMITTED"), "{out}");
        assert!(!out.contains("DENIED"), "{format}: {out}");
        assert!(out.contains("withdrawn: Kataib Hezbollah"), "{out}");
    }
    // The story, in time order.
    let t = json(&ws, &["timeline", "--format", "json"]);
    let entries: Vec<(&str, &str, &str)> = t["attributions"][0]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["claim"].as_str().unwrap(),
                e["stance"].as_str().unwrap(),
                e["standing"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            ("kh-denies", "denies", "withdrawn"),
            ("us-blames", "accuses", "active"),
            ("kh-admits", "admits", "active")
        ]
    );
    // As known on day 2, the denial still stands.
    let v = json(
        &ws,
        &["report", "--format", "json", "--as-of", "2024-01-02"],
    );
    assert_eq!(v["responsibility"][0]["verdict"], "denied");
    assert_eq!(
        v["responsibility"][0]["denial_claims"],
        serde_json::json!(["kh-denies"])
    );
}

#[test]
fn a_denial_of_an_actor_covers_every_accusation_of_its_tree() {
    let ws = desk(&[("wire", "Wire", "x")]);
    ws.ok(&["entity", "add", "kh", "--name", "Kataib Hezbollah"]);
    ws.ok(&[
        "entity",
        "add",
        "kh-46",
        "--name",
        "46th Brigade",
        "--part-of",
        "kh",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "us",
        "--kind",
        "responsibility",
        "--event",
        "e",
        "--actor",
        "Kataib Hezbollah",
        "--asserted-by",
        "U.S. officials",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "iraq",
        "--kind",
        "responsibility",
        "--event",
        "e",
        "--actor",
        "46th Brigade",
        "--asserted-by",
        "Iraqi officials",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "other-event",
        "--kind",
        "responsibility",
        "--event",
        "f",
        "--actor",
        "Kataib Hezbollah",
        "--asserted-by",
        "U.S. officials",
        "--statement",
        "s",
    ]);
    let out = ws.ok(&[
        "claim",
        "add",
        "denial",
        "--kind",
        "denial",
        "--event",
        "e",
        "--actor",
        "Kataib Hezbollah",
        "--asserted-by",
        "Kataib Hezbollah",
        "--statement",
        "s",
    ]);
    assert!(out.contains("denies that Kataib Hezbollah did it"), "{out}");
    assert!(statuses(&ws, "us").contains(&"denied".to_string()));
    assert!(statuses(&ws, "iraq").contains(&"denied".to_string()));
    assert!(!statuses(&ws, "other-event").contains(&"denied".to_string()));
    let v = json(&ws, &["show", "us", "--format", "json"]);
    assert_eq!(v["denied_by"], serde_json::json!(["denial"]));
}

#[test]
fn party_origins_are_counted_apart() {
    let ws = desk(&[(
        "wire",
        "Wire",
        "Northland said 40 were killed. Southland said 40 were killed. The UN said 40 were killed.",
    )]);
    ws.ok(&[
        "entity",
        "add",
        "northland",
        "--name",
        "Northland",
        "--kind",
        "government",
    ]);
    ws.ok(&[
        "entity",
        "add",
        "southland",
        "--name",
        "Southland",
        "--kind",
        "government",
    ]);
    ws.ok(&[
        "event",
        "add",
        "border-clash",
        "--title",
        "Border clash",
        "--party",
        "northland",
        "--party",
        "southland",
    ]);
    ws.ok(&[
        "claim",
        "add",
        "forty",
        "--kind",
        "casualty",
        "--event",
        "border-clash",
        "--category",
        "killed",
        "--group",
        "soldiers",
        "--count",
        "40",
        "--statement",
        "s",
    ]);
    ws.ok(&[
        "link",
        "forty",
        "wire",
        "--quote",
        "Northland said 40 were killed",
        "--attributed-to",
        "Northland",
    ]);
    ws.ok(&[
        "link",
        "forty",
        "wire",
        "--quote",
        "Southland said 40 were killed",
        "--attributed-to",
        "Southland",
    ]);
    let v = json(&ws, &["report", "--format", "json"]);
    assert_eq!(v["figures"][0]["independent_origins"], 2);
    assert_eq!(v["figures"][0]["nonparty_origins"], 0);
    assert!(
        ws.ok(&["report"])
            .contains("It rests only on the parties' own word.")
    );
    ws.ok(&[
        "link",
        "forty",
        "wire",
        "--quote",
        "The UN said 40 were killed",
        "--attributed-to",
        "United Nations",
    ]);
    let v = json(&ws, &["report", "--format", "json"]);
    assert_eq!(v["figures"][0]["independent_origins"], 3);
    assert_eq!(v["figures"][0]["nonparty_origins"], 1);
    let (code, _, err) = ws.out(&["event", "add", "x", "--party", "nobody"]);
    assert_eq!(code, 2);
    assert!(err.contains("--party names an entity"), "{err}");
}
