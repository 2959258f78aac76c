//! Values across the JS boundary (content-script snapshots and plans, `storage.session`, popup ⇄
//! background messages): serde types converted by serde-wasm-bindgen. The derive is the schema; the same
//! derives read the recorded fixtures in native tests.
//!
//! Shapes: camelCase keys, unit variants as strings, `None` as `null` (as JSON would write it, so what
//! `storage.session` holds reads back the same). A value of the wrong shape is `Error::BadMessage`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::Error;

const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);

/// `value` as a plain JS value.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    // Fails only for maps with non-string keys or integers beyond 2^53; no boundary type has either.
    value.serialize(&SERIALIZER).unwrap_or(JsValue::NULL)
}

/// A JS value of `T`'s shape, or `BadMessage`.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    serde_wasm_bindgen::from_value(value).map_err(|_| Error::BadMessage)
}

/// A value read from `storage.session`: `None` when absent, or when this version cannot read it.
pub fn stored<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    from_js(value).ok()
}
