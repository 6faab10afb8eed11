//! ClaimReview in and out: `rate`, `export claimreview`, `import claimreview`
//! on hand-written items of every shape (tests/fixtures/claimreview) and on
//! the real published corpus in ../shared/data/claimreview, read in place.

mod common;

use common::Ws;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/claimreview/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn import(ws: &Ws, file: &str) -> (i32, Value) {
    let (code, out, err) = ws.out(&["import", "claimreview", file, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    (code, v)
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn rejected(v: &Value) -> Vec<(String, String)> {
    v["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["item"].as_str().unwrap().to_string(),
                r["why"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every file in the workspace and its contents.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["claims", "sources"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            out.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
    out
}

#[test]
fn every_shape_is_read_and_every_outcome_reported() {
    let ws = Ws::new();
    // A single object.
    let (code, v) = import(&ws, &fixture("single.json"));
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["schema"], "factcheck/import-claimreview/v1");
    assert_eq!(
        ids(&v, "imported"),
        ["cr-twelve-soldiers-were-killed-in-the-ffebf74c"]
    );
    assert_eq!(
        v["sources"].as_array().unwrap().len(),
        2,
        "one source per appearance"
    );
    let claim = ws.read("claims/cr-twelve-soldiers-were-killed-in-the-ffebf74c.toml");
    insta::assert_snapshot!("single_claim", claim);

    // An array in four languages and scripts, with four broken items.
    let (code, v) = import(&ws, &fixture("array.json"));
    assert_eq!(code, 1, "a rejected item makes exit 1");
    assert_eq!(ids(&v, "imported").len(), 4, "{v}");
    assert_eq!(
        rejected(&v),
        [
            ("[4]".to_string(), "no claimReviewed: the claim under review is not stated".to_string()),
            ("[5]".to_string(), "not a JSON object".to_string()),
            ("[6]".to_string(), "reviewRating has neither an alternateName nor a ratingValue: the verdict is missing".to_string()),
            ("[7]".to_string(), "no reviewRating: the verdict is missing".to_string()),
        ]
    );
    let french = ws.read(&format!("claims/{}.toml", ids(&v, "imported")[1]));
    assert!(
        french.contains("statement = \"L'attaque contre le camp Halden a fait douze morts\""),
        "entities decoded: {french}"
    );
    assert!(french.contains("author = \"Vérif\""), "{french}");
    let arabic = ws.read(&format!("claims/{}.toml", ids(&v, "imported")[0]));
    assert!(
        arabic.contains("rating = \"زائف\"") && arabic.contains("rating_value = 1"),
        "{arabic}"
    );
    assert!(arabic.contains("asserted_by = \"قناة الجبهة\""), "{arabic}");

    // An @graph: other node types are ignored, not rejected.
    let (code, v) = import(&ws, &fixture("graph.json"));
    assert_eq!(code, 0, "{v}");
    assert_eq!(ids(&v, "imported").len(), 2);
    let pt = ws.read(&format!("claims/{}.toml", ids(&v, "imported")[1]));
    assert!(
        pt.contains("author = \"Checa, Ana Souza\""),
        "authors as an array: {pt}"
    );
    assert!(pt.contains("rating = \"não_é_bem_assim\""), "{pt}");
    assert!(
        !pt.contains("asserted_by"),
        "an author without a name is no claimant: {pt}"
    );
    let hi = ws.read(&format!("claims/{}.toml", ids(&v, "imported")[0]));
    assert!(hi.contains("asserted_by = \"वायरल पोस्ट\""), "{hi}");
    assert!(
        !hi.contains("best_rating"),
        "an empty bestRating is absent: {hi}"
    );

    // A Fact Check Tools response: its first review is the one single.json
    // already brought in (same URL), so it is already there.
    let (code, v) = import(&ws, &fixture("tools.json"));
    assert_eq!(code, 1);
    assert_eq!(
        ids(&v, "already"),
        ["cr-twelve-soldiers-were-killed-in-the-ffebf74c"]
    );
    assert_eq!(ids(&v, "imported").len(), 1);
    assert_eq!(
        rejected(&v),
        [
            (
                "claims[1].claimReview[0]".to_string(),
                "no textualRating: the verdict is missing".to_string()
            ),
            (
                "claims[2].claimReview[0]".to_string(),
                "no claim text: the claim under review is not stated".to_string()
            ),
        ]
    );
    let other = ws.read(&format!("claims/{}.toml", ids(&v, "imported")[0]));
    assert!(
        other.contains("author = \"otherdesk.example\"")
            && other.contains("asserted_by = \"Viral post\""),
        "{other}"
    );

    // A data feed.
    let (code, v) = import(&ws, &fixture("feed.json"));
    assert_eq!(code, 0);
    let de = ws.read(&format!("claims/{}.toml", ids(&v, "imported")[0]));
    assert!(
        de.contains("rating = \"Falsch. Die Behörden meldeten vier Verletzte.\""),
        "{de}"
    );
    assert!(de.contains("date = 2031-03-05"), "{de}");

    // Messy values: taken, with what was dropped noted.
    let (code, v) = import(&ws, &fixture("messy.json"));
    assert_eq!(code, 0, "{v}");
    assert_eq!(ids(&v, "imported").len(), 5);
    let notes: Vec<String> = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["note"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        notes,
        [
            "url \"/relative/review-1\" is not an absolute URL; dropped",
            "appearance \"www.no-scheme.example/post\" is not an absolute URL; dropped",
            "appearance \"javascript:alert(1)\" has the scheme javascript:, not http(s); dropped",
            "datePublished \"yesterday\" is not a date; dropped",
            "ratingValue \"five\" is not a number; dropped",
            "url \"http%3A%2F%2Fbroken.example%2Fr\" is not an absolute URL; dropped",
        ]
    );
    let m: Vec<String> = ids(&v, "imported")
        .iter()
        .map(|id| ws.read(&format!("claims/{id}.toml")))
        .collect();
    assert!(
        m[0].contains("statement = \"Four rockets hit the gate\""),
        "{}",
        m[0]
    );
    assert!(m[0].contains("rating = \"Partly false\"\n"), "{}", m[0]);
    assert!(
        m[0].contains("date = 2031-03-11\n"),
        "a time without offset keeps its date: {}",
        m[0]
    );
    assert!(
        m[0].contains("date = 2031-03-04T10:00:00+02:00"),
        "{}",
        m[0]
    );
    assert!(
        m[1].contains("rating_value = -1") && m[1].contains("date = 2031-03-11T14:15:00Z"),
        "{}",
        m[1]
    );
    assert!(
        m[2].contains("rating_value = 4.5") && m[2].contains("rating = \"4.5 of 5\""),
        "{}",
        m[2]
    );
    assert!(
        m[4].contains("rating = \"True\""),
        "a lowercase @type is still a ClaimReview: {}",
        m[4]
    );

    // Not JSON, and JSON without any ClaimReview: exit 1, nothing written.
    let before = snapshot(ws.path());
    let (code, _, err) = ws.out(&["import", "claimreview", &fixture("not-json.txt")]);
    assert_eq!(code, 1);
    assert!(err.contains("not-json.txt:3:3: not JSON"), "{err}");
    let (code, _, err) = ws.out(&["import", "claimreview", &fixture("no-claimreview.json")]);
    assert_eq!(code, 1);
    assert!(err.contains("holds no ClaimReview"), "{err}");
    assert_eq!(snapshot(ws.path()), before);

    // Every imported claim is valid; their quotes are unverified (W102).
    let (code, out, _) = ws.out(&["check", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let check: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(check["errors"], 0);
}

#[test]
fn importing_twice_adds_nothing() {
    let ws = Ws::new();
    for f in [
        "single.json",
        "array.json",
        "graph.json",
        "tools.json",
        "feed.json",
        "messy.json",
    ] {
        import(&ws, &fixture(f));
    }
    let before = snapshot(ws.path());
    for f in [
        "single.json",
        "array.json",
        "graph.json",
        "tools.json",
        "feed.json",
        "messy.json",
    ] {
        let (_, v) = import(&ws, &fixture(f));
        assert!(ids(&v, "imported").is_empty(), "{f}: {v}");
        assert!(v["sources"].as_array().unwrap().is_empty(), "{f}");
    }
    assert_eq!(snapshot(ws.path()), before);
    // Standard input works the same.
    let out = std::process::Command::new(common::bin())
        .args(["import", "claimreview", "-"])
        .current_dir(ws.path())
        .stdin(std::fs::File::open(fixture("single.json")).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 already there"));
}

#[test]
fn the_published_corpus_is_imported_in_place() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/claimreview");
    if !dir.is_dir() {
        eprintln!(
            "skipped: ../shared/data/claimreview is absent (the corpus is read in place, never copied)"
        );
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 46);
    let ws = Ws::new();
    let (mut imported, mut already) = (0, Vec::new());
    for f in &files {
        let (code, v) = import(&ws, f.to_str().unwrap());
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(code, 0, "{name}: {v}");
        assert!(rejected(&v).is_empty(), "{name}: {v}");
        imported += ids(&v, "imported").len();
        if !ids(&v, "already").is_empty() {
            already.push(name);
        }
    }
    // 46 files, 46 reviews: two are republications of a review imported
    // from another file (same URL), so they are already there.
    assert_eq!(imported, 44);
    assert_eq!(
        already,
        [
            "fetch__boom_live_raw__f17b1004.json",
            "fetch__newtral_fakes_raw__d91fc4f0.json"
        ]
    );
    let (code, out, _) = ws.out(&["check", "--format", "json"]);
    let check: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((code, check["errors"].as_u64()), (0, Some(0)), "{out}");
    // What the real objects become, spot-checked.
    let claim = |prefix: &str| {
        let e = std::fs::read_dir(ws.path().join("claims"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap_or_else(|| panic!("no claim {prefix}"));
        std::fs::read_to_string(e).unwrap()
    };
    let lupa = claim("cr-br-277-foz-do-iguacu");
    assert!(
        lupa.contains("rating_value = 4") && lupa.contains("best_rating = 6"),
        "{lupa}"
    );
    let africa = claim("cr-interferon-alpha-2b");
    assert!(africa.contains("date = 2020-"), "{africa}");
}

#[test]
fn rate_export_and_import_round_trip() {
    let ws = Ws::sample();
    // A URL for the sample's source, so the claims have an appearance.
    let hill = ws.read("sources/the-hill-2019-12-31.toml").replace(
        "publisher = \"The Hill\"\n",
        "publisher = \"The Hill\"\nurl = \"https://news.example/hill/embassy\"\n",
    );
    ws.write("sources/the-hill-2019-12-31.toml", &hill);
    let out = ws.ok(&[
        "rate",
        "trump-wounding-many",
        "--rating",
        "Misleading",
        "--value",
        "2",
        "--best",
        "5",
        "--worst",
        "1",
        "--explanation",
        "U.S. officials reported four wounded",
        "--url",
        "https://desk.example/fc/1",
        "--date",
        "2020-01-02",
        "--author",
        "Example Desk",
    ]);
    assert_eq!(
        out,
        "rated `trump-wounding-many` \"Misleading\" (2 on a scale from 1 to 5) by Example Desk; written to claims/trump-wounding-many.toml [review]\n"
    );
    ws.ok(&[
        "rate",
        "kh-denies-k1",
        "--rating",
        "Unproven",
        "--date",
        "2020-01-03",
        "--author",
        "Example Desk",
    ]);
    let (code, _, err) = ws.out(&["rate", "kh-denies-k1", "--rating", "x", "--value", "2"]);
    assert_eq!(code, 2);
    assert!(err.contains("--value needs --best and --worst"), "{err}");

    let json = ws.ok(&["export", "claimreview"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    insta::assert_snapshot!("export", json);
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    for r in arr {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(r.get("schema").is_none());
    }
    let t = arr
        .iter()
        .find(|r| r["identifier"] == "trump-wounding-many")
        .unwrap();
    assert_eq!(
        t["itemReviewed"]["author"],
        serde_json::json!({"@type": "Person", "name": "Donald J. Trump"})
    );
    assert_eq!(t["reviewRating"]["ratingValue"], 2);
    let item = &t["itemReviewed"];
    assert_eq!(
        item["appearance"],
        serde_json::json!([{"@type": "CreativeWork", "url": "https://news.example/hill/embassy"}])
    );
    assert_eq!(
        item["firstAppearance"],
        serde_json::json!({"@type": "CreativeWork", "url": "https://news.example/hill/embassy"})
    );

    // Into a fresh workspace and back out: the same reviews.
    let fresh = Ws::new();
    ws.write("cr.json", &json);
    let (code, v) = import(&fresh, ws.path().join("cr.json").to_str().unwrap());
    assert_eq!(code, 0, "{v}");
    assert_eq!(ids(&v, "imported").len(), 2);
    let again: Value = serde_json::from_str(&fresh.ok(&["export", "claimreview"])).unwrap();
    let strip = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["claimReviewed"].clone(),
                    r["reviewRating"].clone(),
                    r["url"].clone(),
                    r["datePublished"].clone(),
                    r["author"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let mut a = strip(&v_sorted(arr));
    let mut b = strip(&again);
    a.sort_by_key(|x| x.0.to_string());
    b.sort_by_key(|x| x.0.to_string());
    assert_eq!(a, b);
}

fn v_sorted(arr: &[Value]) -> Value {
    Value::Array(arr.to_vec())
}
