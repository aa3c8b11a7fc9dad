//! Scalar resolution as go-yaml v2 does it (`resolve.go` `resolve`, `decode.go`
//! `decoder.scalar` into `interface{}`): YAML 1.1 booleans (`yes`, `on`, `y`, ...), Go integer
//! syntax (`0755` octal, `0x1F`, `0b101`, `1_000`), floats, nulls. Quoted and block scalars
//! are strings; an explicit core tag resolves the text as that type or fails.

use super::node::Value;
use super::number::{is_yaml_style_float, parse_dot_float, parse_int, parse_uint};
use saphyr_parser::{ScalarStyle, Tag};
use std::borrow::Cow;

/// The handle saphyr gives `!!` tags.
const CORE: &str = "tag:yaml.org,2002:";

/// Whether a scalar is a merge key: a plain `<<` or one tagged `!!merge` (`decode.go`
/// `isMerge`).
pub(super) fn is_merge(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> bool {
    text == "<<"
        && match tag {
            None => style == ScalarStyle::Plain,
            Some(tag) => tag.handle == CORE && tag.suffix == "merge",
        }
}

/// The value of a scalar, or the message of go-yaml's failure.
pub(super) fn scalar(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value, String> {
    let Some(tag) = tag else {
        // `decode.go` `scalar`: a scalar without tag that is not plain is a string.
        if style != ScalarStyle::Plain {
            return Ok(Value::Str(text.into_owned()));
        }
        return Ok(plain(&text).unwrap_or_else(|| Value::Str(text.into_owned())));
    };
    if tag.handle != CORE {
        // `resolvableTag`: local tags (`!foo`, `!`) are not resolved; the text is kept.
        return Ok(Value::Str(text.into_owned()));
    }
    match tag.suffix.as_str() {
        "str" => Ok(Value::Str(text.into_owned())),
        "binary" => super::base64::decode(&text)
            .map(|bytes| Value::Str(String::from_utf8_lossy(&bytes).into_owned()))
            .ok_or_else(|| "!!binary value contains invalid base64 data".to_owned()),
        wanted @ ("bool" | "int" | "float" | "null") => tagged(text, wanted),
        // go-yaml checks the text against its timestamp layouts; dsplan does not carry them.
        "timestamp" => Err(format!(
            "dsplan does not read the explicit !!timestamp tag (`{text}`); remove the tag"
        )),
        // Other core tags (`!!merge` away from `<<`, `!!seq`, ...) are not resolvable: the text
        // is kept.
        _ => Ok(Value::Str(text.into_owned())),
    }
}

/// `resolve` with an explicit `!!bool`, `!!int`, `!!float` or `!!null`: the text must resolve
/// to that type; an integer is accepted as a float.
fn tagged(text: Cow<'_, str>, wanted: &str) -> Result<Value, String> {
    let value = plain(&text).unwrap_or(Value::Str(String::new()));
    let found = match &value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Uint(_) => "int",
        Value::Float(_) => "float",
        Value::Str(_) | Value::Seq(_) | Value::Map(_) => "str",
    };
    match (wanted, value) {
        (_, value) if found == wanted => Ok(value),
        // Only Go's `int` and `int64` become floats (`float64(v)`); a `uint64` does not.
        ("float", Value::Int(int)) => Ok(Value::Float(int as f64)),
        _ => Err(format!("cannot decode !!{found} `{text}` as a !!{wanted}")),
    }
}

/// A plain scalar's value, or `None` when it is a string (`resolve.go` `resolve` with no tag).
///
/// `resolve` first tries timestamps for text that starts with a digit, but `decode.go` turns a
/// timestamp read into `interface{}` back into its text, and no timestamp (`YYYY-...`) reads
/// as a number: timestamps are strings here without being parsed.
fn plain(text: &str) -> Option<Value> {
    let Some(&first) = text.as_bytes().first() else {
        return Some(Value::Null);
    };
    match first {
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => named(text),
        b'.' => named(text).or_else(|| parse_dot_float(text).map(Value::Float)),
        b'+' | b'-' | b'0'..=b'9' => named(text).or_else(|| number(text)),
        _ => None,
    }
}

/// `resolveMap`: the words and symbols with a fixed value (YAML 1.1 booleans, nulls, and the
/// special floats).
fn named(text: &str) -> Option<Value> {
    Some(match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Value::Bool(false)
        }
        "~" | "null" | "Null" | "NULL" => Value::Null,
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        _ => return None,
    })
}

/// Text that starts with a sign or digit, underscores removed: `ParseInt(_, 0, 64)`, then
/// `ParseUint`, then a float in `yamlStyleFloat` shape that `ParseFloat` reads without
/// overflow. (`resolve`'s later `0b`/`-0b` branches never match what base 0 already rejected.)
fn number(text: &str) -> Option<Value> {
    let cleaned;
    let text = if text.contains('_') {
        cleaned = text.replace('_', "");
        cleaned.as_str()
    } else {
        text
    };
    if let Some(int) = parse_int(text) {
        return Some(Value::Int(int));
    }
    if let Some(uint) = parse_uint(text) {
        return Some(Value::Uint(uint));
    }
    if is_yaml_style_float(text) {
        return text
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Value::Float);
    }
    None
}
