//! gloss's annotate stage: mentions, notes and paragraph ids put into each article.

pub mod annotate;

#[cfg(test)]
use gloss_core::testing;
use gloss_core::{diagnostics, limits, model, urls};
use gloss_load::config;
use gloss_markup::markup;
