//! `dsplan_engine::rollout` on arbitrary input files and options
//! (`snapshot \0 proposed \0 options`, see `RolloutSpec`): timings, and what-if edits (add,
//! remove, label, taint nodes). Errors are input or what-if errors; simulating twice gives
//! equal reports; reports serialise.
#![no_main]

use dsplan_engine::Options;
use dsplan_fuzz::{check_engine_error, check_serialises, inputs, segments, RolloutSpec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(segments) = segments(data) else {
        return;
    };
    let mut inputs = inputs(&segments);
    let spec = RolloutSpec::parse(segments.get(2).copied().unwrap_or_default());
    let add: Vec<_> = spec.add.into_iter().collect();
    let what_if = spec.what_if(&add);
    let options = Options::default();
    let first = dsplan_engine::rollout(&inputs, &options, &spec.options, &what_if);
    match &first {
        Ok(report) => {
            check_serialises(report);
            let again = dsplan_engine::rollout(&inputs, &options, &spec.options, &what_if);
            assert_eq!(
                again.as_ref().ok(),
                Some(report),
                "simulating twice differs"
            );
        }
        Err(error) => {
            inputs.extend(add.iter().copied());
            check_engine_error(error, &inputs, !what_if.is_empty());
        }
    }
});
