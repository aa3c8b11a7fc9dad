//! `dsplan_engine::plan` on arbitrary input files (`snapshot \0 proposed`). Errors are input
//! errors naming one of the files; planning twice gives equal reports; reports serialise.
#![no_main]

use dsplan_engine::Options;
use dsplan_fuzz::{check_engine_error, check_serialises, inputs, segments};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(segments) = segments(data) else {
        return;
    };
    let inputs = inputs(&segments);
    let options = Options::default();
    match dsplan_engine::plan(&inputs, &options) {
        Ok(report) => {
            check_serialises(&report);
            assert_eq!(
                dsplan_engine::plan(&inputs, &options).ok(),
                Some(report),
                "planning twice differs"
            );
        }
        Err(error) => check_engine_error(&error, &inputs, false),
    }
});
