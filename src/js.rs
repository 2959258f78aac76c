//! Values across the JS boundary (content-script snapshots and plans, `storage.session`, popup ⇄
//! background messages), converted field by field with `js_sys::Reflect`.
//!
//! This replaced serde + serde-wasm-bindgen: their generic visitors were about 40% of the shipped wasm
//! (issue #7's size goal). The shapes are the ones serde wrote (camelCase keys; unit variants as strings;
//! `None` as `null`), so `content.js`, the recorded fixtures and stored sessions read the same. A value of
//! the wrong shape decodes to `None`, which callers turn into `Error::BadMessage`.

use crate::prelude::*;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The most elements any list may have (tabs of all windows; snapshots have tighter bounds, checked after).
pub const MAX_ITEMS: u32 = 10_000;

/// A type that crosses the JS boundary.
pub trait Js: Sized {
    fn to_js(&self) -> JsValue;
    /// `None` when `value` does not have this type's shape.
    fn from_js(value: &JsValue) -> Option<Self>;
}

/// `value[key]`; `undefined` when `value` is not an object or has no such key.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    if !value.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A plain object (not `null`, not an array): what a struct arrives as.
pub fn is_record(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value)
}

/// `object[key] = value` on an object this module just created (it cannot throw).
pub fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// A required field.
pub fn field<T: Js>(value: &JsValue, key: &str) -> Option<T> {
    T::from_js(&get(value, key))
}

/// A field that takes its default when it is missing (`undefined`), as serde's `#[serde(default)]` did.
pub fn field_or_default<T: Js + Default>(value: &JsValue, key: &str) -> Option<T> {
    let v = get(value, key);
    if v.is_undefined() {
        Some(T::default())
    } else {
        T::from_js(&v)
    }
}

/// An object with one key, the shape of a variant that carries data (`{"set": "…"}`).
pub fn tagged(key: &str, value: &JsValue) -> JsValue {
    let o = Object::new();
    set(&o, key, value);
    o.into()
}

impl Js for String {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_string()
    }
}

impl Js for bool {
    fn to_js(&self) -> JsValue {
        JsValue::from_bool(*self)
    }
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_bool()
    }
}

/// Finite numbers only: a `NaN` expiry would compare as never reached.
impl Js for f64 {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(*self)
    }
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_f64().filter(|n| n.is_finite())
    }
}

/// A whole number within `min..=max`, as JS numbers carry them (bounds within ±2^53, where every whole
/// number is exact).
fn whole(value: &JsValue, min: f64, max: f64) -> Option<f64> {
    value
        .as_f64()
        // In range, so the cast is exact exactly when `n` is whole (core has no `f64::trunc`).
        .filter(|n| *n >= min && *n <= max && *n as i64 as f64 == *n)
}

impl Js for u32 {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(f64::from(*self))
    }
    fn from_js(value: &JsValue) -> Option<Self> {
        // In range and whole, so the cast is exact.
        whole(value, 0.0, f64::from(u32::MAX)).map(|n| n as u32)
    }
}

impl Js for i32 {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(f64::from(*self))
    }
    fn from_js(value: &JsValue) -> Option<Self> {
        whole(value, f64::from(i32::MIN), f64::from(i32::MAX)).map(|n| n as i32)
    }
}

impl Js for u64 {
    fn to_js(&self) -> JsValue {
        // Milliseconds since the epoch: far below 2^53, exact as a JS number.
        JsValue::from_f64(*self as f64)
    }
    fn from_js(value: &JsValue) -> Option<Self> {
        whole(value, 0.0, 9_007_199_254_740_991.0).map(|n| n as u64)
    }
}

impl<T: Js> Js for Option<T> {
    fn to_js(&self) -> JsValue {
        match self {
            Some(v) => v.to_js(),
            None => JsValue::NULL,
        }
    }
    fn from_js(value: &JsValue) -> Option<Self> {
        if value.is_null() || value.is_undefined() {
            Some(None)
        } else {
            T::from_js(value).map(Some)
        }
    }
}

impl<T: Js> Js for Vec<T> {
    fn to_js(&self) -> JsValue {
        self.iter().map(Js::to_js).collect::<Array>().into()
    }
    /// Reads element by element, after checking the length: an array claiming billions of (sparse)
    /// elements is refused before any work, and the first bad element ends the read.
    fn from_js(value: &JsValue) -> Option<Self> {
        if !Array::is_array(value) {
            return None;
        }
        let array: &Array = value.unchecked_ref();
        let len = array.length();
        if len > MAX_ITEMS {
            return None;
        }
        let mut out = Vec::with_capacity(len as usize);
        for i in 0..len {
            out.push(T::from_js(&array.get(i))?);
        }
        Some(out)
    }
}

/// A struct as an object with one key per field: `js_struct!(Type { field: "key", … })`. With `default`
/// first, a missing field takes its default (the type and its fields implement `Default`).
#[macro_export]
macro_rules! js_struct {
    (default $ty:ty { $($field:ident : $key:literal),* $(,)? }) => {
        $crate::js_struct!(@impl $ty, field_or_default, { $($field : $key),* });
    };
    ($ty:ty { $($field:ident : $key:literal),* $(,)? }) => {
        $crate::js_struct!(@impl $ty, field, { $($field : $key),* });
    };
    (@impl $ty:ty, $read:ident, { $($field:ident : $key:literal),* }) => {
        impl $crate::js::Js for $ty {
            fn to_js(&self) -> ::wasm_bindgen::JsValue {
                let o = ::js_sys::Object::new();
                $( $crate::js::set(&o, $key, &$crate::js::Js::to_js(&self.$field)); )*
                o.into()
            }
            fn from_js(value: &::wasm_bindgen::JsValue) -> Option<Self> {
                if !$crate::js::is_record(value) {
                    return None;
                }
                Some(Self { $( $field: $crate::js::$read(value, $key)?, )* })
            }
        }
    };
}

/// An enum of unit variants as strings: `js_enum!(Type { Variant = "name", … })`.
#[macro_export]
macro_rules! js_enum {
    ($ty:ty { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $ty {
            /// The variant's name on the JS side.
            pub fn name(&self) -> &'static str {
                match self { $( Self::$variant => $name, )* }
            }
        }
        impl $crate::js::Js for $ty {
            fn to_js(&self) -> ::wasm_bindgen::JsValue {
                ::wasm_bindgen::JsValue::from_str(self.name())
            }
            fn from_js(value: &::wasm_bindgen::JsValue) -> Option<Self> {
                match value.as_string()?.as_str() {
                    $( $name => Some(Self::$variant), )*
                    _ => None,
                }
            }
        }
    };
}
