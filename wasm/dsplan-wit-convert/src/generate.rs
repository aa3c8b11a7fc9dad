//! The `From` impls the field lists expand to, one macro per kind of WIT type (record, enum,
//! variant) and one for how a field crosses. Not for direct use: invoke the lists.

/// `From` between a WIT record and the Rust struct of the same fields, in the direction given.
#[doc(hidden)]
#[macro_export]
macro_rules! __record {
    (from $wit:ident $name:ident = $($rust:ident)::+ {
        $($field:ident $(: $kind:ident)?),* $(,)?
    }) => {
        $crate::__record!(@impl $wit::$name => $($rust)::+ { $($field $(: $kind)?),* });
    };
    (into $wit:ident $name:ident = $($rust:ident)::+ {
        $($field:ident $(: $kind:ident)?),* $(,)?
    }) => {
        $crate::__record!(@impl $($rust)::+ => $wit::$name { $($field $(: $kind)?),* });
    };
    (@impl $source:path => $target:path { $($field:ident $(: $kind:ident)?),* }) => {
        impl ::core::convert::From<$source> for $target {
            fn from(value: $source) -> Self {
                Self {
                    $($field: $crate::__field!($($kind)? value.$field)),*
                }
            }
        }
    };
}

/// `From` between a WIT enum and the Rust enum of the same unit variants, in the direction
/// given.
#[doc(hidden)]
#[macro_export]
macro_rules! __enum {
    (from $wit:ident $name:ident = $($rust:ident)::+ { $($variant:ident),* $(,)? }) => {
        $crate::__enum!(@impl $wit::$name => $($rust)::+ { $($variant),* });
    };
    (into $wit:ident $name:ident = $($rust:ident)::+ { $($variant:ident),* $(,)? }) => {
        $crate::__enum!(@impl $($rust)::+ => $wit::$name { $($variant),* });
    };
    (@impl $source:path => $target:path { $($variant:ident),* }) => {
        impl ::core::convert::From<$source> for $target {
            fn from(value: $source) -> Self {
                type Source = $source;
                match value {
                    $(Source::$variant => Self::$variant),*
                }
            }
        }
    };
}

/// `From` between a WIT variant whose cases carry the records `wit::<Case>` and the Rust enum
/// whose struct variants have the same fields, in the direction given.
#[doc(hidden)]
#[macro_export]
macro_rules! __variant {
    (from $wit:ident $name:ident = $($rust:ident)::+ {
        $($variant:ident { $($field:ident),* $(,)? }),* $(,)?
    }) => {
        impl ::core::convert::From<$wit::$name> for $($rust)::+ {
            fn from(value: $wit::$name) -> Self {
                match value {
                    $($wit::$name::$variant(case) => Self::$variant { $($field: case.$field),* }),*
                }
            }
        }
    };
    (into $wit:ident $name:ident = $($rust:ident)::+ {
        $($variant:ident { $($field:ident),* $(,)? }),* $(,)?
    }) => {
        impl ::core::convert::From<$($rust)::+> for $wit::$name {
            fn from(value: $($rust)::+) -> Self {
                type Source = $($rust)::+;
                match value {
                    $(Source::$variant { $($field),* } => {
                        Self::$variant($wit::$variant { $($field),* })
                    })*
                }
            }
        }
    };
}

/// One field's value on the other side, by how it crosses (see the crate documentation).
#[doc(hidden)]
#[macro_export]
macro_rules! __field {
    (into $value:expr) => {
        ::core::convert::Into::into($value)
    };
    (each $value:expr) => {
        $value
            .into_iter()
            .map(::core::convert::Into::into)
            .collect()
    };
    (option $value:expr) => {
        $value.map(::core::convert::Into::into)
    };
    (count $value:expr) => {
        $crate::Count::count($value)
    };
    (option_count $value:expr) => {
        $value.map($crate::Count::count)
    };
    ($value:expr) => {
        $value
    };
}
