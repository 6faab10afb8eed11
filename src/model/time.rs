//! Dates and date-times as stored in records, and their order in UTC.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use std::cmp::Ordering;
use std::fmt;

/// A date (`2019-12-31`) or a date-time with an offset (`2019-12-31T09:15:00-05:00`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timestamp {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

impl Timestamp {
    /// Parses the forms DESIGN allows; the error says which forms those are.
    pub fn parse(raw: &str) -> Result<Timestamp, String> {
        let s = raw.trim();
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
            && s.len() == 10
        {
            return Ok(Timestamp::Date(d));
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Ok(Timestamp::DateTime(dt));
        }
        // TOML also allows a space between date and time.
        if let Ok(dt) = DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1)) {
            return Ok(Timestamp::DateTime(dt));
        }
        if chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").is_ok()
            || chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").is_ok()
        {
            return Err(format!(
                "`{s}` has a time but no UTC offset; add one, e.g. `{s}Z` or `{s}-05:00`"
            ));
        }
        Err(format!(
            "`{s}` is not a date; write YYYY-MM-DD or an RFC 3339 date-time with offset (2019-12-31T09:15:00-05:00)"
        ))
    }

    /// Reads a date as web pages and ClaimReview objects write them: RFC 3339,
    /// ISO 8601 with a space or a `+0200` offset, RFC 2822 (`Tue, 31 Dec 2019
    /// 09:15:00 GMT`), or a plain date (`2019-12-31`, `2019/12/31`). A time
    /// without a UTC offset keeps only its date: which instant it meant is not
    /// known, and a wrong instant would misorder a timeline.
    pub fn lenient(raw: &str) -> Option<Timestamp> {
        use chrono::NaiveDateTime;
        let s = raw.trim();
        if s.is_empty() {
            return None;
        }
        if let Ok(t) = Timestamp::parse(s) {
            return Some(t);
        }
        let with_t = s.replacen(' ', "T", 1);
        for f in [
            "%Y-%m-%dT%H:%M:%S%.f%z",
            "%Y-%m-%dT%H:%M:%S%z",
            "%Y-%m-%dT%H:%M%z",
            "%Y-%m-%dT%H:%M:%S%.f%:z",
            "%Y-%m-%dT%H:%M%:z",
        ] {
            if let Ok(dt) = DateTime::parse_from_str(&with_t, f) {
                return Some(Timestamp::DateTime(dt));
            }
        }
        if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
            return Some(Timestamp::DateTime(dt));
        }
        for f in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(&with_t, f) {
                return Some(Timestamp::Date(dt.date()));
            }
        }
        // "2020-06-23T20:02:00.000 +05:30"-like leftovers: the date alone.
        for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"] {
            if let Some(head) = s.get(..s.len().min(10))
                && let Ok(d) = NaiveDate::parse_from_str(head, f)
                && (head.len() == s.len()
                    || !s[head.len()..].starts_with(|c: char| c.is_ascii_digit()))
            {
                return Some(Timestamp::Date(d));
            }
        }
        None
    }

    /// Converts a TOML date or offset date-time without a round trip through
    /// text (the common case when loading thousands of records).
    pub fn from_toml(dt: &toml::value::Datetime) -> Result<Timestamp, String> {
        use toml::value::Offset;
        let fallback = || Timestamp::parse(&dt.to_string());
        let Some(d) = dt.date else { return fallback() };
        let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
        match (date, dt.time, dt.offset) {
            (Some(date), None, None) => Ok(Timestamp::Date(date)),
            (Some(date), Some(t), Some(off)) => {
                let secs = match off {
                    Offset::Z => 0,
                    Offset::Custom { minutes } => i32::from(minutes) * 60,
                };
                let time = chrono::NaiveTime::from_hms_nano_opt(
                    t.hour.into(),
                    t.minute.into(),
                    t.second.unwrap_or(0).into(),
                    t.nanosecond.unwrap_or(0),
                );
                match (FixedOffset::east_opt(secs), time) {
                    (Some(off), Some(time)) => date
                        .and_time(time)
                        .and_local_timezone(off)
                        .single()
                        .map(Timestamp::DateTime)
                        .ok_or_else(|| format!("`{dt}` is not a valid date-time")),
                    _ => fallback(),
                }
            }
            _ => fallback(),
        }
    }

    /// The calendar date in UTC.
    pub fn utc_date(&self) -> NaiveDate {
        match self {
            Timestamp::Date(d) => *d,
            Timestamp::DateTime(dt) => dt.with_timezone(&Utc).date_naive(),
        }
    }

    /// The instant in UTC, if a time is known.
    pub fn utc_instant(&self) -> Option<DateTime<Utc>> {
        match self {
            Timestamp::Date(_) => None,
            Timestamp::DateTime(dt) => Some(dt.with_timezone(&Utc)),
        }
    }

    /// For people: "2020-03-12", or "2020-03-12 05:00 UTC".
    pub fn readable(&self) -> String {
        match self {
            Timestamp::Date(d) => d.format("%Y-%m-%d").to_string(),
            Timestamp::DateTime(dt) => dt
                .with_timezone(&Utc)
                .format("%Y-%m-%d %H:%M UTC")
                .to_string(),
        }
    }

    /// Rendering for JSON and reports: dates as is, date-times converted to UTC.
    pub fn to_utc_string(&self) -> String {
        match self {
            Timestamp::Date(d) => d.format("%Y-%m-%d").to_string(),
            Timestamp::DateTime(dt) => dt
                .with_timezone(&Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        }
    }
}

/// The bound of `--as-of D`: a date-time, or a date meaning the end of that
/// UTC day. Things dated at or before it are known; later ones are not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf(Timestamp);

impl AsOf {
    pub fn parse(raw: &str) -> Result<AsOf, String> {
        Timestamp::parse(raw).map(AsOf)
    }

    pub fn new(t: Timestamp) -> AsOf {
        AsOf(t)
    }

    /// Whether `t` is at or before the bound. A bare date bound takes the
    /// whole UTC day; a date without a time sorts before every time of its
    /// UTC date, so it is inside a date-time bound on that date.
    pub fn includes(&self, t: &Timestamp) -> bool {
        match &self.0 {
            Timestamp::Date(d) => t.utc_date() <= *d,
            bound => t <= bound,
        }
    }

    pub fn timestamp(&self) -> &Timestamp {
        &self.0
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Timestamp {
    /// Today's date in UTC.
    pub fn today() -> Timestamp {
        Timestamp::Date(clock().date_naive())
    }

    /// The current moment in UTC, to the second.
    pub fn now() -> Timestamp {
        let now = clock();
        let secs = now.timestamp();
        let dt = DateTime::from_timestamp(secs, 0).unwrap_or(now);
        Timestamp::DateTime(dt.fixed_offset())
    }
}

/// The current time, or `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, so that examples and tests that
/// record "now" give the same files on every run.
fn clock() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

impl Ord for Timestamp {
    /// Compared in UTC; a date without a time sorts before every time of that UTC date.
    fn cmp(&self, other: &Self) -> Ordering {
        self.utc_date()
            .cmp(&other.utc_date())
            .then_with(|| self.utc_instant().cmp(&other.utc_instant()))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Text (RFC 3339) in JSON; in binary formats (the record cache) a
/// compact tuple, as the cache is read on every run: `(days since the
/// epoch, None)` for a date, `(seconds, Some((nanoseconds, offset seconds)))`
/// for a date-time.
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return s.collect_str(self);
        }
        match self {
            Timestamp::Date(d) => {
                (i64::from(d.num_days_from_ce()), None::<(u32, i32)>).serialize(s)
            }
            Timestamp::DateTime(dt) => (
                dt.timestamp(),
                Some((dt.timestamp_subsec_nanos(), dt.offset().local_minus_utc())),
            )
                .serialize(s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        use serde::de::Error;
        if d.is_human_readable() {
            let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
            return Timestamp::parse(&s).map_err(Error::custom);
        }
        let (n, time): (i64, Option<(u32, i32)>) = serde::Deserialize::deserialize(d)?;
        match time {
            None => i32::try_from(n)
                .ok()
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .map(Timestamp::Date)
                .ok_or_else(|| Error::custom("date out of range")),
            Some((nanos, offset)) => {
                let off =
                    FixedOffset::east_opt(offset).ok_or_else(|| Error::custom("bad offset"))?;
                DateTime::from_timestamp(n, nanos)
                    .map(|u| Timestamp::DateTime(u.with_timezone(&off)))
                    .ok_or_else(|| Error::custom("time out of range"))
            }
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Timestamp::DateTime(dt) => write!(
                f,
                "{}",
                dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn binary_encoding_round_trips() {
        for raw in [
            "2019-12-31",
            "0001-01-01",
            "2019-12-31T09:15:00.123456789-05:00",
            "2020-02-29T23:59:59+14:00",
        ] {
            let t = ts(raw);
            let bytes = postcard::to_stdvec(&t).unwrap();
            let back: Timestamp = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, t);
            assert_eq!(back.to_string(), t.to_string());
        }
        // JSON keeps the text form.
        assert_eq!(
            serde_json::to_string(&ts("2019-12-31")).unwrap(),
            "\"2019-12-31\""
        );
    }

    #[test]
    fn lenient_reads_what_pages_publish() {
        let l = |s: &str| Timestamp::lenient(s).map(|t| t.to_string());
        assert_eq!(l("2019-12-31").as_deref(), Some("2019-12-31"));
        assert_eq!(
            l("2019-12-31T09:15:00-05:00").as_deref(),
            Some("2019-12-31T09:15:00-05:00")
        );
        assert_eq!(l("2020-06-23 20:02").as_deref(), Some("2020-06-23"));
        assert_eq!(l("2018-04-05T06:00").as_deref(), Some("2018-04-05"));
        assert_eq!(
            l("2019-10-09T13:14:12+0200").as_deref(),
            Some("2019-10-09T13:14:12+02:00")
        );
        assert_eq!(
            l("2020-01-01T10:00:00.000Z").as_deref(),
            Some("2020-01-01T10:00:00Z")
        );
        assert_eq!(
            l("Tue, 31 Dec 2019 14:15:00 GMT").as_deref(),
            Some("2019-12-31T14:15:00Z")
        );
        assert_eq!(l("2019/12/31").as_deref(), Some("2019-12-31"));
        assert_eq!(l("20191231").as_deref(), Some("2019-12-31"));
        for bad in ["", "yesterday", "31/12/2019", "2019-13-01", "201912311"] {
            assert_eq!(l(bad), None, "{bad}");
        }
    }

    #[test]
    fn compares_in_utc() {
        // 23:00 in New York is 04:00 UTC the next day.
        assert!(ts("2020-01-01T03:00:00Z") < ts("2019-12-31T23:00:00-05:00"));
        assert!(ts("2019-12-31") < ts("2019-12-31T00:00:00Z"));
        assert!(ts("2019-12-31T23:59:00Z") < ts("2020-01-01"));
    }

    #[test]
    fn toml_datetimes_convert_directly() {
        for s in [
            "2019-12-31",
            "2019-12-31T09:15:00-05:00",
            "2020-03-11T21:00:00Z",
            "2020-03-11T21:00:00.5+03:30",
        ] {
            let dt: toml::value::Datetime = s.parse().unwrap();
            assert_eq!(
                Timestamp::from_toml(&dt).unwrap(),
                Timestamp::parse(s).unwrap(),
                "{s}"
            );
        }
        let local: toml::value::Datetime = "2019-12-31T09:15:00".parse().unwrap();
        assert!(Timestamp::from_toml(&local).unwrap_err().contains("offset"));
    }

    #[test]
    fn refuses_a_time_without_offset() {
        let err = Timestamp::parse("2019-12-31T10:00:00").unwrap_err();
        assert!(err.contains("offset"), "{err}");
        assert!(Timestamp::parse("31/12/2019").is_err());
        assert!(Timestamp::parse("2019-02-30").is_err());
    }

    #[test]
    fn as_of_a_date_takes_the_whole_day() {
        let d = AsOf::parse("2020-03-12").unwrap();
        assert!(d.includes(&ts("2020-03-12T23:59:59Z")));
        assert!(d.includes(&ts("2020-03-12")));
        assert!(!d.includes(&ts("2020-03-13T00:00:00Z")));
        // 22:00 in New York on the 12th is 03:00 UTC on the 13th.
        assert!(!d.includes(&ts("2020-03-12T22:00:00-05:00")));
        let t = AsOf::parse("2020-03-12T12:00:00Z").unwrap();
        assert!(t.includes(&ts("2020-03-12")));
        assert!(t.includes(&ts("2020-03-12T12:00:00Z")));
        assert!(!t.includes(&ts("2020-03-12T12:00:01Z")));
    }

    #[test]
    fn utc_string() {
        assert_eq!(
            ts("2019-12-31T09:15:00-05:00").to_utc_string(),
            "2019-12-31T14:15:00Z"
        );
        assert_eq!(ts("2019-12-31").to_utc_string(), "2019-12-31");
    }
}
