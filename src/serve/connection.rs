//! One browser connection: requests answered from the current build until the browser
//! closes it, or a stream of build events held open for a live-reload script.

use std::io::{self, BufReader, Write};
use std::net::TcpStream;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use super::http::{self, ReadError, Response, Target};
use super::inject::{SCRIPT, SCRIPT_PATH, inject};
use super::live::{Current, Live, Message};
use super::mime;
use super::site::{Body, Resolved};

/// The path of the event stream, outside any path a site can have (slugs cannot start
/// with `_`).
pub const EVENTS_PATH: &str = "__gloss/events";

/// How long an idle kept-alive connection is held.
const IDLE: Duration = Duration::from_secs(30);
/// How often an event stream is pinged, which also notices pages that went away.
const PING: Duration = Duration::from_secs(15);

/// Serves one connection until it closes; errors only mean the browser went away.
pub fn handle(stream: TcpStream, live: &Live) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(IDLE))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let request = match http::read_request(&mut reader) {
            Ok(request) => request,
            Err(ReadError::Closed) => return Ok(()),
            Err(ReadError::TooLarge) => {
                let response = Response::text(431, "request head too large");
                return response.write_to(&mut writer, false, false);
            }
            Err(ReadError::Malformed) => {
                let response = Response::text(400, "not an HTTP/1.1 request");
                return response.write_to(&mut writer, false, false);
            }
        };
        let head_only = request.method == "HEAD";
        if request.method != "GET" && !head_only {
            let response = Response::text(405, "gloss serve only answers GET and HEAD")
                .with_header("Allow", "GET, HEAD");
            return response.write_to(&mut writer, false, false);
        }
        let Some(target) = http::parse_target(&request.target) else {
            let response = Response::text(400, "bad path");
            return response.write_to(&mut writer, head_only, false);
        };
        if target.path == EVENTS_PATH && !head_only {
            return stream_events(writer, live, &target);
        }
        let response = if target.path == SCRIPT_PATH {
            Response::new(
                200,
                mime::content_type("live.js"),
                SCRIPT.as_bytes().to_vec(),
            )
        } else {
            respond(&live.current(), &target)
        };
        response.write_to(&mut writer, head_only, request.keep_alive)?;
        if !request.keep_alive {
            return Ok(());
        }
    }
}

/// The response to a request for a site path.
fn respond(current: &Current, target: &Target) -> Response {
    match current.site.resolve(&target.path) {
        Resolved::File(name, body) => file_response(current, 200, name, body),
        Resolved::Redirect(to) => {
            let to = match &target.query {
                Some(query) => format!("{to}?{query}"),
                None => to,
            };
            Response::text(301, &format!("moved to {to}")).with_header("Location", to)
        }
        Resolved::NotFound(Some(page)) => file_response(current, 404, "404.html", page),
        Resolved::NotFound(None) if current.error.is_some() => {
            let page = b"<!doctype html><title>Build failed</title><body></body>";
            let html = inject(page, current.build, current.error.as_deref());
            Response::new(404, mime::content_type("x.html"), html)
        }
        Resolved::NotFound(None) => Response::text(404, "not found"),
    }
}

fn file_response(current: &Current, status: u16, name: &str, body: &Body) -> Response {
    let bytes = match body.read() {
        Ok(bytes) => bytes,
        // A bundle file removed since the last build.
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Response::text(404, "not found"),
        Err(e) => return Response::text(500, &format!("cannot read {name}: {e}")),
    };
    let content_type = mime::content_type(name);
    let bytes = if mime::is_html(name) {
        inject(&bytes, current.build, current.error.as_deref())
    } else {
        bytes.into_owned()
    };
    Response::new(status, content_type, bytes)
}

/// Holds the connection open and sends build events until the page goes away. A page that
/// connects with an older build number than the current one is told to reload at once, so
/// a rebuild that finished while it was loading is not missed.
fn stream_events(mut writer: TcpStream, live: &Live, target: &Target) -> io::Result<()> {
    let messages = live.subscribe();
    let current = live.current();
    writer.set_write_timeout(Some(PING))?;
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    writer.write_all(head.as_bytes())?;
    writer.write_all(b"retry: 1000\n\n")?;
    let page_build = target
        .query
        .as_deref()
        .and_then(|query| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("build="))
        })
        .and_then(|build| build.parse::<u64>().ok());
    if page_build.is_some_and(|build| build != current.build) {
        writer.write_all(Message::Reload.to_event().as_bytes())?;
    } else if let Some(error) = &current.error {
        let message = Message::Error(error.clone());
        writer.write_all(message.to_event().as_bytes())?;
    }
    writer.flush()?;
    loop {
        match messages.recv_timeout(PING) {
            Ok(message) => writer.write_all(message.to_event().as_bytes())?,
            Err(RecvTimeoutError::Timeout) => writer.write_all(b": ping\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        writer.flush()?;
    }
}
