//! JSON objects only. Serde's derived `Deserialize` for a struct also reads a sequence, by
//! position: `"red_flags": ["present", "absent", …]` was read as seventeen answers in field
//! order, and a twelve-element array as a whole intake. The contract's inputs are objects, so
//! every input object is read through [`Object`], which asks for a map: anything else is an
//! error that says an object was expected (`invalid type: sequence, expected an object`), with
//! no internal type name and with the field path kept (`serde_path_to_error` sees the same
//! map).
//!
//! Three ways in: a wire type used as `Object<Wire>` (`#[serde(try_from = "Object<Wire>")]`);
//! a field read with `#[serde(deserialize_with = "object::object")]` (or `objects` for a
//! `Vec<T>`); or a public struct declared with
//! `object_struct!`, whose own `Deserialize` goes through a private twin.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

/// `T`, read from a JSON object (a map) and from nothing else.
pub(crate) struct Object<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Map<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Map<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_map(Map(PhantomData)).map(Object)
    }
}

/// The schema is `T`'s: an object schema already says "object".
#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Object<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// For `#[serde(deserialize_with = "…")]` on a field of type `T`: read it from an object only.
pub(crate) fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
    Object::<T>::deserialize(deserializer).map(|o| o.0)
}

/// As [`object`], for a `Vec<T>` field: a list of objects.
pub(crate) fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    Vec::<Object<T>>::deserialize(deserializer).map(|v| v.into_iter().map(|o| o.0).collect())
}
