//! gloss's markup: markdown, HTML escaping, shorthand links, TOML errors and did-you-mean
//! hints, shared by every stage that reads or writes text.

pub mod markup;

use gloss_core::{diagnostics, limits, model, urls};
