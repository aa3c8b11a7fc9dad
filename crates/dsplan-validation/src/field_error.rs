//! One validation error as the API server prints it: `<field path>: <type>[: <value>][: <detail>]`
//! (apimachinery `pkg/util/validation/field/errors.go`), and the helpers that render bad values
//! the way Go does.

use dsplan_model::FieldPath;
use std::fmt;

/// A validation error at one field, printed as `<path>: <message>`, for example
/// `spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FieldError {
    /// The field path, such as `spec.updateStrategy.rollingUpdate.maxSurge`.
    pub path: String,
    /// Everything after the path: the error type, the bad value where upstream prints one, and
    /// the detail.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// `must be greater than or equal to 0` (apimachinery `validation.IsNegativeErrorMsg`).
pub(crate) const IS_NEGATIVE: &str = "must be greater than or equal to 0";
/// `field is immutable` (apimachinery `validation.FieldImmutableErrorMsg`).
pub(crate) const FIELD_IMMUTABLE: &str = "field is immutable";

impl FieldError {
    /// `field.Invalid`: `Invalid value: <value>: <detail>`; `value` is already rendered.
    pub(crate) fn invalid(path: &FieldPath, value: &str, detail: &str) -> Self {
        Self::new(path, format!("Invalid value: {value}: {detail}"))
    }

    /// `field.Required`: `Required value` or `Required value: <detail>`.
    pub(crate) fn required(path: &FieldPath, detail: &str) -> Self {
        Self::new(path, with_detail("Required value", detail))
    }

    /// `field.Forbidden`: `Forbidden` or `Forbidden: <detail>`.
    pub(crate) fn forbidden(path: &FieldPath, detail: &str) -> Self {
        Self::new(path, with_detail("Forbidden", detail))
    }

    /// `field.Duplicate`: `Duplicate value: <value>`.
    pub(crate) fn duplicate(path: &FieldPath, value: &str) -> Self {
        Self::new(path, format!("Duplicate value: {value}"))
    }

    /// `field.NotSupported`: `Unsupported value: <value>: supported values: "a", "b"`, the
    /// values in the order upstream lists them (it does not sort).
    pub(crate) fn not_supported(path: &FieldPath, value: &str, supported: &[&str]) -> Self {
        let quoted: Vec<String> = supported.iter().map(|v| go_quote(v)).collect();
        Self::new(
            path,
            format!(
                "Unsupported value: {value}: supported values: {}",
                quoted.join(", ")
            ),
        )
    }

    fn new(path: &FieldPath, message: String) -> Self {
        Self {
            path: path.to_string(),
            message,
        }
    }
}

fn with_detail(kind: &str, detail: &str) -> String {
    if detail.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {detail}")
    }
}

/// A Go string as `%q` and `strconv.Quote` print it: double quotes, with backslash escapes for
/// quotes, backslashes and control characters.
pub fn go_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// apimachinery `validation.RegexError`: the message, the examples and the regex, worded (and
/// spaced) exactly as upstream.
pub(crate) fn regex_error(message: &str, regex: &str, examples: &[&str]) -> String {
    let mut out = format!("{message} (e.g. ");
    for (i, example) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push_str(&format!("'{example}', "));
    }
    out.push_str(&format!("regex used for validation is '{regex}')"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\x01""#);
        assert_eq!(go_quote("héllo"), "\"héllo\"");
    }

    #[test]
    fn prints_path_then_message() {
        let error = FieldError::required(&FieldPath::new("spec.updateStrategy.rollingUpdate"), "");
        assert_eq!(
            error.to_string(),
            "spec.updateStrategy.rollingUpdate: Required value"
        );
    }
}
