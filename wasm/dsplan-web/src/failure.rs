//! Failures as JavaScript sees them: one thrown `Error` whose `message` is the whole story and
//! whose properties (`code`, `file`, `document`, `object`, `path`, `line`, `column`) locate it.
//! Every property is always set, `null` when unknown, so callers can read one fixed shape.

use wasm_bindgen::JsValue;

/// Why a call failed, with everything the thrown `Error` carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Stable kebab-case code, the same as the CLI's and the component's:
    /// `invalid-input`, `invalid-option`, `invalid-request` for arguments of the wrong shape, and
    /// `internal` when a result cannot become a JS value.
    pub code: &'static str,
    /// The whole error as one line (`file:line:column: ...: message`).
    pub message: String,
    /// File name of the document at fault.
    pub file: Option<String>,
    /// Index of the YAML document inside that file.
    pub document: Option<usize>,
    /// The object, as `Kind namespace/name`.
    pub object: Option<String>,
    /// Field path inside the document, for example `spec.template.spec.tolerations[0].effect`.
    pub path: Option<String>,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column in the file.
    pub column: Option<usize>,
}

impl Failure {
    /// An argument JavaScript passed has the wrong shape (`what` names the argument).
    pub fn request(what: &str, error: impl std::fmt::Display) -> Self {
        Self::plain("invalid-request", format!("{what}: {error}"))
    }

    /// A result could not be turned into a JS value (a bug, never the user's input).
    pub fn internal(error: impl std::fmt::Display) -> Self {
        Self::plain("internal", format!("result: {error}"))
    }

    fn plain(code: &'static str, message: String) -> Self {
        Self {
            code,
            message,
            file: None,
            document: None,
            object: None,
            path: None,
            line: None,
            column: None,
        }
    }

    /// The JavaScript `Error` to throw.
    pub fn into_js(self) -> JsValue {
        let error = js_sys::Error::new(&self.message);
        let set = |key: &str, value: JsValue| {
            // Setting a data property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&error, &JsValue::from_str(key), &value);
        };
        let text = |value: Option<String>| value.map_or(JsValue::NULL, JsValue::from);
        // Lines and indexes are far below 2^53, so f64 holds them exactly.
        let number =
            |value: Option<usize>| value.map_or(JsValue::NULL, |v| JsValue::from(v as f64));
        set("code", JsValue::from_str(self.code));
        set("file", text(self.file));
        set("document", number(self.document));
        set("object", text(self.object));
        set("path", text(self.path));
        set("line", number(self.line));
        set("column", number(self.column));
        error.into()
    }
}

impl From<dsplan_engine::Error> for Failure {
    fn from(error: dsplan_engine::Error) -> Self {
        let message = error.to_string();
        match error {
            dsplan_engine::Error::Input(e) => Self {
                code: "invalid-input",
                message,
                file: Some(e.file),
                document: e.document,
                object: e.object,
                path: e.path,
                line: e.line,
                column: e.column,
            },
            other => Self::plain(other.code(), message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::InputError;

    #[test]
    fn an_input_error_keeps_its_location() {
        let error = dsplan_engine::Error::Input(InputError {
            file: "ds.yaml".to_owned(),
            document: Some(1),
            object: Some("DaemonSet kube-system/agent".to_owned()),
            path: Some("spec.template.spec.tolerations[0].effect".to_owned()),
            line: Some(14),
            column: Some(19),
            message: "Unsupported value: \"NoRun\"".to_owned(),
        });
        let failure = Failure::from(error.clone());
        assert_eq!(failure.code, "invalid-input");
        assert_eq!(failure.code, error.code());
        assert_eq!(failure.message, error.to_string());
        assert_eq!(failure.file.as_deref(), Some("ds.yaml"));
        assert_eq!(failure.document, Some(1));
        assert_eq!(
            failure.object.as_deref(),
            Some("DaemonSet kube-system/agent")
        );
        assert_eq!(
            failure.path.as_deref(),
            Some("spec.template.spec.tolerations[0].effect")
        );
        assert_eq!((failure.line, failure.column), (Some(14), Some(19)));
    }

    #[test]
    fn a_bad_feature_gate_is_an_invalid_option_without_location() {
        let options = dsplan_engine::Options {
            feature_gates: vec![("NoSuchGate".to_owned(), true)],
        };
        let error = dsplan_engine::plan(&[], &options).expect_err("unknown gate");
        let failure = Failure::from(error);
        assert_eq!(failure.code, "invalid-option");
        assert!(
            failure.message.contains("NoSuchGate"),
            "{}",
            failure.message
        );
        assert_eq!((failure.file, failure.line), (None, None));
    }

    #[test]
    fn a_request_failure_names_the_argument() {
        let failure = Failure::request("documents", "missing field `text`");
        assert_eq!(failure.code, "invalid-request");
        assert_eq!(failure.message, "documents: missing field `text`");
    }
}
