//! The state shared by the connections and the rebuilder: the last good site, whether the
//! latest build failed, and the browsers listening for news of the next build. A rebuild
//! swaps in a whole new state at once, so a request never sees half of two builds.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use super::site::SiteFiles;

/// What the server shows right now.
#[derive(Debug)]
pub struct Current {
    /// The last site that built.
    pub site: Arc<SiteFiles>,
    /// Counts successful builds, so a page knows whether it is out of date.
    pub build: u64,
    /// The diagnostics of the latest build, if it failed.
    pub error: Option<String>,
}

/// News for the browsers, sent as Server-Sent Events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// A build succeeded: reload the page.
    Reload,
    /// A build failed: show why.
    Error(String),
}

impl Message {
    /// The event as it goes on the wire; each line of an error is its own `data:` line, which
    /// the browser joins back with newlines.
    pub fn to_event(&self) -> String {
        match self {
            Message::Reload => "data: reload\n\n".to_string(),
            Message::Error(text) => {
                let mut event = String::new();
                for (i, line) in text.trim_end().lines().enumerate() {
                    let prefix = if i == 0 { "error " } else { "" };
                    event.push_str(&format!("data: {prefix}{line}\n"));
                }
                if event.is_empty() {
                    event.push_str("data: error\n");
                }
                event.push('\n');
                event
            }
        }
    }
}

/// The shared state.
#[derive(Debug)]
pub struct Live {
    current: RwLock<Arc<Current>>,
    listeners: Mutex<Vec<Sender<Message>>>,
}

impl Live {
    /// Starts with the first build's outcome: a site, or (when even the first build failed)
    /// an empty site and the error.
    pub fn new(site: SiteFiles, error: Option<String>) -> Live {
        let current = Current {
            site: Arc::new(site),
            build: 1,
            error,
        };
        Live {
            current: RwLock::new(Arc::new(current)),
            listeners: Mutex::new(Vec::new()),
        }
    }

    /// The state to answer one request from.
    pub fn current(&self) -> Arc<Current> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Serves a new build and tells every browser to reload.
    pub fn succeeded(&self, site: SiteFiles) {
        let build = self.current().build + 1;
        self.swap(Current {
            site: Arc::new(site),
            build,
            error: None,
        });
        self.broadcast(&Message::Reload);
    }

    /// Serves the rest of a build whose pages were already announced: same build number,
    /// no reload (the pages are the same; only whole-site files such as the search index
    /// changed).
    pub fn refreshed(&self, site: SiteFiles) {
        let last = self.current();
        self.swap(Current {
            site: Arc::new(site),
            build: last.build,
            error: None,
        });
    }

    /// Keeps serving the last good site and shows every browser why the build failed.
    pub fn failed(&self, error: String) {
        let last = self.current();
        self.swap(Current {
            site: Arc::clone(&last.site),
            build: last.build,
            error: Some(error.clone()),
        });
        self.broadcast(&Message::Error(error));
    }

    /// A channel that receives every later message, until the receiver is dropped.
    pub fn subscribe(&self) -> Receiver<Message> {
        let (sender, receiver) = mpsc::channel();
        self.listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(sender);
        receiver
    }

    fn swap(&self, next: Current) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
    }

    fn broadcast(&self, message: &Message) {
        let mut listeners = self
            .listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // A closed page's receiver is gone: forget it.
        listeners.retain(|listener| listener.send(message.clone()).is_ok());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_keep_the_last_site() {
        let live = Live::new(SiteFiles::default(), None);
        let events = live.subscribe();
        live.failed("error: bad\n  --> content/x.md:3".into());
        assert_eq!(live.current().build, 1);
        assert!(live.current().error.is_some());
        live.succeeded(SiteFiles::default());
        assert_eq!(live.current().build, 2);
        assert!(live.current().error.is_none());
        let received: Vec<Message> = events.try_iter().collect();
        assert_eq!(
            received,
            [
                Message::Error("error: bad\n  --> content/x.md:3".into()),
                Message::Reload
            ]
        );
    }

    #[test]
    fn the_rest_of_a_build_reloads_no_page() {
        let live = Live::new(SiteFiles::default(), None);
        live.succeeded(SiteFiles::default());
        let events = live.subscribe();
        live.refreshed(SiteFiles::default());
        assert_eq!(live.current().build, 2, "pages from build 2 stay current");
        assert!(events.try_recv().is_err(), "no reload for whole-site files");
    }

    #[test]
    fn events_keep_multiline_errors() {
        assert_eq!(Message::Reload.to_event(), "data: reload\n\n");
        assert_eq!(
            Message::Error("a\nb".into()).to_event(),
            "data: error a\ndata: b\n\n"
        );
    }

    #[test]
    fn closed_listeners_are_forgotten() {
        let live = Live::new(SiteFiles::default(), None);
        drop(live.subscribe());
        let kept = live.subscribe();
        live.succeeded(SiteFiles::default());
        assert_eq!(live.listeners.lock().unwrap().len(), 1);
        assert_eq!(kept.try_recv().ok(), Some(Message::Reload));
    }
}
