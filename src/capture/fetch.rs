//! Fetching a page: one GET per hop, redirects followed by hand so every hop
//! is recorded and checked (scheme, credentials, loops), within the limits of
//! factcheck.toml's `[capture]` table. Nothing here writes a file.

use super::url::{check, checked};
use crate::error::{Error, Result};
use crate::model::config::CaptureLimits;
use crate::model::records::Redirect;
use std::time::{Duration, Instant};
use url::Url;

/// What the server answered, after the last redirect.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub requested_url: String,
    pub final_url: String,
    /// Each hop that answered with a redirect, from the requested URL on.
    pub redirects: Vec<Redirect>,
    pub status: u16,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body: Vec<u8>,
}

impl Fetched {
    /// Whether the final answer was a success (2xx).
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The User-Agent sent with every request.
pub fn user_agent() -> String {
    format!(
        "factcheck/{} (archiving a page for a fact-check)",
        env!("CARGO_PKG_VERSION")
    )
}

/// Fetches `raw_url`, following up to `limits.max_redirects` redirects.
/// Any status is returned (the caller decides what a 404 means); what stops
/// the fetch itself is an `Error::Fetch`.
pub fn fetch(raw_url: &str, limits: &CaptureLimits) -> Result<Fetched> {
    let start = checked(raw_url)?;
    let deadline = Instant::now() + Duration::from_secs(limits.timeout_s);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(user_agent())
        .build()
        .into();
    let mut url = start.clone();
    let mut redirects: Vec<Redirect> = Vec::new();
    loop {
        let remaining = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| timed_out(limits))?;
        let mut resp = agent
            .get(url.as_str())
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(|e| failed(&e, &url, limits))?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if (300..400).contains(&status)
            && let Some(location) = header("location")
        {
            let next = url.join(location.trim()).map_err(|_| {
                Error::Fetch(format!(
                    "{} redirected ({status}) to {location:?}, which is not a URL",
                    url
                ))
            })?;
            check(&next)?;
            redirects.push(Redirect {
                url: url.to_string(),
                status,
            });
            if redirects.iter().any(|r| r.url == next.as_str()) {
                let hops: Vec<&str> = redirects.iter().map(|r| r.url.as_str()).collect();
                return Err(Error::Fetch(format!(
                    "redirect loop: {} -> {next}; nothing was written",
                    hops.join(" -> ")
                )));
            }
            if redirects.len() > limits.max_redirects as usize {
                return Err(Error::Fetch(format!(
                    "too many redirects (more than {}) from {start}; nothing was written (raise [capture] max_redirects in factcheck.toml if the chain is legitimate)",
                    limits.max_redirects
                )));
            }
            url = next;
            continue;
        }
        let too_large = || {
            Error::Fetch(format!(
                "{url} is larger than the capture limit of {} bytes; nothing was written (raise [capture] max_bytes in factcheck.toml)",
                limits.max_bytes
            ))
        };
        if header("content-length")
            .and_then(|l| l.trim().parse::<u64>().ok())
            .is_some_and(|l| l > limits.max_bytes)
        {
            return Err(too_large());
        }
        let content_type = header("content-type");
        let etag = header("etag");
        let last_modified = header("last-modified");
        let body = resp
            .body_mut()
            .with_config()
            .limit(limits.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_large(),
                e => failed(&e, &url, limits),
            })?;
        return Ok(Fetched {
            requested_url: start.to_string(),
            final_url: url.to_string(),
            redirects,
            status,
            content_type,
            etag,
            last_modified,
            body,
        });
    }
}

fn timed_out(limits: &CaptureLimits) -> Error {
    Error::Fetch(format!(
        "the page did not arrive within {} s; nothing was written (raise [capture] timeout_s in factcheck.toml, or save the page and use --html-file)",
        limits.timeout_s
    ))
}

/// A transport error in words a user can act on.
fn failed(e: &ureq::Error, url: &Url, limits: &CaptureLimits) -> Error {
    let host = url.host_str().unwrap_or("the host");
    match e {
        ureq::Error::Timeout(_) => timed_out(limits),
        ureq::Error::HostNotFound => Error::Fetch(format!(
            "could not find the host {host}; check the URL and the network"
        )),
        ureq::Error::ConnectionFailed | ureq::Error::Io(_) => {
            Error::Fetch(format!("could not reach {host} ({e}); nothing was written"))
        }
        ureq::Error::Tls(_) => Error::Fetch(format!(
            "the secure connection to {host} failed ({e}); nothing was written"
        )),
        other => Error::Fetch(format!(
            "fetching {url} failed: {other}; nothing was written"
        )),
    }
}
