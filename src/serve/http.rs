//! Just enough HTTP/1.1 for a preview server on the loopback interface: request heads in
//! (parsed by `httparse`, the parser hyper uses), responses out. Bodies of requests are
//! never read (only GET and HEAD are served), so a request that announces one ends the
//! connection rather than desynchronising it.
//!
//! Why not a whole server crate such as `tiny_http`: its accepting loop and thread pool are
//! its own and grow without bound, so it cannot turn the 65th idle connection away with a
//! `503` before that connection sends anything (see `limit`); the accepting loop and the
//! thread per connection stay ours, and only the parsing is delegated.

use std::io::{self, BufRead, Read, Write};

/// The largest request head accepted; browsers send a few hundred bytes.
const MAX_HEAD: u64 = 16 * 1024;

/// The parts of a request the server acts on.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target as sent (`/briefs/x/?q=1`).
    pub target: String,
    /// Whether the client lets the connection carry another request.
    pub keep_alive: bool,
}

/// Why no request could be read.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection (or went quiet) between requests.
    Closed,
    /// The head is longer than [`MAX_HEAD`].
    TooLarge,
    /// Not an HTTP/1.x request.
    Malformed,
}

/// Reads one request head from the connection and parses it with `httparse`.
pub fn read_request(reader: &mut impl BufRead) -> Result<Request, ReadError> {
    let mut head: Vec<u8> = Vec::new();
    loop {
        let remaining = MAX_HEAD.saturating_sub(head.len() as u64);
        if remaining == 0 {
            return Err(ReadError::TooLarge);
        }
        let line_start = head.len();
        match reader.by_ref().take(remaining).read_until(b'\n', &mut head) {
            // The client closed the connection (or went quiet) before the head ended.
            Ok(0) => return Err(ReadError::Closed),
            Ok(_) => {}
            Err(_) => return Err(ReadError::Closed),
        }
        if !head.ends_with(b"\n") {
            return Err(if head.len() as u64 >= MAX_HEAD {
                ReadError::TooLarge
            } else {
                ReadError::Closed
            });
        }
        let line = &head[line_start..];
        if line == b"\r\n" || line == b"\n" {
            // RFC 9112 asks servers to ignore empty lines before a request line.
            if line_start == 0 {
                head.clear();
                continue;
            }
            break;
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return Err(ReadError::TooLarge),
        Ok(httparse::Status::Partial) | Err(_) => return Err(ReadError::Malformed),
    }
    let (Some(method), Some(target), Some(version)) = (parsed.method, parsed.path, parsed.version)
    else {
        return Err(ReadError::Malformed);
    };
    let mut keep_alive = version == 1;
    for header in parsed.headers.iter() {
        let value = String::from_utf8_lossy(header.value);
        let value = value.trim();
        match header.name.to_ascii_lowercase().as_str() {
            "connection" => {
                let tokens = value.to_ascii_lowercase();
                if tokens.split(',').any(|t| t.trim() == "close") {
                    keep_alive = false;
                } else if tokens.split(',').any(|t| t.trim() == "keep-alive") {
                    keep_alive = true;
                }
            }
            "content-length" if value != "0" => keep_alive = false,
            "transfer-encoding" => keep_alive = false,
            _ => {}
        }
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
    })
}

/// A complete response, written with an exact `Content-Length`.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers besides the length and connection ones.
    pub headers: Vec<(&'static str, String)>,
    /// Body (left out for HEAD requests, though its length is still announced).
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a content type and body.
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    /// A short plain-text response, for errors that have no page of their own.
    pub fn text(status: u16, message: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            format!("{message}\n").into_bytes(),
        )
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// Sends the response; `head_only` for HEAD requests.
    pub fn write_to(
        &self,
        out: &mut impl Write,
        head_only: bool,
        keep_alive: bool,
    ) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        // The preview must always show the latest build, never a cached one.
        head.push_str("Cache-Control: no-store\r\n");
        let connection = if keep_alive { "keep-alive" } else { "close" };
        head.push_str(&format!("Connection: {connection}\r\n\r\n"));
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

/// The reason phrase of the status codes this server sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// A request target split into its decoded path (without the leading `/`) and its raw query.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    /// Percent-decoded, `/`-separated, no leading `/`.
    pub path: String,
    /// What followed `?`, undecoded, without the `?`.
    pub query: Option<String>,
}

/// Splits and decodes a request target. `None` for anything that is not an origin-form path
/// in UTF-8, or that tries to leave the site with `..`.
pub fn parse_target(target: &str) -> Option<Target> {
    let target = target.split('#').next().unwrap_or("");
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query.to_string())),
        None => (target, None),
    };
    let path = percent_decode(path.strip_prefix('/')?)?;
    let escapes = path
        .split('/')
        .any(|segment| segment == ".." || segment == ".");
    if escapes || path.contains(['\\', '\0']) {
        return None;
    }
    Some(Target { path, query })
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Request, ReadError> {
        read_request(&mut io::Cursor::new(text.as_bytes().to_vec()))
    }

    #[test]
    fn reads_request_heads() {
        let request = read("GET /a/?q=1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.target, "/a/?q=1");
        assert!(request.keep_alive);
        assert!(
            !read("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        assert!(!read("GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(
            !read("GET / HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody")
                .unwrap()
                .keep_alive
        );
        assert!(matches!(read("GARBAGE\r\n\r\n"), Err(ReadError::Malformed)));
        assert!(matches!(
            read("GET / HTTP/2.0\r\n\r\n"),
            Err(ReadError::Malformed)
        ));
        assert!(matches!(
            read("GET / HTTP/1.1\r\nNo colon\r\n\r\n"),
            Err(ReadError::Malformed)
        ));
        // Empty lines before the request line are skipped; bare LF line ends are read.
        assert_eq!(
            read("\r\n\r\nGET /x HTTP/1.1\r\n\r\n").unwrap().target,
            "/x"
        );
        assert!(!read("GET / HTTP/1.0\n\n").unwrap().keep_alive);
        assert!(matches!(
            read("GET / HTTP/1.1\r\nHost: x\r\n"),
            Err(ReadError::Closed)
        ));
        assert!(matches!(read(""), Err(ReadError::Closed)));
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(20_000));
        assert!(matches!(read(&huge), Err(ReadError::TooLarge)));
    }

    #[test]
    fn targets_are_decoded_and_confined() {
        let target = parse_target("/briefs/a%20b/?x=1#top").unwrap();
        assert_eq!(target.path, "briefs/a b/");
        assert_eq!(target.query.as_deref(), Some("x=1"));
        assert_eq!(parse_target("/").unwrap().path, "");
        assert!(parse_target("/../etc/passwd").is_none());
        assert!(parse_target("/a/%2e%2e/%2e%2e/secret").is_none());
        assert!(parse_target("/a/..").is_none());
        assert!(parse_target("/a%5c..%5cb").is_none());
        assert!(parse_target("/bad%zz").is_none());
        assert!(parse_target("http://elsewhere/").is_none());
    }

    #[test]
    fn responses_announce_their_length() {
        let mut out = Vec::new();
        Response::text(404, "gone")
            .write_to(&mut out, true, false)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"));
        assert!(text.contains("Content-Length: 5\r\n"));
        assert!(text.contains("Connection: close\r\n"));
        assert!(text.ends_with("\r\n\r\n"), "HEAD has no body");
    }
}
