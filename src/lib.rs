//! kehoach: a static site generator for a plan portal.
//!
//! The pipeline reads top to bottom: [`load`] → [`frontmatter`] →
//! [`extract`] → [`graph`] → [`render`] → [`output`]. See ARCHITECTURE.md.

pub mod config;
pub mod date;
pub mod diag;
pub mod docnum;
pub mod extract;
pub mod frontmatter;
pub mod kinds;
pub mod model;
pub mod text;
pub mod bodies;
pub mod load;
pub mod parse;
pub mod graph;
pub mod markdown;
pub mod build;
pub mod check;
pub mod cli;
pub mod inspect;
pub mod output;
pub mod render;
