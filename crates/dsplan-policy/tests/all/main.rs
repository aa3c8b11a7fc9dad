//! Integration tests of dsplan-policy: one binary (house style), one module per concern.

mod examples;
mod formats;
mod parse;
mod rules;
mod support;
