// A synthetic cluster snapshot for timing: `count` nodes in four pools, one in ten tainted
// `dedicated=batch:NoSchedule`, one in fifty cordoned, one in 25 with only 50m cpu. Shared by
// the Node timing test and the playground's browser test.
"use strict";

function bigCluster(count) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const pool = ["general", "gpu", "spot", "batch"][i % 4];
    const taints = i % 10 === 3 ? "\n    taints:\n    - {key: dedicated, value: batch, effect: NoSchedule}" : "";
    items.push(`- apiVersion: v1
  kind: Node
  metadata:
    name: node-${String(i).padStart(4, "0")}
    labels: {kubernetes.io/os: linux, kubernetes.io/arch: amd64, eks.amazonaws.com/nodegroup: ${pool}}
  spec:
    unschedulable: ${i % 50 === 7}${taints}
  status:
    allocatable: {cpu: "${i % 25 === 5 ? "50m" : "8"}", memory: 32Gi, pods: "110"}
    conditions:
    - {type: Ready, status: "True"}`);
  }
  return `apiVersion: v1\nkind: List\nitems:\n${items.join("\n")}\n`;
}

/** A DaemonSet with no tolerations that requests 100m cpu. */
const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: agent:1
        resources: {requests: {cpu: 100m}}
`;

module.exports = { bigCluster, AGENT };
