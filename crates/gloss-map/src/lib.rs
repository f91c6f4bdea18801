//! gloss's world map: the embedded outline, place-name lookup and the drawing of located
//! places, used by the map page and by `gloss check`'s coaching.

pub mod map;

use gloss_core::diagnostics;
use gloss_markup::markup;
