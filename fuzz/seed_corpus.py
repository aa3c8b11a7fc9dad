#!/usr/bin/env python3
"""Writes the fuzz corpora's seeds from the repository's examples and conformance vectors.

Usage: seed_corpus.py REPO_ROOT CORPUS_DIR

Writes CORPUS_DIR/<target>/seed-*, and copies the minimised inputs of findings
(fuzz/regressions/<target>/*) so that every run replays them. Standard library only. Seeds are small on purpose: libFuzzer
mutates them, and a 300 KB cluster would make every execution slow, so the example clusters are
cut down to a few nodes, the pods on them and every DaemonSet (kubectl's List layout: items at
column 0 under `items:`).

Input layouts (see fuzz/src/lib.rs): `plan` and `rollout` take NUL-separated segments
`snapshot \\0 proposed DaemonSets \\0 options`; the other text targets take one document.
"""
import json
import pathlib
import re
import sys

SEP = b"\0"
MAX_NODES = 2
MAX_PODS = 3


def split_items(text):
    """Returns (header lines, items as lists of lines, trailer lines) of a kubectl List."""
    lines = text.splitlines(keepends=True)
    start = lines.index("items:\n") + 1
    header, items, trailer = lines[:start], [], []
    for index, line in enumerate(lines[start:], start):
        if line.startswith("- "):
            items.append([line])
        elif line.startswith(" ") and items:
            items[-1].append(line)
        else:
            trailer = lines[index:]
            break
    return header, items, trailer


def field(item, indent, name):
    pattern = re.compile(r"^" + " " * indent + re.escape(name) + r": (.*)$")
    for line in item:
        match = pattern.match(line.rstrip("\n"))
        if match:
            return match.group(1).strip()
    return None


def shrink_cluster(text):
    """A List with the first few nodes, up to MAX_PODS pods on them and every DaemonSet."""
    header, items, trailer = split_items(text)
    nodes = [i for i in items if field(i, 2, "kind") == "Node"][:MAX_NODES]
    names = {field(i, 4, "name") for i in nodes}
    pods = [
        i for i in items if field(i, 2, "kind") == "Pod" and field(i, 4, "nodeName") in names
    ][:MAX_PODS]
    others = [i for i in items if field(i, 2, "kind") not in ("Node", "Pod")]
    kept = nodes + pods + others
    return "".join(header + [line for item in kept for line in item] + trailer)


def main():
    repo, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    corpus = {}

    def add(target, name, data):
        corpus.setdefault(target, {})[name] = data if isinstance(data, bytes) else data.encode()

    daemon_sets = sorted((repo / "examples/daemonsets").glob("*.yaml"))
    clusters = sorted((repo / "examples/clusters").glob("*.yaml"))
    small = {c.stem: shrink_cluster(c.read_text()) for c in clusters}

    for ds in daemon_sets:
        add("snapshot_text", f"ds-{ds.stem}", ds.read_text())
    for stem, text in small.items():
        add("snapshot_text", f"cluster-{stem}", text)
        for ds in daemon_sets:
            pair = text.encode() + SEP + ds.read_bytes()
            add("plan", f"{stem}-{ds.stem}", pair)
            add("rollout", f"{stem}-{ds.stem}", pair + SEP + b"start=10\nready=5\nterm=5\n")

    vectors = json.loads((repo / "conformance/vectors/plan.json").read_text())["vectors"]
    for vector in vectors:
        docs = vector["request"]["documents"]
        snapshot = [d["text"] for d in docs if d["role"] == "snapshot"]
        proposed = [d["text"] for d in docs if d["role"] == "proposed"]
        name = vector["id"].replace("/", "-")
        for i, text in enumerate(snapshot + proposed):
            add("snapshot_text", f"{name}-{i}", text)
        pair = "\n---\n".join(snapshot).encode() + SEP + "\n---\n".join(proposed).encode()
        add("plan", name, pair)
        add("rollout", name, pair)
        for quantity in re.findall(r'"(?:cpu|memory|pods|ephemeral-storage|nvidia\.com/gpu)":"([^"]*)"',
                                   "".join(d["text"] for d in docs)):
            add("quantity", f"q-{quantity}", quantity)

    for stem, text in small.items():
        for quantity in re.findall(r"^\s+(?:cpu|memory|pods|ephemeral-storage): \"?([^\"\n]*)",
                                   text, re.M):
            add("quantity", f"q-{quantity}", quantity)
    for quantity in ["100m", "1.5Gi", "2e3", "2E-3", "+5", ".5", "5.", "1n", "0.1Ki", "-1.5",
                     "1Ei", "9223372036854775807", "1e-9", "0.0000000001"]:
        add("quantity", f"q-{quantity}", quantity)

    add("policy", "example", (repo / "examples/ci/dsplan-policy.yaml").read_text())
    add("policy", "default", (repo / "crates/dsplan-policy/src/default-policy.yaml").read_text())

    # Minimised inputs of findings (fuzz/regressions/<target>/): replayed first by every run.
    for path in sorted((repo / "fuzz/regressions").glob("*/*")):
        add(path.parent.name, f"regression-{path.name}", path.read_bytes())

    for target, files in corpus.items():
        directory = out / target
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
            (directory / f"seed-{safe}").write_bytes(data)
        print(f"{target}: {len(files)} seeds in {directory}")


if __name__ == "__main__":
    main()
