//! gloss's write stage: stages the rendered files beside the output folder and swaps them
//! in only once everything rendered (a failed build leaves the previous site in place).

pub mod write;

use gloss_core::{diagnostics, output, paths};
