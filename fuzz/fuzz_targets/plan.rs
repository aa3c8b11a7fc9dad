//! `dsplan_engine::plan` on arbitrary input files (`snapshot \0 proposed`). Errors are input
//! errors naming one of the files; planning twice gives equal reports; reports serialise.
#![no_main]

use dsplan_engine::Options;
use dsplan_fuzz::{check_plan, inputs, segments};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(segments) = segments(data) else {
        return;
    };
    let inputs = inputs(&segments);
    let options = Options::default();
    check_plan(&inputs, &options);
});
