//! gloss's load and resolve stages: the site's [`config`], reading `content/` ([`load`]),
//! cleaning pasted articles ([`article`]) and turning references into typed ids
//! ([`resolve`]).

pub mod article;
pub mod config;
pub mod load;
pub mod resolve;

#[cfg(test)]
use gloss_core::testing;
use gloss_core::{diagnostics, limits, model, paths, scratch, urls};
use gloss_markup::markup;
