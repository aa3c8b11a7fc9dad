use std::time::Instant;
fn pod(i: usize, node: usize) -> String {
    format!(r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"creationTimestamp":"2026-01-01T00:00:00Z","generateName":"web-abc-","labels":{{"app":"web","pod-template-hash":"abc123","tier":"frontend"}},"name":"web-{i}","namespace":"ns-{ns}","ownerReferences":[{{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"ReplicaSet","name":"web-abc","uid":"0b6b1a9e-1111-2222-3333-444455556666"}}],"resourceVersion":"123456","uid":"7c3c1d2e-aaaa-bbbb-cccc-ddddeeeeffff"}},"spec":{{"containers":[{{"image":"nginx:1.25","imagePullPolicy":"IfNotPresent","name":"web","ports":[{{"containerPort":80,"protocol":"TCP"}}],"resources":{{"limits":{{"cpu":"500m","memory":"256Mi"}},"requests":{{"cpu":"100m","memory":"128Mi"}}}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","volumeMounts":[{{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-xyz","readOnly":true}}]}},{{"image":"sidecar:1","imagePullPolicy":"IfNotPresent","name":"sidecar","resources":{{"requests":{{"cpu":"10m","memory":"16Mi"}}}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}}],"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"nodeName":"node-{node}","preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{{}},"serviceAccount":"default","serviceAccountName":"default","terminationGracePeriodSeconds":30,"tolerations":[{{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300}},{{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}}],"volumes":[{{"name":"kube-api-access-xyz","projected":{{"defaultMode":420,"sources":[{{"serviceAccountToken":{{"expirationSeconds":3607,"path":"token"}}}}]}}}}]}},"status":{{"conditions":[{{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:01Z","status":"True","type":"Initialized"}},{{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:05Z","status":"True","type":"Ready"}},{{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:05Z","status":"True","type":"ContainersReady"}},{{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:00Z","status":"True","type":"PodScheduled"}}],"containerStatuses":[{{"containerID":"containerd://abcdef0123456789","image":"docker.io/library/nginx:1.25","imageID":"docker.io/library/nginx@sha256:0123456789abcdef","lastState":{{}},"name":"web","ready":true,"restartCount":0,"started":true,"state":{{"running":{{"startedAt":"2026-01-01T00:00:03Z"}}}}}}],"hostIP":"10.0.0.1","phase":"Running","podIP":"10.244.1.5","podIPs":[{{"ip":"10.244.1.5"}}],"qosClass":"Burstable","startTime":"2026-01-01T00:00:00Z"}}}}"#, ns = i % 50)
}
fn node(i: usize) -> String {
    format!(r#"{{"apiVersion":"v1","kind":"Node","metadata":{{"annotations":{{"node.alpha.kubernetes.io/ttl":"0"}},"creationTimestamp":"2026-01-01T00:00:00Z","labels":{{"kubernetes.io/arch":"amd64","kubernetes.io/hostname":"node-{i}","kubernetes.io/os":"linux","topology.kubernetes.io/zone":"zone-{z}"}},"name":"node-{i}","resourceVersion":"1","uid":"u-{i}"}},"spec":{{"podCIDR":"10.244.0.0/24","taints":[{{"effect":"NoSchedule","key":"dedicated","value":"x"}}]}},"status":{{"addresses":[{{"address":"10.0.0.1","type":"InternalIP"}}],"allocatable":{{"cpu":"8","ephemeral-storage":"100Gi","hugepages-2Mi":"0","memory":"32Gi","pods":"110"}},"capacity":{{"cpu":"8","ephemeral-storage":"100Gi","hugepages-2Mi":"0","memory":"32Gi","pods":"110"}},"conditions":[{{"lastHeartbeatTime":"2026-01-01T00:00:00Z","lastTransitionTime":"2026-01-01T00:00:00Z","message":"kubelet is posting ready status","reason":"KubeletReady","status":"True","type":"Ready"}}],"nodeInfo":{{"architecture":"amd64","bootID":"b","containerRuntimeVersion":"containerd://1.7","kernelVersion":"6.1","kubeProxyVersion":"v1.36.2","kubeletVersion":"v1.36.2","machineID":"m","operatingSystem":"linux","osImage":"Ubuntu","systemUUID":"s"}}}}}}"#, z = i % 3)
}
fn main() {
    let nodes: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(500);
    let pods = nodes * 30;
    let mut items = Vec::with_capacity(nodes + pods);
    let _ = node;
    for i in 0..pods { items.push(pod(i, i % nodes)); }
    let text = format!("{{\"apiVersion\":\"v1\",\"items\":[{}],\"kind\":\"List\",\"metadata\":{{\"resourceVersion\":\"\"}}}}", items.join(",\n"));
    drop(items);
    println!("{} MB, {nodes} nodes, {pods} pods", text.len() / 1_000_000);
    #[derive(serde::Deserialize)]
    struct L { items: Vec<dsplan_model::k8s_openapi::api::core::v1::Pod> }
    for _ in 0..4 {
        let t = Instant::now();
        let l: L = serde_json::from_str(&text).unwrap();
        let typed = t.elapsed();
        drop(l);
        println!("bare typed Vec<Pod> {typed:?}");
        let t = Instant::now();
        serde_json::from_str::<serde::de::IgnoredAny>(&text).unwrap();
        let ignored = t.elapsed();
        let t = Instant::now();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let value = t.elapsed();
        drop(v);
        let t = Instant::now();
        let s = dsplan_snapshot::parse(&[dsplan_snapshot::Input { name: "x", text: &text, role: dsplan_snapshot::Role::Snapshot }]).unwrap();
        let parsed = t.elapsed();
        assert_eq!(s.pods.len(), pods);
        let t = Instant::now();
        drop(s);
        let dropped = t.elapsed();
        println!("IgnoredAny {ignored:?}  Value {value:?}  dsplan parse {parsed:?} (+drop {dropped:?})  ratio {:.2}", parsed.as_secs_f64() / ignored.as_secs_f64());
    }
}
