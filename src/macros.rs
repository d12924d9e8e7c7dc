//! `name_enum!`: a closed set of values whose wire form is a fixed name.
//!
//! Every code the crate exchanges (answers, red flags, source ids, rule ids, outcomes) is one
//! of these. The name is written once, and `Display`, `FromStr` and serde all go through it,
//! so the printed form equals the JSON form and an unknown name is always an error that lists
//! the names it expected.

macro_rules! name_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order (the order the crate lists them in).
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            const NAMES: &'static [&'static str] = &[$($text,)+];

            /// The stable name used in JSON and in text.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::error::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $text => Ok($name::$variant), )+
                    _ => Err($crate::error::UnknownName {
                        what: $what,
                        value: s.to_owned(),
                        expected: Self::NAMES,
                    }),
                }
            }
        }

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({ "type": "string", "enum": $name::NAMES })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        write!(f, "{} {} name", $crate::macros::article($what), $what)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        v.parse().map_err(|_| E::unknown_variant(v, $name::NAMES))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    };
}

/// `object_struct!`: a public struct with public fields whose `Deserialize` reads a JSON
/// object only (see `model::object`). The struct is declared as written, without
/// `Deserialize` in its derives; a private twin with the same fields and field attributes
/// derives it (`deny_unknown_fields`, and the container's `default` when the declaration
/// starts with `default;`), and the struct's `Deserialize` reads the twin through
/// `Object`. Serialize and JsonSchema stay derived on the struct itself, so its JSON and its
/// schema do not change. Field attributes must be valid on a plain `Deserialize` derive (docs
/// and `serde(...)`; not `schemars(...)`).
macro_rules! object_struct {
    (default; $(#[$meta:meta])* $vis:vis struct $name:ident { $( $(#[$fmeta:meta])* $fvis:vis $field:ident : $ty:ty ),+ $(,)? }) => {
        object_struct!(@emit [, default]
            [
                impl Default for Wire {
                    fn default() -> Self {
                        let defaults = <$name as Default>::default();
                        Wire { $( $field: defaults.$field, )+ }
                    }
                }
            ]
            $(#[$meta])* $vis struct $name { $( $(#[$fmeta])* $fvis $field : $ty ),+ });
    };
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $( $(#[$fmeta:meta])* $fvis:vis $field:ident : $ty:ty ),+ $(,)? }) => {
        object_struct!(@emit [] [] $(#[$meta])* $vis struct $name { $( $(#[$fmeta])* $fvis $field : $ty ),+ });
    };
    (@emit [$($serde:tt)*] [$($extra:tt)*] $(#[$meta:meta])* $vis:vis struct $name:ident { $( $(#[$fmeta:meta])* $fvis:vis $field:ident : $ty:ty ),+ }) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$fmeta])* $fvis $field: $ty, )+
        }

        const _: () = {
            #[derive(::serde::Deserialize)]
            #[serde(deny_unknown_fields $($serde)*)]
            struct Wire {
                $( $(#[$fmeta])* $field: $ty, )+
            }

            $($extra)*

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let $crate::model::object::Object(wire) =
                        <$crate::model::object::Object<Wire> as ::serde::Deserialize>::deserialize(deserializer)?;
                    Ok($name { $( $field: wire.$field, )+ })
                }
            }
        };
    };
}

/// The indefinite article for `word` ("an answer", "a red flag"): `an` before a vowel letter.
/// Every `what` of a `name_enum!` reads right with it (a test checks the ones that take `an`).
pub(crate) const fn article(word: &str) -> &'static str {
    match word.as_bytes().first() {
        Some(b'a' | b'e' | b'i' | b'o' | b'u' | b'A' | b'E' | b'I' | b'O' | b'U') => "an",
        _ => "a",
    }
}

#[cfg(test)]
mod tests {
    use super::article;

    #[test]
    fn the_article_agrees_with_the_word() {
        assert_eq!(article("answer"), "an");
        assert_eq!(article("adverse effect"), "an");
        assert_eq!(article("red flag"), "a");
        assert_eq!(article("CPT code"), "a");
        assert_eq!(article("STarT Back risk"), "a");
        assert_eq!(article(""), "a");
    }
}
