//! A serde `Deserializer` over a [`serde_json::Value`] that also reports where things went
//! wrong: the field path of the first error (what serde_path_to_error did) and the path of
//! every unknown field (what serde_ignored did), with serde_json's own error texts (it
//! mirrors serde_json's `&Value` deserializer call for call).
//!
//! It exists for size: one deserializer instead of three nested wrappers means the large
//! Kubernetes types are instantiated once, and the manifest decoder and `kubectl patch`
//! share that one instantiation.

use serde::de::Deserializer as _;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, Expected, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};
use serde_json::{Error, Map, Number, Value};

/// What deserializing a value gave, with the paths the API server's decoder would name.
pub(crate) struct Decoded<T> {
    pub result: Result<T, Error>,
    /// Where the error happened (`["spec", "containers", "0", "image"]`); empty on success.
    pub error_path: Vec<String>,
    /// Fields the target type does not have, in document order.
    pub unknown: Vec<Vec<String>>,
}

/// Deserializes `value` into `T`, recording the error path and the unknown fields.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Decoded<T> {
    let mut tracker = Tracker::default();
    let result = T::deserialize(De {
        value,
        tracker: &mut tracker,
    });
    Decoded {
        result,
        error_path: tracker.error_path.unwrap_or_default(),
        unknown: tracker.unknown,
    }
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

#[derive(Default)]
struct Tracker<'a> {
    path: Vec<Segment<'a>>,
    error_path: Option<Vec<String>>,
    unknown: Vec<Vec<String>>,
}

impl Tracker<'_> {
    fn segments(&self) -> Vec<String> {
        self.path
            .iter()
            .map(|s| match s {
                Segment::Key(key) => (*key).to_string(),
                Segment::Index(index) => index.to_string(),
            })
            .collect()
    }

    /// Remembers the current path as the error's, unless a deeper call already did.
    #[cold]
    #[inline(never)]
    fn trigger(&mut self) {
        if self.error_path.is_none() {
            self.error_path = Some(self.segments());
        }
    }

    #[inline(never)]
    fn ignored(&mut self) {
        let segments = self.segments();
        self.unknown.push(segments);
    }
}

/// Records the path of an error the first time it passes.
#[inline]
fn track<R>(tracker: &mut Tracker<'_>, result: Result<R, Error>) -> Result<R, Error> {
    if result.is_err() {
        tracker.trigger();
    }
    result
}

struct De<'a, 't> {
    value: &'a Value,
    tracker: &'t mut Tracker<'a>,
}

#[cold]
#[inline(never)]
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => number_unexpected(n),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn number_unexpected(n: &Number) -> Unexpected<'static> {
    if let Some(u) = n.as_u64() {
        Unexpected::Unsigned(u)
    } else if let Some(i) = n.as_i64() {
        Unexpected::Signed(i)
    } else {
        Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

#[cold]
#[inline(never)]
fn invalid_type(value: &Value, expected: &dyn Expected) -> Error {
    de::Error::invalid_type(unexpected(value), expected)
}

impl<'a, 't> De<'a, 't> {
    fn visit_number<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Number(n) => n.deserialize_any(visitor),
            other => Err(invalid_type(other, &visitor)),
        };
        track(self.tracker, result)
    }

    fn visit_array<V: Visitor<'a>>(
        tracker: &mut Tracker<'a>,
        items: &'a [Value],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut access = Seq {
            items: items.iter(),
            index: 0,
            tracker,
        };
        let seq = visitor.visit_seq(&mut access)?;
        if access.items.len() == 0 {
            Ok(seq)
        } else {
            Err(de::Error::invalid_length(
                items.len(),
                &"fewer elements in array",
            ))
        }
    }

    fn visit_object<V: Visitor<'a>>(
        tracker: &mut Tracker<'a>,
        map: &'a Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut access = Entries {
            entries: map.iter(),
            value: None,
            tracker,
        };
        let result = visitor.visit_map(&mut access)?;
        if access.entries.len() == 0 {
            Ok(result)
        } else {
            Err(de::Error::invalid_length(
                map.len(),
                &"fewer elements in map",
            ))
        }
    }
}

impl<'a> de::Deserializer<'a> for De<'a, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(v) => visitor.visit_bool(*v),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(v) => visitor.visit_borrowed_str(v),
            Value::Array(v) => De::visit_array(self.tracker, v, visitor),
            Value::Object(v) => De::visit_object(self.tracker, v, visitor),
        };
        track(self.tracker, result)
    }

    fn deserialize_i8<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_i16<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_i32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_i64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_i128<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_u8<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_u16<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_u32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_u64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_u128<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_f32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }
    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_number(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let tracker = &mut *self.tracker;
        let result = match self.value {
            Value::Null => visitor.visit_none(),
            value => visitor.visit_some(De {
                value,
                tracker: &mut *tracker,
            }),
        };
        track(tracker, result)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let tracker = &mut *self.tracker;
        let result = match self.value {
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (Some((variant, value)), None) => visitor.visit_enum(Variant {
                        variant,
                        value: Some(value),
                        tracker: &mut *tracker,
                    }),
                    _ => Err(de::Error::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    )),
                }
            }
            Value::String(variant) => visitor.visit_enum(Variant {
                variant,
                value: None,
                tracker: &mut *tracker,
            }),
            other => Err(de::Error::invalid_type(unexpected(other), &"string or map")),
        };
        track(tracker, result)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let tracker = &mut *self.tracker;
        let result = visitor.visit_newtype_struct(De {
            value: self.value,
            tracker: &mut *tracker,
        });
        track(tracker, result)
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Bool(v) => visitor.visit_bool(*v),
            other => Err(invalid_type(other, &visitor)),
        };
        track(self.tracker, result)
    }

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::String(v) => visitor.visit_borrowed_str(v),
            other => Err(invalid_type(other, &visitor)),
        };
        track(self.tracker, result)
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::String(v) => visitor.visit_borrowed_str(v),
            Value::Array(v) => De::visit_array(self.tracker, v, visitor),
            other => Err(invalid_type(other, &visitor)),
        };
        track(self.tracker, result)
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(invalid_type(other, &visitor)),
        };
        track(self.tracker, result)
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Array(v) => De::visit_array(self.tracker, v, visitor),
            other => Err(invalid_type(other, &visitor)),
        };
        track(self.tracker, result)
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Object(v) => De::visit_object(self.tracker, v, visitor),
            other => Err(invalid_type(other, &visitor)),
        };
        track(self.tracker, result)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match self.value {
            Value::Array(v) => De::visit_array(self.tracker, v, visitor),
            Value::Object(v) => De::visit_object(self.tracker, v, visitor),
            other => Err(invalid_type(other, &visitor)),
        };
        track(self.tracker, result)
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// A value the target type has no field for: an unknown field.
    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.tracker.ignored();
        track(self.tracker, visitor.visit_unit())
    }
}

struct Seq<'a, 't> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
    tracker: &'t mut Tracker<'a>,
}

impl<'a> SeqAccess<'a> for Seq<'a, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        self.tracker.path.push(Segment::Index(self.index));
        self.index += 1;
        let result = seed.deserialize(De {
            value,
            tracker: &mut *self.tracker,
        });
        self.tracker.path.pop();
        result.map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'a, 't> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a str, &'a Value)>,
    tracker: &'t mut Tracker<'a>,
}

impl<'a> MapAccess<'a> for Entries<'a, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let result = seed.deserialize(BorrowedStrDeserializer::<Error>::new(key));
        if result.is_err() {
            self.tracker.path.push(Segment::Key(key));
            self.tracker.trigger();
            self.tracker.path.pop();
        }
        result.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("value is missing"));
        };
        self.tracker.path.push(Segment::Key(key));
        let result = seed.deserialize(De {
            value,
            tracker: &mut *self.tracker,
        });
        self.tracker.path.pop();
        result
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as `variant` or `{variant: value}`, as serde_json reads one.
struct Variant<'a, 't> {
    variant: &'a str,
    value: Option<&'a Value>,
    tracker: &'t mut Tracker<'a>,
}

impl<'a, 't> EnumAccess<'a> for Variant<'a, 't> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'a>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let variant = seed.deserialize(BorrowedStrDeserializer::<Error>::new(self.variant))?;
        Ok((variant, self))
    }
}

impl<'a> Variant<'a, '_> {
    /// Runs `f` with the variant on the path, as serde_path_to_error names it in errors.
    fn within<R>(
        self,
        f: impl FnOnce(Option<&'a Value>, &mut Tracker<'a>) -> Result<R, Error>,
    ) -> Result<R, Error> {
        self.tracker.path.push(Segment::Key(self.variant));
        let result = f(self.value, &mut *self.tracker);
        let result = track(self.tracker, result);
        self.tracker.path.pop();
        result
    }
}

impl<'a> VariantAccess<'a> for Variant<'a, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        self.within(|value, tracker| match value {
            Some(value) => de::Deserialize::deserialize(De { value, tracker }),
            None => Ok(()),
        })
    }

    fn newtype_variant_seed<T: DeserializeSeed<'a>>(self, seed: T) -> Result<T::Value, Error> {
        self.within(|value, tracker| match value {
            Some(value) => seed.deserialize(De { value, tracker }),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        })
    }

    fn tuple_variant<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.within(|value, tracker| match value {
            Some(Value::Array(v)) if v.is_empty() => visitor.visit_unit(),
            Some(Value::Array(v)) => De::visit_array(tracker, v, visitor),
            Some(other) => Err(de::Error::invalid_type(unexpected(other), &"tuple variant")),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        })
    }

    fn struct_variant<V: Visitor<'a>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.within(|value, tracker| match value {
            Some(Value::Object(v)) => De::visit_object(tracker, v, visitor),
            Some(other) => Err(de::Error::invalid_type(
                unexpected(other),
                &"struct variant",
            )),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        })
    }
}

#[cfg(test)]
mod tests;
