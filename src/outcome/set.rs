//! Small sets of catalogue values: [`RedFlagSet`] and [`CautionSet`].
//!
//! An assessment names many small groups of red flags or cautions (the unanswered required
//! items, the cautions behind each modality's advice, the cautions still to ask). Each group
//! is listed in catalogue order and never repeats an item, so it is a set. These sets are one
//! bit per item of the catalogue: they are `Copy`, never allocate, and list their items in
//! catalogue order (the enum's `ALL`).
//!
//! On the wire a set is what a `Vec` of its items was: a JSON array of names in catalogue
//! order, with the same JSON Schema. Reading accepts the names in any order and repeated;
//! the set keeps each once, in catalogue order.
//!
//! ```
//! use acupuncture_guidance::{Caution, CautionSet};
//!
//! let set: CautionSet = [Caution::Pregnancy, Caution::Anticoagulants].into_iter().collect();
//! assert_eq!(set, [Caution::Anticoagulants, Caution::Pregnancy], "catalogue order");
//! assert!(set.contains(&Caution::Pregnancy));
//! assert_eq!(serde_json::to_string(&set).unwrap(), r#"["anticoagulants","pregnancy"]"#);
//! ```

use crate::model::answers::{Caution, RedFlag};

/// Declares a set of the values of a `name_enum!` type, one bit per value.
macro_rules! enum_set {
    ($(#[$meta:meta])* $name:ident of $item:ident, iterator $iter:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $name(u32);

        // One bit per value, the value's position in `ALL` (its discriminant).
        const _: () = {
            assert!($item::ALL.len() <= u32::BITS as usize);
            let (mut rest, mut i) = ($item::ALL, 0);
            while let [first, tail @ ..] = rest {
                assert!(*first as usize == i, "ALL lists the values in declaration order");
                (rest, i) = (tail, i + 1);
            }
        };

        impl $name {
            /// The empty set.
            pub const EMPTY: $name = $name(0);

            const fn bit(item: $item) -> u32 {
                1 << item as u32
            }

            /// The empty set.
            #[must_use]
            pub const fn new() -> Self {
                Self::EMPTY
            }

            /// Whether `item` is in the set.
            #[must_use]
            pub const fn contains(&self, item: &$item) -> bool {
                self.0 & Self::bit(*item) != 0
            }

            /// Adds `item`; `false` when it was already there.
            pub const fn insert(&mut self, item: $item) -> bool {
                let had = self.contains(&item);
                self.0 |= Self::bit(item);
                !had
            }

            /// Removes `item`; `false` when it was not there.
            pub const fn remove(&mut self, item: $item) -> bool {
                let had = self.contains(&item);
                self.0 &= !Self::bit(item);
                had
            }

            /// The set of `items`.
            #[must_use]
            pub const fn of(items: &[$item]) -> Self {
                let (mut set, mut rest) = (Self::EMPTY, items);
                while let [item, tail @ ..] = rest {
                    set = set.with(*item);
                    rest = tail;
                }
                set
            }

            /// The set with `item` added.
            #[must_use]
            pub const fn with(self, item: $item) -> Self {
                $name(self.0 | Self::bit(item))
            }

            /// The items of either set.
            #[must_use]
            pub const fn union(self, other: Self) -> Self {
                $name(self.0 | other.0)
            }

            /// The items of both sets.
            #[must_use]
            pub const fn intersection(self, other: Self) -> Self {
                $name(self.0 & other.0)
            }

            /// The items of `self` that are not in `other`.
            #[must_use]
            pub const fn difference(self, other: Self) -> Self {
                $name(self.0 & !other.0)
            }

            /// How many items the set holds.
            #[must_use]
            pub const fn len(&self) -> usize {
                self.0.count_ones() as usize
            }

            /// Whether the set is empty.
            #[must_use]
            pub const fn is_empty(&self) -> bool {
                self.0 == 0
            }

            /// The first item in catalogue order.
            #[must_use]
            pub fn first(&self) -> Option<&'static $item> {
                self.iter().next()
            }

            /// The last item in catalogue order.
            #[must_use]
            pub fn last(&self) -> Option<&'static $item> {
                self.iter().next_back()
            }

            /// The items, in catalogue order.
            #[must_use]
            pub const fn iter(&self) -> $iter {
                $iter { bits: self.0 }
            }

            /// The items, in catalogue order, as a `Vec`.
            #[must_use]
            pub fn to_vec(&self) -> Vec<$item> {
                self.iter().copied().collect()
            }
        }

        #[doc = concat!("The items of a [`", stringify!($name), "`], in catalogue order.")]
        #[derive(Debug, Clone)]
        pub struct $iter {
            bits: u32,
        }

        impl Iterator for $iter {
            type Item = &'static $item;

            fn next(&mut self) -> Option<&'static $item> {
                if self.bits == 0 {
                    return None;
                }
                let index = self.bits.trailing_zeros();
                self.bits &= self.bits - 1;
                $item::ALL.get(index as usize)
            }

            fn size_hint(&self) -> (usize, Option<usize>) {
                let len = self.bits.count_ones() as usize;
                (len, Some(len))
            }
        }

        impl DoubleEndedIterator for $iter {
            fn next_back(&mut self) -> Option<&'static $item> {
                if self.bits == 0 {
                    return None;
                }
                let index = u32::BITS - 1 - self.bits.leading_zeros();
                self.bits &= !(1 << index);
                $item::ALL.get(index as usize)
            }
        }

        impl ExactSizeIterator for $iter {}

        impl ::core::iter::FusedIterator for $iter {}

        impl IntoIterator for $name {
            type Item = $item;
            type IntoIter = ::core::iter::Copied<$iter>;

            fn into_iter(self) -> Self::IntoIter {
                self.iter().copied()
            }
        }

        impl IntoIterator for &$name {
            type Item = &'static $item;
            type IntoIter = $iter;

            fn into_iter(self) -> $iter {
                self.iter()
            }
        }

        impl FromIterator<$item> for $name {
            fn from_iter<I: IntoIterator<Item = $item>>(items: I) -> Self {
                let mut set = $name::EMPTY;
                set.extend(items);
                set
            }
        }

        impl Extend<$item> for $name {
            fn extend<I: IntoIterator<Item = $item>>(&mut self, items: I) {
                for item in items {
                    self.insert(item);
                }
            }
        }

        impl ::core::fmt::Debug for $name {
            /// As a list, like the `Vec` it replaces.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_list().entries(self.iter()).finish()
            }
        }

        impl PartialEq<[$item]> for $name {
            /// The same items in the same order.
            fn eq(&self, other: &[$item]) -> bool {
                self.iter().eq(other.iter())
            }
        }

        impl PartialEq<&[$item]> for $name {
            fn eq(&self, other: &&[$item]) -> bool {
                *self == **other
            }
        }

        impl<const N: usize> PartialEq<[$item; N]> for $name {
            fn eq(&self, other: &[$item; N]) -> bool {
                *self == *other.as_slice()
            }
        }

        impl PartialEq<Vec<$item>> for $name {
            fn eq(&self, other: &Vec<$item>) -> bool {
                *self == *other.as_slice()
            }
        }

        impl PartialEq<$name> for [$item] {
            fn eq(&self, other: &$name) -> bool {
                *other == *self
            }
        }

        impl<const N: usize> PartialEq<$name> for [$item; N] {
            fn eq(&self, other: &$name) -> bool {
                *other == *self.as_slice()
            }
        }

        impl PartialEq<$name> for Vec<$item> {
            fn eq(&self, other: &$name) -> bool {
                *other == *self.as_slice()
            }
        }

        impl ::serde::Serialize for $name {
            /// A sequence of names in catalogue order, as the `Vec` it replaces.
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.iter())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        // As the `Vec` it replaces says.
                        f.write_str("a sequence")
                    }
                    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<$name, A::Error> {
                        let mut set = $name::EMPTY;
                        while let Some(item) = seq.next_element::<$item>()? {
                            set.insert(item);
                        }
                        Ok(set)
                    }
                }
                deserializer.deserialize_seq(Visitor)
            }
        }

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            // Exactly the schema of the `Vec` it replaces.
            fn inline_schema() -> bool {
                <Vec<$item> as ::schemars::JsonSchema>::inline_schema()
            }

            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                <Vec<$item> as ::schemars::JsonSchema>::schema_name()
            }

            fn schema_id() -> ::std::borrow::Cow<'static, str> {
                <Vec<$item> as ::schemars::JsonSchema>::schema_id()
            }

            fn json_schema(generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                <Vec<$item> as ::schemars::JsonSchema>::json_schema(generator)
            }
        }
    };
}

enum_set! {
    /// A set of [`RedFlag`]s, listed in catalogue order ([`RedFlag::ALL`]).
    RedFlagSet of RedFlag, iterator RedFlagSetIter
}

enum_set! {
    /// A set of [`Caution`]s, listed in catalogue order ([`Caution::ALL`]).
    CautionSet of Caution, iterator CautionSetIter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_out_in_catalogue_order_once_each() {
        let set: RedFlagSet =
            [RedFlag::AgeOver50, RedFlag::Fever, RedFlag::SaddleNumbness, RedFlag::Fever].into_iter().collect();
        assert_eq!(set, [RedFlag::SaddleNumbness, RedFlag::Fever, RedFlag::AgeOver50]);
        assert_eq!(set.len(), 3);
        assert_eq!(set.first(), Some(&RedFlag::SaddleNumbness));
        assert_eq!(
            set.iter().rev().copied().collect::<Vec<_>>(),
            [RedFlag::AgeOver50, RedFlag::Fever, RedFlag::SaddleNumbness]
        );
        assert_eq!(set.iter().len(), 3);
        assert_eq!(format!("{set:?}"), format!("{:?}", set.to_vec()), "Debug as the Vec it replaces");
        let other = RedFlagSet::of(&[RedFlag::MinorTrauma, RedFlag::Fever]);
        assert_eq!(other, RedFlagSet::EMPTY.with(RedFlag::Fever).with(RedFlag::MinorTrauma));
        assert_eq!(set.intersection(other), [RedFlag::Fever]);
        assert_eq!(set.difference(other), [RedFlag::SaddleNumbness, RedFlag::AgeOver50]);
        assert_eq!(set.union(other).len(), 4);
    }

    #[test]
    fn every_value_fits_and_round_trips() {
        let all: RedFlagSet = RedFlag::ALL.iter().copied().collect();
        assert_eq!(all, RedFlag::ALL);
        let all: CautionSet = Caution::ALL.iter().copied().collect();
        assert_eq!(all, Caution::ALL);
        for caution in Caution::ALL {
            let mut set = CautionSet::new();
            assert!(set.insert(*caution));
            assert!(!set.insert(*caution));
            assert!(set.contains(caution));
            assert!(set.remove(*caution));
            assert!(set.is_empty());
        }
    }

    #[test]
    fn json_is_the_array_of_names_and_reading_normalizes() {
        let set: CautionSet = [Caution::SeizureDisorder, Caution::Anticoagulants].into_iter().collect();
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, serde_json::to_string(&set.to_vec()).unwrap());
        assert_eq!(serde_json::from_str::<CautionSet>(&json).unwrap(), set);
        let messy: CautionSet =
            serde_json::from_str(r#"["seizure_disorder", "anticoagulants", "seizure_disorder"]"#).unwrap();
        assert_eq!(messy, set);
        assert!(serde_json::from_str::<CautionSet>(r#"["fever"]"#).is_err(), "a red flag is not a caution");
        assert_eq!(serde_json::to_string(&RedFlagSet::EMPTY).unwrap(), "[]");
    }
}
