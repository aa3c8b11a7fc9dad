//! The Kubernetes feature gates that change placement, with the defaults of the release we
//! follow ([`crate::KUBERNETES_VERSION`]), parsed from `Name=true,Name2=false` as kube components
//! spell them (`--feature-gates`).

use std::fmt;

/// Placement-relevant feature gates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureGates {
    /// `TaintTolerationComparisonOperators` (alpha in v1.35 and v1.36, default off): the `Lt` and
    /// `Gt` toleration operators. Off, they tolerate nothing.
    pub taint_toleration_comparison_operators: bool,
    /// `PodLevelResources` (beta since v1.34, default on): `spec.resources` of a pod overrides
    /// the container sum for cpu, memory and hugepages.
    pub pod_level_resources: bool,
    /// `InPlacePodLevelResourcesVerticalScaling` (beta in v1.36, default on): existing pods'
    /// pod-level requests count `max(spec, status)` after an in-place resize. Kube components
    /// refuse it on while `PodLevelResources` is off.
    pub in_place_pod_level_resources_vertical_scaling: bool,
}

impl Default for FeatureGates {
    fn default() -> Self {
        Self {
            taint_toleration_comparison_operators: false,
            pod_level_resources: true,
            in_place_pod_level_resources_vertical_scaling: true,
        }
    }
}

/// Gates that are GA and locked to `true` in the release we follow: setting them to `false` is
/// an error, as in kube components.
const LOCKED_TRUE: &[&str] = &["SidecarContainers", "InPlacePodVerticalScaling"];

/// A `--feature-gates` value that kube components would reject.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeatureGateError {
    /// An entry is not of the form `Name=true|false`.
    #[error("missing bool value for {0}")]
    MissingValue(String),
    /// The value is not a boolean.
    #[error("invalid value of {name}={value}, err: strconv.ParseBool: parsing {value:?}: invalid syntax")]
    BadValue {
        /// Gate name.
        name: String,
        /// The value given.
        value: String,
    },
    /// The gate does not change placement, or does not exist.
    #[error("unrecognized feature gate: {0} (dsplan knows: {known})", known = FeatureGates::KNOWN.join(", "))]
    Unknown(String),
    /// An enabled gate depends on a disabled one (component-base `featuregate` validation).
    #[error("{0} is enabled, but depends on features that are disabled: [{1}]")]
    Dependency(String, String),
    /// A locked gate was set to its non-locked value.
    #[error("cannot set feature gate {0} to false, feature is locked to true")]
    Locked(String),
}

impl FeatureGates {
    /// Every gate name `--feature-gates` accepts.
    pub const KNOWN: &'static [&'static str] = &[
        "TaintTolerationComparisonOperators",
        "PodLevelResources",
        "InPlacePodLevelResourcesVerticalScaling",
        "SidecarContainers",
        "InPlacePodVerticalScaling",
    ];

    /// Applies `Name=bool,...` on top of `self`.
    pub fn parse(mut self, spec: &str) -> Result<Self, FeatureGateError> {
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, value) = entry
                .split_once('=')
                .ok_or_else(|| FeatureGateError::MissingValue(entry.to_owned()))?;
            let (name, value) = (name.trim(), value.trim());
            let on = parse_go_bool(value).ok_or_else(|| FeatureGateError::BadValue {
                name: name.to_owned(),
                value: value.to_owned(),
            })?;
            self.set(name, on)?;
        }
        self.check_dependencies()?;
        Ok(self)
    }

    /// Refuses combinations kube components refuse: an enabled gate whose dependencies are off.
    pub fn check_dependencies(&self) -> Result<(), FeatureGateError> {
        if self.in_place_pod_level_resources_vertical_scaling && !self.pod_level_resources {
            return Err(FeatureGateError::Dependency(
                "InPlacePodLevelResourcesVerticalScaling".to_owned(),
                "PodLevelResources".to_owned(),
            ));
        }
        Ok(())
    }

    /// Sets one gate by its Kubernetes name.
    pub fn set(&mut self, name: &str, on: bool) -> Result<(), FeatureGateError> {
        match name {
            "TaintTolerationComparisonOperators" => self.taint_toleration_comparison_operators = on,
            "PodLevelResources" => self.pod_level_resources = on,
            "InPlacePodLevelResourcesVerticalScaling" => {
                self.in_place_pod_level_resources_vertical_scaling = on;
            }
            locked if LOCKED_TRUE.contains(&locked) => {
                if !on {
                    return Err(FeatureGateError::Locked(name.to_owned()));
                }
            }
            _ => return Err(FeatureGateError::Unknown(name.to_owned())),
        }
        Ok(())
    }

    /// `(name, value)` for every gate, in [`FeatureGates::KNOWN`] order.
    pub fn entries(&self) -> Vec<(&'static str, bool)> {
        vec![
            (
                "TaintTolerationComparisonOperators",
                self.taint_toleration_comparison_operators,
            ),
            ("PodLevelResources", self.pod_level_resources),
            (
                "InPlacePodLevelResourcesVerticalScaling",
                self.in_place_pod_level_resources_vertical_scaling,
            ),
            ("SidecarContainers", true),
            ("InPlacePodVerticalScaling", true),
        ]
    }
}

impl fmt::Display for FeatureGates {
    /// `Name=true,Name2=false`, parseable by [`FeatureGates::parse`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entries: Vec<String> = self
            .entries()
            .into_iter()
            .map(|(name, on)| format!("{name}={on}"))
            .collect();
        f.write_str(&entries.join(","))
    }
}

/// Go's `strconv.ParseBool`, which kube components use for gate values.
fn parse_go_bool(value: &str) -> Option<bool> {
    match value {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kube_spelling() {
        let gates = FeatureGates::default()
            .parse(
                "TaintTolerationComparisonOperators=true, PodLevelResources=false, \
                 InPlacePodLevelResourcesVerticalScaling=false",
            )
            .expect("valid gates");
        assert!(gates.taint_toleration_comparison_operators);
        assert!(!gates.pod_level_resources);
        assert_eq!(FeatureGates::default().parse(&gates.to_string()), Ok(gates));
    }

    #[test]
    fn rejects_what_kube_rejects() {
        let base = FeatureGates::default();
        assert_eq!(
            base.parse("Nope=true"),
            Err(FeatureGateError::Unknown("Nope".into()))
        );
        assert_eq!(
            base.parse("SidecarContainers=false"),
            Err(FeatureGateError::Locked("SidecarContainers".into()))
        );
        assert_eq!(
            base.parse("PodLevelResources=false"),
            Err(FeatureGateError::Dependency(
                "InPlacePodLevelResourcesVerticalScaling".into(),
                "PodLevelResources".into()
            ))
        );
        assert!(matches!(
            base.parse("PodLevelResources=yes"),
            Err(FeatureGateError::BadValue { .. })
        ));
        assert!(matches!(
            base.parse("PodLevelResources"),
            Err(FeatureGateError::MissingValue(_))
        ));
    }
}
