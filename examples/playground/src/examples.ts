// The bundled inputs: every file of examples/clusters and examples/daemonsets, read at build time.
const clusters = import.meta.glob("../../clusters/*.yaml", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const daemonSets = import.meta.glob("../../daemonsets/*.yaml", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

export interface Example {
  id: string;
  text: string;
}

function list(files: Record<string, string>): Example[] {
  return Object.entries(files)
    .map(([path, text]) => ({ id: path.replace(/^.*\//, "").replace(/\.yaml$/, ""), text }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export const CLUSTERS = list(clusters);
export const DAEMONSETS = list(daemonSets);

/** The first view: the GPU cluster with the GPU device plugin. */
export const DEFAULT_CLUSTER = CLUSTERS.find((c) => c.id === "cloud-gpu-spot")?.id ?? CLUSTERS[0]?.id ?? "";
export const DEFAULT_DAEMONSET = DAEMONSETS.find((d) => d.id === "gpu-device-plugin")?.id ?? DAEMONSETS[0]?.id ?? "";
