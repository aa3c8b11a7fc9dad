//! Mapping keys as JSON keys, the way sigs.k8s.io/yaml `convertToJSONableObject` writes them:
//! strings as they are, integers in decimal, floats with `FormatFloat(f, 'g', -1, 32)`,
//! booleans as `true`/`false`; a null or `uint64` key is an error there, and go-yaml v2
//! (`decode.go` `mapping`) rejects sequence and mapping keys.

use super::error::Error;
use super::node::{Node, Value};
use super::number::format_key_float;

/// The JSON key of `node`.
pub(super) fn json_key(node: Node) -> Result<String, Error> {
    let mark = node.mark;
    match node.value {
        Value::Str(text) => Ok(text),
        Value::Int(int) => Ok(int.to_string()),
        Value::Float(float) => Ok(format_key_float(float)),
        Value::Bool(flag) => Ok(flag.to_string()),
        Value::Null => Err(Error::at(
            "unsupported map key of type: %!s(<nil>), key: <nil>",
            mark,
        )),
        Value::Uint(uint) => Err(Error::at(
            format!("unsupported map key of type: uint64, key: {uint:#x}"),
            mark,
        )),
        Value::Seq(_) => Err(Error::at("invalid map key: []interface {}", mark)),
        Value::Map(_) => Err(Error::at(
            "invalid map key: map[interface {}]interface {}",
            mark,
        )),
    }
}
