//! `gloss serve` as a child process, for the integration tests and the serve benchmark
//! (`benches/serve.rs` includes this file): started on a free loopback port, its output
//! read line by line, killed when dropped however the test ends.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `gloss serve`.
pub struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    /// The line that said where the site is served.
    pub serving: String,
    /// The port on 127.0.0.1 it chose.
    pub port: u16,
}

/// One HTTP response.
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The status line and headers.
    pub head: String,
    /// The body, as sent.
    pub body: Vec<u8>,
}

impl Response {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A connection to `port` on loopback, with timeouts so a test cannot hang on it.
pub fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to loopback");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
}

impl Server {
    /// Starts `gloss serve --port 0` on `site` and waits up to `first_build` for the line
    /// that says where it serves.
    pub fn start(site: &Path, first_build: Duration) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .arg("--root")
            .arg(site)
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("gloss serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            lines,
            serving: String::new(),
            port: 0,
        };
        server.serving = server.line_with("Serving", first_build);
        server.port = server
            .serving
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|port| port.parse().ok())
            .expect("a port in the Serving line");
        server
    }

    /// Waits up to `wait` for a line of output that contains `text`, skipping the others.
    pub fn line_with(&self, text: &str, wait: Duration) -> String {
        let deadline = Instant::now() + wait;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("gloss serve printed no line with {text:?}");
    }

    /// Forgets the lines printed so far.
    pub fn skip_lines(&self) {
        while self.lines.try_recv().is_ok() {}
    }

    /// One GET of `path` (starting with `/`) on its own connection.
    pub fn get(&self, path: &str) -> Response {
        let mut stream = connect(self.port);
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .expect("read the response");
        let end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map_or(response.len(), |at| at + 4);
        let head = String::from_utf8_lossy(&response[..end]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        Response {
            status,
            head,
            body: response[end..].to_vec(),
        }
    }
}
