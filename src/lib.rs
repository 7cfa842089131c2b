//! maturity-workshop: run a deployment-maturity workshop on a projector and
//! leave with a roadmap.
//!
//! The domain (`model`, `workshop`, `roadmap`) knows nothing of the GUI, so
//! the app, the exporters and the command line are views of one model.

#[cfg(feature = "app")]
pub mod cli;
pub mod fonts;
pub mod fuzzing;
pub mod markdown;
pub mod model;
pub mod model_md;
#[cfg(feature = "app")]
pub mod pdf;
pub mod portfolio;
pub mod problem;
pub mod roadmap;
pub mod storage;
#[cfg(feature = "app")]
pub mod text_direction;
#[cfg(feature = "app")]
pub mod ui;
pub mod voting;
pub mod workshop;
