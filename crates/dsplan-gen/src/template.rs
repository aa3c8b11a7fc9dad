//! Pod templates: the containers, ports, requests and scheduling constraints of a workload, and
//! their rendering as a pod spec, either as users write it (manifests) or as the API server
//! stores it (defaults filled in, as `kubectl get -o json` prints live objects).

use serde_json::{json, Map, Value};

/// A container port; `host` also binds it on the node (`hostPort`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Port {
    pub name: &'static str,
    pub port: u16,
    pub protocol: &'static str,
    pub host: bool,
}

/// A TCP port only the pod sees.
pub(crate) const fn tcp(name: &'static str, port: u16) -> Port {
    Port {
        name,
        port,
        protocol: "TCP",
        host: false,
    }
}

/// A UDP port only the pod sees.
pub(crate) const fn udp(name: &'static str, port: u16) -> Port {
    Port {
        name,
        port,
        protocol: "UDP",
        host: false,
    }
}

/// A port bound on the node too.
pub(crate) const fn host(name: &'static str, port: u16, protocol: &'static str) -> Port {
    Port {
        name,
        port,
        protocol,
        host: true,
    }
}

/// One container and its resource requests.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Container {
    pub name: &'static str,
    pub image: &'static str,
    pub cpu_milli: u32,
    pub memory_mi: u32,
    pub gpus: u32,
    pub ports: &'static [Port],
}

/// Everything about a workload's pods that does not vary from pod to pod.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub namespace: &'static str,
    pub name: &'static str,
    pub containers: &'static [Container],
    pub host_network: bool,
    pub priority_class: Option<&'static str>,
    pub node_selector: &'static [(&'static str, &'static str)],
    /// `spec.affinity`, when the workload has one.
    pub affinity: Option<fn() -> Value>,
    pub tolerations: fn() -> Value,
}

/// No tolerations beyond the defaults.
pub(crate) fn no_tolerations() -> Value {
    json!([])
}

/// Tolerates every taint: what node agents use.
pub(crate) fn tolerate_everything() -> Value {
    json!([{"operator": "Exists"}])
}

impl Template {
    /// CPU requested by all containers, in millicores.
    pub fn cpu_milli(&self) -> u64 {
        self.containers.iter().map(|c| u64::from(c.cpu_milli)).sum()
    }

    /// Memory requested by all containers, in MiB.
    pub fn memory_mi(&self) -> u64 {
        self.containers.iter().map(|c| u64::from(c.memory_mi)).sum()
    }

    /// GPUs requested by all containers.
    pub fn gpus(&self) -> u32 {
        self.containers.iter().map(|c| c.gpus).sum()
    }

    /// The ports this workload binds on its node.
    pub fn host_ports(&self) -> impl Iterator<Item = &Port> {
        self.containers
            .iter()
            .flat_map(|c| c.ports)
            .filter(|p| p.host)
    }

    /// The pod spec as a manifest author writes it.
    pub fn manifest_spec(&self) -> Value {
        let mut spec = Map::new();
        if let Some(affinity) = self.affinity {
            spec.insert("affinity".into(), affinity());
        }
        spec.insert(
            "containers".into(),
            self.containers
                .iter()
                .map(|c| container(c, self.host_network, false, None))
                .collect(),
        );
        self.common(&mut spec);
        let tolerations = (self.tolerations)();
        if tolerations.as_array().is_some_and(|t| !t.is_empty()) {
            spec.insert("tolerations".into(), tolerations);
        }
        Value::Object(spec)
    }

    /// The pod spec as the API server stores it: defaults set, the service account token
    /// volume mounted (`token_volume` names it; `None` in a controller's template), and
    /// `tolerations` (the workload's plus those admission or the controller added).
    pub fn stored_spec(&self, token_volume: Option<&str>, tolerations: Value) -> Value {
        let mut spec = Map::new();
        if let Some(affinity) = self.affinity {
            spec.insert("affinity".into(), affinity());
        }
        spec.insert(
            "containers".into(),
            self.containers
                .iter()
                .map(|c| container(c, self.host_network, true, token_volume))
                .collect(),
        );
        let dns_policy = if self.host_network {
            "ClusterFirstWithHostNet"
        } else {
            "ClusterFirst"
        };
        spec.insert("dnsPolicy".into(), dns_policy.into());
        spec.insert("enableServiceLinks".into(), true.into());
        self.common(&mut spec);
        let priority = match self.priority_class {
            Some("system-node-critical") => 2_000_001_000,
            Some("system-cluster-critical") => 2_000_000_000,
            _ => 0,
        };
        spec.insert("preemptionPolicy".into(), "PreemptLowerPriority".into());
        spec.insert("priority".into(), priority.into());
        spec.insert("restartPolicy".into(), "Always".into());
        spec.insert("schedulerName".into(), "default-scheduler".into());
        spec.insert("securityContext".into(), json!({}));
        spec.insert("serviceAccount".into(), self.name.into());
        spec.insert("serviceAccountName".into(), self.name.into());
        spec.insert("terminationGracePeriodSeconds".into(), 30.into());
        if tolerations.as_array().is_some_and(|t| !t.is_empty()) {
            spec.insert("tolerations".into(), tolerations);
        }
        if let Some(volume) = token_volume {
            spec.insert("volumes".into(), json!([token_projection(volume)]));
        }
        Value::Object(spec)
    }

    /// Fields written the same way in manifests and stored objects.
    fn common(&self, spec: &mut Map<String, Value>) {
        if self.host_network {
            spec.insert("hostNetwork".into(), true.into());
        }
        if !self.node_selector.is_empty() {
            let selector: Map<String, Value> = self
                .node_selector
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                .collect();
            spec.insert("nodeSelector".into(), selector.into());
        }
        if let Some(class) = self.priority_class {
            spec.insert("priorityClassName".into(), class.into());
        }
    }
}

/// One container; `stored` adds the API server's defaults.
fn container(c: &Container, host_network: bool, stored: bool, token: Option<&str>) -> Value {
    let mut requests = json!({
        "cpu": format!("{}m", c.cpu_milli),
        "memory": format!("{}Mi", c.memory_mi),
    });
    let mut out = json!({
        "image": c.image,
        "name": c.name,
        "resources": {},
    });
    if c.gpus > 0 {
        requests["nvidia.com/gpu"] = c.gpus.to_string().into();
        out["resources"]["limits"] = json!({"nvidia.com/gpu": c.gpus.to_string()});
    }
    out["resources"]["requests"] = requests;
    if !c.ports.is_empty() {
        let ports: Vec<Value> = c
            .ports
            .iter()
            .map(|p| {
                let mut port =
                    json!({"containerPort": p.port, "name": p.name, "protocol": p.protocol});
                // With host networking the API server defaults hostPort to containerPort.
                if p.host || (stored && host_network) {
                    port["hostPort"] = p.port.into();
                }
                port
            })
            .collect();
        out["ports"] = ports.into();
    }
    if stored {
        out["imagePullPolicy"] = "IfNotPresent".into();
        out["terminationMessagePath"] = "/dev/termination-log".into();
        out["terminationMessagePolicy"] = "File".into();
        if let Some(volume) = token {
            out["volumeMounts"] = json!([{
                "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                "name": volume,
                "readOnly": true,
            }]);
        }
    }
    out
}

/// The projected service-account token volume admission adds to every pod.
fn token_projection(name: &str) -> Value {
    json!({
        "name": name,
        "projected": {
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}},
            ],
        },
    })
}
