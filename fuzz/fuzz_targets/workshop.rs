//! Any bytes as a workshop file: parsing, migration and validation never
//! panic, and a workshop they accept reads back unchanged once saved.
#![no_main]

use libfuzzer_sys::fuzz_target;
use maturity_workshop::fuzzing::check_workshop_file;

fuzz_target!(|data: &[u8]| check_workshop_file(data));
