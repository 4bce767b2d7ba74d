//! kehoach: a static site generator for a plan portal.
//!
//! The pipeline reads top to bottom: [`load`] → [`frontmatter`] →
//! [`extract`] → [`graph`] → [`render`] → [`publish`]. See ARCHITECTURE.md.

pub mod bodies;
pub mod build;
pub mod build_date;
pub mod check;
pub mod cli;
pub mod collate;
pub mod config;
pub mod date;
pub mod datecheck;
pub mod deadline;
pub mod diag;
pub mod docnum;
pub mod extract;
pub mod frontmatter;
pub mod gitpub;
pub mod graph;
pub mod ics;
pub mod import;
pub mod inspect;
pub mod kept;
pub mod kinds;
pub mod layout;
pub mod lazytext;
pub mod load;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod outfile;
pub mod parse;
pub mod paths;
pub mod progress;
pub mod publish;
pub mod readcache;
pub mod render;
pub mod retext;
pub mod scaffold;
pub mod serve;
pub mod text;
pub mod tracking;
pub mod unchanged;
pub mod warm;
pub mod withhold;
