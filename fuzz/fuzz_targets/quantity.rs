//! `dsplan_model::Quantity::parse` on arbitrary text. A parsed quantity converts without panic,
//! prints as a quantity that parses back to itself, and its negation is exact.
#![no_main]

use dsplan_model::Quantity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(quantity) = Quantity::parse(text) else {
        return;
    };
    let _ = (quantity.value(), quantity.milli_value(), quantity.is_zero());
    let _ = quantity + quantity;
    let printed = quantity.to_string();
    assert_eq!(
        Quantity::parse(&printed),
        Ok(quantity),
        "{text:?} prints as {printed:?}, which does not parse back"
    );
    let trimmed = text.trim();
    if !trimmed.starts_with(['+', '-']) {
        let negated = Quantity::parse(&format!("-{trimmed}"))
            .unwrap_or_else(|error| panic!("-{trimmed:?} does not parse: {error}"));
        assert_eq!(
            negated + quantity,
            Quantity::ZERO,
            "-({trimmed}) is not the negation"
        );
    }
});
