//! Exact resource quantities, as `k8s.io/apimachinery/pkg/api/resource` parses and rounds them.
//!
//! Upstream `resource.ParseQuantity` accepts `<signed number><suffix>` where the suffix is a
//! binary SI suffix (`Ki`..`Ei`), a decimal SI suffix (`n`, `u`, `m`, ``, `k`, `M`..`E`) or a
//! decimal exponent (`e3`, `E-2`). Values are kept exactly in nano-units (10^-9) so that sums
//! are exact, and converted once with upstream's rounding: `MilliValue()` and `Value()` both
//! round away from zero. Values with more than nine fractional digits are rounded up to the next
//! nano-unit, as upstream's `Quantity` keeps at most nano precision.

use std::fmt;
use std::ops::{Add, AddAssign};

/// The message the API server gives for a quantity that is not of the quantity grammar
/// (`resource.ErrFormatWrong`).
pub const FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const NANO: i128 = 1_000_000_000;

/// Why a quantity string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QuantityError {
    /// The text is not of the quantity grammar (`resource.ErrFormatWrong`).
    #[error("{FORMAT_WRONG}")]
    FormatWrong,
    /// The number is fine but the suffix is unknown (`resource.ErrSuffix`).
    #[error("unable to parse quantity's suffix")]
    Suffix,
    /// The value does not fit the range dsplan computes in (about ±1.7e29).
    #[error("quantity is too large to compute with")]
    TooLarge,
}

/// A resource quantity held exactly, in nano-units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity {
    nanos: i128,
}

impl Quantity {
    /// Zero.
    pub const ZERO: Quantity = Quantity { nanos: 0 };

    /// Parses a quantity string such as `100m`, `1.5Gi` or `2e3`.
    pub fn parse(text: &str) -> Result<Self, QuantityError> {
        let text = text.trim();
        let (negative, rest) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let number_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let (number, suffix) = rest.split_at(number_len);
        let (int_part, frac_part) = match number.split_once('.') {
            Some((i, f)) if !f.contains('.') => (i, f),
            Some(_) => return Err(QuantityError::FormatWrong),
            None => (number, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(QuantityError::FormatWrong);
        }
        let mantissa = digits_value(int_part, frac_part)?;
        let frac_digits = i32::try_from(frac_part.len()).map_err(|_| QuantityError::TooLarge)?;
        let (base2_shift, base10_exp) = parse_suffix(suffix)?;
        // value = mantissa * 10^(base10_exp - frac_digits) * 2^base2_shift, in units; times 10^9.
        let exp = base10_exp
            .checked_sub(frac_digits)
            .and_then(|e| e.checked_add(9))
            .ok_or(QuantityError::TooLarge)?;
        let nanos = scale(mantissa, base2_shift, exp)?;
        Ok(Self {
            nanos: if negative { -nanos } else { nanos },
        })
    }

    /// A quantity of `units` whole units (for example bytes, or pods).
    pub fn from_units(units: i64) -> Self {
        Self {
            nanos: i128::from(units) * NANO,
        }
    }

    /// A quantity of `millis` thousandths (for example millicores).
    pub fn from_millis(millis: i64) -> Self {
        Self {
            nanos: i128::from(millis) * 1_000_000,
        }
    }

    /// `ceil(q * 1000)` away from zero, saturated to `i64` (upstream `Quantity.MilliValue`).
    pub fn milli_value(self) -> i64 {
        round_away(self.nanos, 1_000_000)
    }

    /// `ceil(q)` away from zero, saturated to `i64` (upstream `Quantity.Value`).
    pub fn value(self) -> i64 {
        round_away(self.nanos, 1_000_000_000)
    }

    /// Whether the quantity is zero.
    pub fn is_zero(self) -> bool {
        self.nanos == 0
    }

    /// The larger of two quantities.
    #[must_use]
    pub fn max(self, other: Self) -> Self {
        if other.nanos > self.nanos {
            other
        } else {
            self
        }
    }
}

impl Add for Quantity {
    type Output = Quantity;
    fn add(self, rhs: Self) -> Self {
        Self {
            nanos: self.nanos.saturating_add(rhs.nanos),
        }
    }
}

impl AddAssign for Quantity {
    fn add_assign(&mut self, rhs: Self) {
        *self = *self + rhs;
    }
}

impl fmt::Display for Quantity {
    /// Prints the value in whole units when exact, otherwise in milli-units (`1500m`) or nanos.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.nanos % NANO == 0 {
            write!(f, "{}", self.nanos / NANO)
        } else if self.nanos % 1_000_000 == 0 {
            write!(f, "{}m", self.nanos / 1_000_000)
        } else {
            write!(f, "{}n", self.nanos)
        }
    }
}

/// Returns `(binary shift, decimal exponent)` for a suffix.
fn parse_suffix(suffix: &str) -> Result<(u32, i32), QuantityError> {
    let binary = |shift| Ok((shift, 0));
    let decimal = |exp| Ok((0, exp));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        _ => parse_exponent(suffix),
    }
}

fn parse_exponent(suffix: &str) -> Result<(u32, i32), QuantityError> {
    let Some(exp) = suffix.strip_prefix(['e', 'E']) else {
        return Err(if is_suffix_charset(suffix) {
            QuantityError::Suffix
        } else {
            QuantityError::FormatWrong
        });
    };
    let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if is_suffix_charset(suffix) {
            QuantityError::Suffix
        } else {
            QuantityError::FormatWrong
        });
    }
    let value: i32 = exp.parse().map_err(|_| QuantityError::TooLarge)?;
    Ok((0, value))
}

/// Whether `suffix` matches upstream's suffix pattern `[eEinumkKMGTP]*[-+]?[0-9]*`, so that the
/// failure is a suffix error rather than a format error.
fn is_suffix_charset(suffix: &str) -> bool {
    let letters = suffix
        .bytes()
        .take_while(|b| b"eEinumkKMGTP".contains(b))
        .count();
    let rest = &suffix[letters..];
    let rest = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    rest.bytes().all(|b| b.is_ascii_digit())
}

/// The decimal digits as an integer. Up to 19 digits always fit `u64`, whose multiplication is
/// native on wasm, where every checked `i128` multiply is a software call.
fn digits_value(int_part: &str, frac_part: &str) -> Result<i128, QuantityError> {
    let mut digits = int_part.bytes().chain(frac_part.bytes());
    if int_part.len() + frac_part.len() <= 19 {
        return Ok(i128::from(
            digits.fold(0u64, |value, b| value * 10 + u64::from(b - b'0')),
        ));
    }
    digits.try_fold(0i128, |value, b| {
        value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i128::from(b - b'0')))
            .ok_or(QuantityError::TooLarge)
    })
}

/// `mantissa * 2^base2_shift * 10^exp`, rounded up to a whole nano-unit when `exp < 0`, as
/// upstream keeps at most nano precision. Computed in `u64` when every step fits (the same
/// exact value, with native arithmetic on wasm), otherwise in `i128`.
fn scale(mantissa: i128, base2_shift: u32, exp: i32) -> Result<i128, QuantityError> {
    if let Some(nanos) = u64::try_from(mantissa)
        .ok()
        .and_then(|m| scale_u64(m, base2_shift, exp))
    {
        return Ok(i128::from(nanos));
    }
    let numerator = mantissa
        .checked_mul(1i128 << base2_shift)
        .ok_or(QuantityError::TooLarge)?;
    if exp >= 0 {
        numerator
            .checked_mul(pow10(exp)?)
            .ok_or(QuantityError::TooLarge)
    } else {
        let divisor = pow10(-exp)?;
        Ok(numerator / divisor + i128::from(numerator % divisor != 0))
    }
}

/// [`scale`] in `u64`; `None` when a step does not fit.
fn scale_u64(mantissa: u64, base2_shift: u32, exp: i32) -> Option<u64> {
    let numerator = mantissa.checked_mul(1u64.checked_shl(base2_shift)?)?;
    let power = 10u64.checked_pow(exp.unsigned_abs())?;
    if exp >= 0 {
        numerator.checked_mul(power)
    } else {
        Some(numerator / power + u64::from(numerator % power != 0))
    }
}

fn pow10(exp: i32) -> Result<i128, QuantityError> {
    let exp = u32::try_from(exp).map_err(|_| QuantityError::TooLarge)?;
    10i128.checked_pow(exp).ok_or(QuantityError::TooLarge)
}

/// `nanos / unit` rounded away from zero, saturated to `i64`. Divides in `i64` when `nanos`
/// fits (native on wasm, where `i128` division is a software call).
fn round_away(nanos: i128, unit: i64) -> i64 {
    let (whole, exact) = match i64::try_from(nanos) {
        Ok(n) => (i128::from(n / unit), n % unit == 0),
        Err(_) => (nanos / i128::from(unit), nanos % i128::from(unit) == 0),
    };
    let rounded = if exact { whole } else { whole + nanos.signum() };
    i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn parses_upstream_examples() {
        assert_eq!(q("100m").milli_value(), 100);
        assert_eq!(q("0.5").milli_value(), 500);
        assert_eq!(q("1").milli_value(), 1000);
        assert_eq!(q("1Ki").value(), 1024);
        assert_eq!(q("1.5Gi").value(), 1_610_612_736);
        assert_eq!(q("100M").value(), 100_000_000);
        assert_eq!(q("2e3").value(), 2000);
        assert_eq!(q("2E-3").milli_value(), 2);
        assert_eq!(q("+5").value(), 5);
        assert_eq!(q(".5").milli_value(), 500);
        assert_eq!(q("5.").value(), 5);
        assert_eq!(q("1n").milli_value(), 1, "MilliValue rounds up");
        assert_eq!(q("0.1Ki").value(), 103, "Value rounds up");
        assert_eq!(q("-1.5").value(), -2, "rounds away from zero");
    }

    #[test]
    fn sums_exactly_before_rounding() {
        let sum = q("0.3m") + q("0.3m") + q("0.4m");
        assert_eq!(sum.milli_value(), 1);
    }

    #[test]
    fn rejects_bad_text() {
        assert_eq!(Quantity::parse("1x"), Err(QuantityError::FormatWrong));
        assert_eq!(Quantity::parse(""), Err(QuantityError::FormatWrong));
        assert_eq!(Quantity::parse("abc"), Err(QuantityError::FormatWrong));
        assert_eq!(Quantity::parse("1.2.3"), Err(QuantityError::FormatWrong));
        assert_eq!(Quantity::parse("1K"), Err(QuantityError::Suffix));
        assert_eq!(Quantity::parse("1Mk"), Err(QuantityError::Suffix));
        assert_eq!(Quantity::parse("1e999"), Err(QuantityError::TooLarge));
    }

    #[test]
    fn exact_at_the_narrow_and_wide_arithmetic_boundaries() {
        // 19 digits (u64 mantissa) and 20 digits (i128 mantissa).
        assert_eq!(q("9999999999999999999").to_string(), "9999999999999999999");
        assert_eq!(
            q("18446744073709551616").to_string(),
            "18446744073709551616"
        );
        // Nano-unit values either side of u64::MAX.
        assert_eq!(
            q("18446744073709551615n").to_string(),
            "18446744073709551615n"
        );
        assert_eq!(
            q("18446744073709551616n").to_string(),
            "18446744073709551616n"
        );
        assert_eq!(
            q("18446744073.709551617").to_string(),
            "18446744073709551617n"
        );
        // Binary suffixes whose nano-unit value exceeds u64.
        assert_eq!(q("1Ei").to_string(), "1152921504606846976");
        assert_eq!(q("16Ei").to_string(), "18446744073709551616");
        assert_eq!(q("1.5Ei").to_string(), "1729382256910270464");
        // Sub-nano values round up, with divisors either side of u64's largest power of ten.
        assert_eq!(q("0.0000000001").to_string(), "1n");
        assert_eq!(q("1e-28").to_string(), "1n");
        assert_eq!(q("1e-29").to_string(), "1n");
        assert_eq!(q("0e-40").to_string(), "0");
        assert_eq!(q("-1e-29").to_string(), "-1n");
        // The i128 range of nano-units.
        assert_eq!(
            q("170141183460469231731687303715884105727n").to_string(),
            "170141183460469231731687303715884105727n"
        );
        assert_eq!(
            Quantity::parse("170141183460469231731687303715884105728n"),
            Err(QuantityError::TooLarge)
        );
        assert_eq!(
            Quantity::parse("1e2147483647"),
            Err(QuantityError::TooLarge)
        );
        assert_eq!(
            Quantity::parse("1.5e-2147483648"),
            Err(QuantityError::TooLarge)
        );
    }

    #[test]
    fn rounds_away_from_zero_either_side_of_i64_nanos() {
        assert_eq!(q("9223372036854775807n").milli_value(), 9_223_372_036_855);
        assert_eq!(q("9223372036854775808n").milli_value(), 9_223_372_036_855);
        assert_eq!(q("9223372036854775808n").value(), 9_223_372_037);
        assert_eq!(q("-9223372036854775808n").value(), -9_223_372_037);
        assert_eq!(q("-9223372036854775809n").milli_value(), -9_223_372_036_855);
        assert_eq!(q("9223372036854775807").value(), i64::MAX);
        assert_eq!(q("9223372036854775808").value(), i64::MAX, "saturates");
        assert_eq!(q("-9223372036854775809").value(), i64::MIN, "saturates");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,24}") {
            let _ = Quantity::parse(&text);
        }

        #[test]
        fn integers_round_trip(n in -1_000_000_000i64..1_000_000_000) {
            proptest::prop_assert_eq!(q(&n.to_string()).value(), n);
            proptest::prop_assert_eq!(q(&format!("{n}m")).milli_value(), n);
        }
    }
}
