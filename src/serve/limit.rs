//! A cap on open connections. Each connection has a thread of its own and may stay open
//! (kept alive, or holding a live-reload stream), so without a cap a client that opens
//! connections and never finishes a request could start threads until the machine gives
//! out. Past the cap, new connections get a short `503` and are closed at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many connections `gloss serve` keeps at once: many tabs of live-reload streams and
/// a browser's parallel requests, far below what threads a machine can hold.
pub const MAX_CONNECTIONS: usize = 64;

/// The connection slots shared by the accepting loop and the connection threads.
#[derive(Debug)]
pub struct Slots {
    used: AtomicUsize,
    max: usize,
}

/// One taken slot, given back when dropped (when the connection's thread ends).
#[derive(Debug)]
pub struct Slot(Arc<Slots>);

impl Slots {
    /// `max` slots, none taken.
    pub fn new(max: usize) -> Arc<Slots> {
        Arc::new(Slots {
            used: AtomicUsize::new(0),
            max,
        })
    }

    /// A slot, or none when all are taken.
    pub fn take(self: &Arc<Self>) -> Option<Slot> {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                (used < self.max).then_some(used + 1)
            })
            .ok()
            .map(|_| Slot(Arc::clone(self)))
    }

    /// How many slots are taken.
    #[cfg(test)]
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.used.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_run_out_and_come_back() {
        let slots = Slots::new(2);
        let a = slots.take();
        let b = slots.take();
        assert!(a.is_some() && b.is_some());
        assert!(slots.take().is_none());
        drop(a);
        assert_eq!(slots.used(), 1);
        let c = slots.take();
        assert!(c.is_some());
        drop((b, c));
        assert_eq!(slots.used(), 0);
    }
}
