//! A page's `<script>` JSON (its JSON-LD, its hover-card data) carried with the reason it
//! could not be made, if it could not (issue 23: no silent defaults).

use serde::Serialize;

/// A `<script>` JSON string, or why it could not be serialized. It serializes as the
/// string; a failure fails the page's context with the reason instead, so the page is
/// reported when it renders (see `PageJob::context`), never written without its data.
#[derive(Clone, Debug)]
pub struct ScriptJson(Result<String, String>);

impl ScriptJson {
    /// No script: the template sees "".
    pub fn none() -> ScriptJson {
        ScriptJson(Ok(String::new()))
    }

    /// `json`, or its serialization error told as the page's `what` ("JSON-LD").
    pub fn of(what: &str, json: Result<String, serde_json::Error>) -> ScriptJson {
        ScriptJson(json.map_err(|e| format!("cannot serialize the page's {what}: {e}")))
    }
}

impl Serialize for ScriptJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Ok(json) => serializer.serialize_str(json),
            Err(reason) => Err(serde::ser::Error::custom(reason)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::ScriptJson;
    use crate::render::site::script_json;

    /// The string as it is when made; the failure as the error of whatever serializes the
    /// page (the page's context), with the reason.
    #[test]
    fn a_failed_script_fails_the_context_it_is_in() {
        let made = ScriptJson::of("JSON-LD", script_json(&"<b>"));
        let value = serde_json::to_value(&made).ok();
        assert_eq!(value, Some(serde_json::json!("\"\\u003cb>\"")));
        let failed = ScriptJson::of("JSON-LD", script_json(&BTreeMap::from([((1, 2), 3)])));
        let reason = serde_json::to_value(&failed).err().map(|e| e.to_string());
        let reason = reason.unwrap_or_default();
        assert!(
            reason.starts_with("cannot serialize the page's JSON-LD: "),
            "{reason}"
        );
        assert_eq!(
            serde_json::to_value(ScriptJson::none()).ok(),
            Some("".into())
        );
    }
}
