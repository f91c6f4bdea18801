//! gloss's link stage: the site [`graph`] of backlinks, sidebars and prior incidents.

pub mod graph;

use gloss_core::{model, urls};
