//! Int-or-percent values: scaling (apimachinery `pkg/util/intstr/intstr.go`
//! `GetScaledValueFromIntOrPercent`) and the validation helpers of
//! `pkg/apis/apps/validation/validation.go` (`ValidatePositiveIntOrPercent`,
//! `IsNotMoreThan100Percent`, `getIntOrPercentValue`).

use crate::field_error::{go_quote, regex_error, FieldError, IS_NEGATIVE};
use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_model::FieldPath;

/// Scales an int-or-percent against `total`: an int is returned as is, `"p%"` becomes
/// `ceil(p * total / 100)` (or `floor` without `round_up`), computed in float64 as upstream does.
///
/// Errors carry upstream's text, for example
/// `invalid value for IntOrString: invalid type: string is not a percentage`. A result that does
/// not fit an `i32` is also an error (upstream computes in Go `int`).
pub fn scaled_value_from_int_or_percent(
    value: &IntOrString,
    total: i32,
    round_up: bool,
) -> Result<i32, String> {
    let percent = match value {
        IntOrString::Int(int) => return Ok(*int),
        IntOrString::String(text) => {
            let Some(number) = text.strip_suffix('%') else {
                return Err(
                    "invalid value for IntOrString: invalid type: string is not a percentage"
                        .to_owned(),
                );
            };
            go_atoi(number).map_err(|error| {
                format!(
                    "invalid value for IntOrString: invalid value {}: {error}",
                    go_quote(text)
                )
            })?
        }
    };
    // Float64 arithmetic as upstream; exact for the magnitudes a DaemonSet sees.
    let scaled = percent as f64 * f64::from(total) / 100.0;
    let rounded = if round_up {
        scaled.ceil()
    } else {
        scaled.floor()
    };
    if rounded >= f64::from(i32::MIN) && rounded <= f64::from(i32::MAX) {
        Ok(rounded as i32)
    } else {
        Err(format!(
            "invalid value for IntOrString: {} of {total} does not fit a 32-bit integer",
            go_quote(&format!("{percent}%"))
        ))
    }
}

/// Go's `strconv.Atoi` on 64-bit platforms, with its error text
/// (`strconv.Atoi: parsing "x": invalid syntax` or `... value out of range`).
pub(crate) fn go_atoi(text: &str) -> Result<i64, String> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            go_quote(text)
        ));
    }
    text.parse::<i64>().map_err(|_| {
        format!(
            "strconv.Atoi: parsing {}: value out of range",
            go_quote(text)
        )
    })
}

/// How the API server prints an int-or-string bad value: `1` or `"20%"` (JSON).
pub(crate) fn render(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(int) => int.to_string(),
        IntOrString::String(text) => json_string(text),
    }
}

fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// The well-formed percent `^[0-9]+%$`, as its number (`getPercentValue`).
fn percent_value(value: &IntOrString) -> Option<i64> {
    let IntOrString::String(text) = value else {
        return None;
    };
    let digits = text.strip_suffix('%')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    go_atoi(digits).ok()
}

/// The numeric reading the exactly-one rule uses (`getIntOrPercentValue`): a valid percent as
/// its number, otherwise `IntValue()`, which is `Atoi` of the whole string or 0 on error.
pub(crate) fn numeric_reading(value: &IntOrString) -> i64 {
    if let Some(percent) = percent_value(value) {
        return percent;
    }
    match value {
        IntOrString::Int(int) => i64::from(*int),
        IntOrString::String(text) => go_atoi(text).unwrap_or(0),
    }
}

/// `ValidatePositiveIntOrPercent`: a string must be a percent, an int must be ≥ 0.
pub(crate) fn validate_positive_int_or_percent(
    value: &IntOrString,
    path: &FieldPath,
) -> Vec<FieldError> {
    match value {
        IntOrString::String(_) if percent_value(value).is_none() => {
            vec![FieldError::invalid(
                path,
                &render(value),
                &regex_error(
                    "a valid percent string must be a numeric string followed by an ending '%'",
                    "[0-9]+%",
                    &["1%", "93%"],
                ),
            )]
        }
        IntOrString::Int(int) if *int < 0 => {
            vec![FieldError::invalid(path, &int.to_string(), IS_NEGATIVE)]
        }
        _ => Vec::new(),
    }
}

/// `IsNotMoreThan100Percent`: a well-formed percent over 100 is invalid; ints are not capped.
pub(crate) fn validate_not_more_than_100_percent(
    value: &IntOrString,
    path: &FieldPath,
) -> Vec<FieldError> {
    match percent_value(value) {
        Some(percent) if percent > 100 => vec![FieldError::invalid(
            path,
            &render(value),
            "must not be greater than 100%",
        )],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> IntOrString {
        IntOrString::String(text.to_owned())
    }

    #[test]
    fn scales_like_upstream() {
        assert_eq!(
            scaled_value_from_int_or_percent(&s("90%"), 95, true),
            Ok(86)
        );
        assert_eq!(
            scaled_value_from_int_or_percent(&s("90%"), 95, false),
            Ok(85)
        );
        assert_eq!(scaled_value_from_int_or_percent(&s("50%"), 3, true), Ok(2));
        assert_eq!(scaled_value_from_int_or_percent(&s("1%"), 0, true), Ok(0));
        assert_eq!(
            scaled_value_from_int_or_percent(&IntOrString::Int(-3), 10, true),
            Ok(-3)
        );
        assert_eq!(
            scaled_value_from_int_or_percent(&s("#%"), 0, false),
            Err("invalid value for IntOrString: invalid value \"#%\": strconv.Atoi: parsing \"#\": invalid syntax".to_owned())
        );
        assert_eq!(
            scaled_value_from_int_or_percent(&s("90"), 0, false),
            Err(
                "invalid value for IntOrString: invalid type: string is not a percentage"
                    .to_owned()
            )
        );
    }

    #[test]
    fn reads_malformed_strings_as_atoi_or_zero() {
        assert_eq!(numeric_reading(&s("abc")), 0);
        assert_eq!(numeric_reading(&s("5")), 5);
        assert_eq!(numeric_reading(&s("7%")), 7);
        assert_eq!(numeric_reading(&s("-7%")), 0);
    }

    proptest::proptest! {
        #[test]
        fn percent_rounding_matches_integer_formula(p in 0i32..=100, total in 0i32..100_000) {
            let up = scaled_value_from_int_or_percent(&s(&format!("{p}%")), total, true);
            let down = scaled_value_from_int_or_percent(&s(&format!("{p}%")), total, false);
            let product = i64::from(p) * i64::from(total);
            proptest::prop_assert_eq!(up.map(i64::from), Ok((product + 99) / 100));
            proptest::prop_assert_eq!(down.map(i64::from), Ok(product / 100));
        }
    }
}
