//! Figures as an analyst reads them, end to end through the command line:
//! a toll that grows is one series, a revision is not a rival, running
//! totals do not conflict with stale ones, and the best estimate says what
//! it rests on.

mod common;
use common::*;
use serde_json::Value;

/// A workspace whose single archive holds every sentence the claims quote.
struct Desk {
    ws: Ws,
}

impl Desk {
    fn new(article: &str) -> Desk {
        let ws = Ws::new();
        ws.write("a.txt", article);
        ws.ok(&[
            "source",
            "add",
            "s1",
            "--title",
            "t",
            "--publisher",
            "Wire",
            "--text-file",
            "a.txt",
        ]);
        Desk { ws }
    }

    /// A casualty account of people killed in `event`, dated, quoting
    /// `quote`, attributed to `origin`.
    fn account(
        &self,
        id: &str,
        event: &str,
        count: &str,
        date: &str,
        origin: &str,
        quote: &str,
    ) -> &Self {
        self.ws.ok(&[
            "claim",
            "add",
            id,
            "--kind",
            "casualty",
            "--event",
            event,
            "--category",
            "killed",
            "--group",
            "people",
            "--count",
            count,
            "--date",
            date,
            "--asserted-by",
            origin,
            "--statement",
            "s",
        ]);
        self.ws.ok(&[
            "link",
            id,
            "s1",
            "--quote",
            quote,
            "--attributed-to",
            origin,
        ]);
        self
    }

    fn report(&self, args: &[&str]) -> Value {
        let mut a = vec!["report", "--format", "json"];
        a.extend_from_slice(args);
        serde_json::from_str(&self.ws.ok(&a)).unwrap()
    }
}

fn account<'a>(fig: &'a Value, id: &str) -> &'a Value {
    fig["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["claim"] == id)
        .unwrap()
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn a_growing_series_is_one_account_and_the_gap_is_measured_from_its_latest() {
    let d = Desk::new(
        "The brigade said 3 of its men were wounded. Later 9 were wounded. Then 15 wounded. \
         Then 18 wounded. By Tuesday 22 wounded, the brigade said. The command said 40 to 60 were hurt.",
    );
    for (id, count, date, quote) in [
        ("rb-1", "3", "2024-03-05", "3 of its men were wounded"),
        ("rb-2", "9", "2024-03-07", "9 were wounded"),
        ("rb-3", "15", "2024-03-09", "15 wounded"),
        ("rb-4", "18", "2024-03-10", "18 wounded"),
        ("rb-5", "22", "2024-03-12", "22 wounded"),
    ] {
        d.account(id, "clash", count, date, "Ridge Brigade", quote);
    }
    d.account(
        "vc",
        "clash",
        "40 to 60",
        "2024-03-08",
        "Valley Command",
        "40 to 60 were hurt",
    );
    let v = d.report(&[]);
    let f = &v["figures"][0];
    assert_eq!(f["status"], "conflicting");
    // Only the latest of the series votes; the gap is 40 - 22.
    assert_eq!(f["gap"], 18);
    assert_eq!(f["conflicts"].as_array().unwrap().len(), 1);
    for old in ["rb-1", "rb-2", "rb-3", "rb-4"] {
        assert_eq!(account(f, old)["standing"], "revised", "{old}");
    }
    assert_eq!(account(f, "rb-5")["standing"], "active");
    assert_eq!(ids(&account(f, "rb-1")["revised_by"]), vec!["rb-2"]);
    assert_eq!(f["independent_origins"], 2);
    // Each update reads "revised up" in the timeline, never a conflict.
    let t: Value = serde_json::from_str(&d.ws.ok(&["timeline", "--format", "json"])).unwrap();
    let changes: Vec<(&str, &str)> = t["figures"][0]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["origin"] == "Ridge Brigade")
        .map(|x| (x["claim"].as_str().unwrap(), x["change"].as_str().unwrap()))
        .collect();
    assert_eq!(
        changes,
        vec![
            ("rb-1", "first"),
            ("rb-2", "revised-up"),
            ("rb-3", "revised-up"),
            ("rb-4", "revised-up"),
            ("rb-5", "revised-up")
        ]
    );
    // The text report says it in plain words, and collapses the series.
    let text = d.ws.ok(&["report"]);
    assert!(
        text.contains("current figure 22 (Ridge Brigade, 2024-03-12)"),
        "{text}"
    );
    assert!(text.contains("18 apart"), "{text}");
    assert!(
        text.contains("↳ 4 earlier reports from Ridge Brigade, revised"),
        "{text}"
    );
    // Revised accounts are not "conflicting", and do not need attention.
    let list: Value = serde_json::from_str(&d.ws.ok(&["list", "--format", "json"])).unwrap();
    let st = |id: &str| {
        list["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["statuses"]
            .clone()
    };
    assert_eq!(st("rb-1"), serde_json::json!(["single-origin", "revised"]));
    assert_eq!(
        st("rb-5"),
        serde_json::json!(["single-origin", "conflicting"])
    );
}

#[test]
fn a_ministry_revising_its_toll_down_is_a_revision() {
    let d = Desk::new(
        "The ministry said 410 people were killed. The ministry revised the toll to 385 people.",
    );
    d.account(
        "moh-1",
        "strike",
        "410",
        "2024-01-01",
        "Health Ministry",
        "410 people were killed",
    );
    d.account(
        "moh-2",
        "strike",
        "385",
        "2024-01-02",
        "Health Ministry",
        "385 people",
    );
    let v = d.report(&[]);
    let f = &v["figures"][0];
    assert_eq!(f["status"], "single-account");
    assert_eq!(f["consensus"], serde_json::json!({"min": 385, "max": 385}));
    assert_eq!(account(f, "moh-1")["standing"], "revised");
    let t: Value = serde_json::from_str(&d.ws.ok(&["timeline", "--format", "json"])).unwrap();
    assert_eq!(t["figures"][0]["versions"][1]["change"], "revised-down");
    // Outside a cumulative event a fall is a correction, not a warning.
    let (_, out, _) = d.ws.out(&["check"]);
    assert!(!out.contains("W108"), "{out}");
}

#[test]
fn running_totals_in_a_cumulative_event() {
    let d = Desk::new(
        "The agency counted 6,000 dead in April. The ministry's running total reached 11,000 in October. \
         In November the ministry said 10,500 had died.",
    );
    d.ws.ok(&[
        "event",
        "add",
        "war",
        "--title",
        "The war",
        "--start",
        "2024-01-01",
        "--cumulative",
    ]);
    d.account(
        "agency",
        "war",
        "6,000",
        "2024-04-01",
        "Aid Agency",
        "6,000 dead",
    );
    d.account(
        "moh-oct",
        "war",
        "11,000",
        "2024-10-01",
        "Ministry",
        "11,000 in October",
    );
    let v = d.report(&[]);
    let f = &v["figures"][0];
    assert_eq!(f["cumulative"], true);
    // The stale toll is overtaken by a later, higher running total.
    assert_eq!(account(f, "agency")["standing"], "revised");
    assert_eq!(ids(&account(f, "agency")["revised_by"]), vec!["moh-oct"]);
    assert_eq!(f["status"], "single-account");
    assert_eq!(f["gap"], Value::Null);
    assert_eq!(f["best"]["basis"], "latest");
    // A running total that falls within one origin's series is flagged.
    d.account(
        "moh-nov",
        "war",
        "10,500",
        "2024-11-01",
        "Ministry",
        "10,500 had died",
    );
    let (code, out, _) = d.ws.out(&["check"]);
    assert_eq!(code, 0);
    assert!(out.contains("warning[W108]: the running total of people killed falls from 11,000 (`moh-oct`) to 10,500 (`moh-nov`) in Ministry's series"), "{out}");
    let t: Value = serde_json::from_str(&d.ws.ok(&["timeline", "--format", "json"])).unwrap();
    let last = t["figures"][0]["versions"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["change"], "revised-down");
}

#[test]
fn at_least_40_agrees_with_44_and_47_which_clash() {
    let d = Desk::new(
        "At least 40 were killed, police said. Medics said 44 were killed. Residents said 47 were killed.",
    );
    d.account(
        "police",
        "blast",
        "at least 40",
        "2024-02-01",
        "police",
        "At least 40 were killed",
    );
    d.account(
        "medics",
        "blast",
        "44",
        "2024-02-01",
        "medics",
        "44 were killed",
    );
    d.account(
        "residents",
        "blast",
        "47",
        "2024-02-01",
        "residents",
        "47 were killed",
    );
    let v = d.report(&[]);
    let f = &v["figures"][0];
    assert_eq!(f["status"], "conflicting");
    assert_eq!(
        f["conflicts"],
        serde_json::json!([{"a": "medics", "b": "residents", "gap": 3}])
    );
    let claims = |id: &str| {
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["statuses"]
            .clone()
    };
    assert!(
        !claims("police")
            .as_array()
            .unwrap()
            .contains(&Value::from("conflicting"))
    );
    assert!(
        claims("medics")
            .as_array()
            .unwrap()
            .contains(&Value::from("conflicting"))
    );
}

#[test]
fn a_graded_and_a_preferred_best_estimate() {
    let d = Desk::new("Officials said 22 were killed. Activists said 40 to 60 were killed.");
    d.account(
        "officials",
        "raid",
        "22",
        "2024-05-01",
        "officials",
        "22 were killed",
    );
    d.account(
        "activists",
        "raid",
        "40 to 60",
        "2024-05-01",
        "activists",
        "40 to 60 were killed",
    );
    let v = d.report(&[]);
    assert_eq!(v["figures"][0]["best"], Value::Null);
    assert!(
        v["figures"][0]["why"]
            .as_str()
            .unwrap()
            .contains("nothing ranks them")
    );
    // The desk's Admiralty grades rank them: 2 against 4.
    for (id, grade) in [("officials", "2"), ("activists", "4")] {
        let path = format!("claims/{id}.toml");
        let text = d.ws.read(&path).replace(
            "attributed_to",
            &format!("credibility = {grade}\nattributed_to"),
        );
        d.ws.write(&path, &text);
    }
    let v = d.report(&[]);
    let best = &v["figures"][0]["best"];
    assert_eq!(best["basis"], "graded");
    assert_eq!(
        (best["min"].clone(), best["max"].clone()),
        (Value::from(22), Value::from(22))
    );
    assert_eq!(ids(&best["claims"]), vec!["officials"]);
    // The desk's preferred value wins over grades; `--clear` takes it back.
    let out = d.ws.ok(&["prefer", "activists"]);
    assert_eq!(out, "`activists` is the preferred account of its figure\n");
    let v = d.report(&[]);
    assert_eq!(v["figures"][0]["best"]["basis"], "preferred");
    assert_eq!(v["figures"][0]["best"]["min"], 40);
    d.ws.ok(&["prefer", "officials"]);
    assert!(!d.ws.read("claims/activists.toml").contains("rank"));
    d.ws.ok(&["prefer", "--clear", "officials"]);
    assert_eq!(d.report(&[])["figures"][0]["best"]["basis"], "graded");
    // Only a casualty account can be preferred.
    d.ws.ok(&[
        "claim",
        "add",
        "ev",
        "--kind",
        "event",
        "--event",
        "raid",
        "--statement",
        "s",
    ]);
    let (code, _, err) = d.ws.out(&["prefer", "ev"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("only a casualty account can be the preferred value"),
        "{err}"
    );
}

#[test]
fn a_best_point_and_hedge_are_shown_beside_the_interval() {
    let d = Desk::new("The ministry estimates 200 to 400 dead, likely near the lower bound.");
    d.ws.ok(&[
        "claim",
        "add",
        "moh",
        "--kind",
        "casualty",
        "--event",
        "e",
        "--category",
        "killed",
        "--group",
        "people",
        "--min",
        "200",
        "--max",
        "400",
        "--best",
        "250",
        "--hedge",
        "likely near the lower bound",
        "--statement",
        "s",
    ]);
    d.ws.ok(&[
        "link",
        "moh",
        "s1",
        "--quote",
        "200 to 400 dead, likely near the lower bound",
    ]);
    let text = d.ws.ok(&["report"]);
    assert!(
        text.contains("200–400, best 250, *likely near the lower bound*"),
        "{text}"
    );
    let (code, _, err) = d.ws.out(&[
        "claim",
        "add",
        "bad",
        "--kind",
        "casualty",
        "--event",
        "e",
        "--category",
        "killed",
        "--group",
        "people",
        "--min",
        "200",
        "--max",
        "400",
        "--best",
        "450",
        "--statement",
        "s",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--best 450 lies outside the count 200–400"),
        "{err}"
    );
    assert!(!d.ws.path().join("claims/bad.toml").exists());
}

#[test]
fn as_of_shows_what_was_known_before_the_revision() {
    let d = Desk::new("x");
    let ws = &d.ws;
    ws.write("day1.txt", "The ministry said 410 people were killed.");
    ws.write("day2.txt", "The ministry revised the toll to 385 people.");
    ws.ok(&[
        "source",
        "add",
        "day1",
        "--title",
        "t",
        "--publisher",
        "Ministry",
        "--published",
        "2024-01-01",
        "--text-file",
        "day1.txt",
    ]);
    ws.ok(&[
        "source",
        "add",
        "day2",
        "--title",
        "t",
        "--publisher",
        "Ministry",
        "--published",
        "2024-01-02",
        "--text-file",
        "day2.txt",
    ]);
    for (id, count, src, quote) in [
        ("moh-1", "410", "day1", "410 people were killed"),
        ("moh-2", "385", "day2", "385 people"),
    ] {
        ws.ok(&[
            "claim",
            "add",
            id,
            "--kind",
            "casualty",
            "--event",
            "strike",
            "--category",
            "killed",
            "--group",
            "people",
            "--count",
            count,
            "--statement",
            "s",
        ]);
        ws.ok(&["link", id, src, "--quote", quote]);
    }
    let then = d.report(&["--as-of", "2024-01-01"]);
    assert_eq!(then["as_of"], "2024-01-01");
    let f = &then["figures"][0];
    assert_eq!(f["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(account(f, "moh-1")["standing"], "active");
    let now = d.report(&[]);
    assert_eq!(account(&now["figures"][0], "moh-1")["standing"], "revised");
    // `as_of` orders claims but never brings a later publication into view.
    ws.ok(&["claim", "set", "moh-2", "as_of", "2023-12-31"]);
    let then = d.report(&["--as-of", "2024-01-01"]);
    assert_eq!(then["figures"][0]["accounts"].as_array().unwrap().len(), 1);
    // show and list take --as-of too; a claim not yet known is said so.
    let (code, _, err) = ws.out(&["show", "moh-2", "--as-of", "2024-01-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("was not yet known at 2024-01-01"), "{err}");
    let list: Value =
        serde_json::from_str(&ws.ok(&["list", "--as-of", "2024-01-01", "--format", "json"]))
            .unwrap();
    assert_eq!(list["claims"].as_array().unwrap().len(), 1);
}

#[test]
fn retractions_apply_from_their_date() {
    let d = Desk::new("Police said 12 died. Medics said 30 died.");
    let ws = &d.ws;
    ws.write("b.txt", "A later report.");
    d.account("police", "e", "12", "2024-01-01", "police", "12 died");
    d.account("medics", "e", "30", "2024-01-01", "medics", "30 died");
    ws.ok(&[
        "retract",
        "police",
        "--reason",
        "police corrected themselves",
        "--on",
        "2024-02-01",
    ]);
    let text = ws.read("claims/police.toml");
    assert!(text.contains("retracted_on = 2024-02-01"), "{text}");
    assert_eq!(d.report(&[])["figures"][0]["status"], "single-account");
    // s1 has no publication date: it is known since it was accessed, never.
    // Give it one so the view can see it.
    let src = ws.read("sources/s1.toml").replace(
        "publisher = \"Wire\"",
        "publisher = \"Wire\"\npublished = 2024-01-01",
    );
    ws.write("sources/s1.toml", &src);
    assert_eq!(
        d.report(&["--as-of", "2024-01-15"])["figures"][0]["status"],
        "conflicting"
    );
    assert_eq!(
        d.report(&["--as-of", "2024-02-01"])["figures"][0]["status"],
        "single-account"
    );
}

#[test]
fn wording_and_quotes_must_agree_and_a_quote_is_linked_once() {
    let d = Desk::new("Seven people died on Friday.");
    let ws = &d.ws;
    ws.ok(&[
        "claim",
        "add",
        "c",
        "--kind",
        "casualty",
        "--event",
        "e",
        "--category",
        "killed",
        "--group",
        "people",
        "--count",
        "eight",
        "--statement",
        "s",
    ]);
    ws.ok(&["link", "c", "s1", "--quote", "Seven people died"]);
    let (code, out, _) = ws.out(&["check"]);
    assert_eq!(code, 0);
    assert!(out.contains("warning[W109]: the wording \"eight\" says 8, but no verified quote of this claim states it"), "{out}");
    let (code, _, err) = ws.out(&["link", "c", "s1", "--quote", "Seven  people died"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("already linked to `c` (evidence[0]); nothing was written"),
        "{err}"
    );
}
