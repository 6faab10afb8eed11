//! A tiny HTTP/1.1 server on 127.0.0.1 for capture tests: fixed replies per
//! path, changeable while it runs, and a log of the paths requested. It
//! never listens on any other address.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Send no Content-Length (the body ends when the connection closes).
    pub no_length: bool,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            ..Reply::default()
        }
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::ok("text/html; charset=utf-8", body)
    }

    pub fn redirect(status: u16, to: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Location".into(), to.into())],
            ..Reply::default()
        }
    }

    pub fn status(mut self, s: u16) -> Reply {
        self.status = s;
        self
    }

    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }
}

pub struct Server {
    pub addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        assert!(addr.ip().is_loopback());
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let hits: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (r, h) = (r.clone(), h.clone());
                std::thread::spawn(move || {
                    let _ = serve(conn, &r, &h);
                });
            }
        });
        Server { addr, routes, hits }
    }

    pub fn route(&self, path: &str, reply: Reply) -> &Self {
        self.routes.lock().unwrap().insert(path.into(), reply);
        self
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The paths requested so far, in order.
    pub fn hits(&self) -> Vec<String> {
        self.hits.lock().unwrap().clone()
    }
}

fn serve(
    conn: TcpStream,
    routes: &Mutex<HashMap<String, Reply>>,
    hits: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // A connection opened ahead of time (a browser's preconnect) and closed
    // without a request is not a request.
    let Some(path) = request_line.split_whitespace().nth(1).map(str::to_string) else {
        return Ok(());
    };
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    hits.lock().unwrap().push(path.clone());
    let reply = routes
        .lock()
        .unwrap()
        .get(&path)
        .cloned()
        .unwrap_or_else(|| {
            Reply::html("<html><body><p>No such page here.</p></body></html>").status(404)
        });
    std::thread::sleep(reply.delay);
    let mut conn = conn;
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !reply.no_length {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    head.push_str("\r\n");
    conn.write_all(head.as_bytes())?;
    conn.write_all(&reply.body)?;
    conn.flush()
}
