//! `dsplan_snapshot::parse` and `dsplan_snapshot::validate` on arbitrary text (YAML or JSON: the
//! reader picks by content). Errors must name the file and a line in it; reading twice gives the
//! same snapshot.
#![no_main]

use dsplan_fuzz::{check_input_error, SNAPSHOT_FILE};
use dsplan_snapshot::{Input, Role};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for role in [Role::Snapshot, Role::Proposed] {
        let inputs = [Input {
            name: SNAPSHOT_FILE,
            text,
            role,
        }];
        match dsplan_snapshot::parse(&inputs) {
            // `Snapshot` has no `PartialEq`; its debug text shows every field.
            Ok(snapshot) => assert_eq!(
                format!("{:?}", dsplan_snapshot::parse(&inputs).ok()),
                format!("{:?}", Some(snapshot)),
                "reading twice differs"
            ),
            Err(error) => check_input_error(&error, &inputs),
        }
        if let Err(error) = dsplan_snapshot::validate(&inputs) {
            check_input_error(&error, &inputs);
        }
    }
});
