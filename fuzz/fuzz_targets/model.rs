//! Any bytes as a model file: parsing and validation never panic, and a
//! model they accept reads back unchanged from the RON the app writes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use maturity_workshop::fuzzing::check_model_file;

fuzz_target!(|data: &[u8]| check_model_file(data));
