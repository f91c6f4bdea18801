//! gloss's render stage: the theme, the pages, feeds, search index and data files, handed
//! to the output sink one by one.

pub mod render;

use gloss_annotate::annotate;
use gloss_core::{diagnostics, model, output, scratch, urls};
use gloss_link::graph;
#[cfg(test)]
use gloss_load::{article, load, resolve};
use gloss_load::config;
use gloss_map::map;
use gloss_markup::markup;
