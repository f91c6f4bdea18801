//! gloss's render stage: the theme, the pages, feeds, search index and data files, handed
//! to the output sink one by one.

pub mod network;
pub mod render;

use gloss_annotate::annotate;
#[cfg(test)]
use gloss_core::testing;
use gloss_core::{diagnostics, model, output, scratch, urls};
use gloss_link::graph;
use gloss_load::config;
#[cfg(test)]
use gloss_load::{article, load, resolve};
use gloss_map::map;
use gloss_markup::markup;
