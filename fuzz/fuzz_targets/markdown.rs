//! Any bytes as a Markdown model document: import never panics, problems
//! point inside the document, and an imported model is a valid model that
//! the app's Markdown export carries back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use maturity_workshop::fuzzing::check_markdown_file;

fuzz_target!(|data: &[u8]| check_markdown_file(data));
