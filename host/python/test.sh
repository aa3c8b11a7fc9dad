#!/usr/bin/env bash
# Installs the Python SDK into a venv outside the repository (idempotent) and runs its tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${DSPLAN_PYENV:-${XDG_CACHE_HOME:-$HOME/.cache}/dsplan/pyenv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# The venv outlives clones: the editable install is redone when it points at another clone
# (the stamp holds the path it was made from) or pyproject.toml changed.
stamp="$venv/.dsplan-installed"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$here" ] || [ "$here/pyproject.toml" -nt "$stamp" ]; then
  "$venv/bin/pip" install -q --disable-pip-version-check -e "$here[test]"
  printf '%s' "$here" >"$stamp"
fi
cd "$here"
set +e
"$venv/bin/python" -m pytest -q "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "host/python: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
