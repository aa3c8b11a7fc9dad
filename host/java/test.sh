#!/usr/bin/env bash
# Runs the Java SDK's test suite (JUnit 5 on Maven) and prints Surefire's per-class summary.
# The first run downloads Chicory, Jackson and JUnit from Maven Central into ~/.m2; later runs
# work offline from that cache. The suite loads ../../dist/dsplan.core.wasm
# (scripts/build-wasm.sh), or $DSPLAN_WASM.
set -uo pipefail
cd "$(dirname "$0")"

wasm="${DSPLAN_WASM:-../../dist/dsplan.core.wasm}"
if [[ ! -f "$wasm" ]]; then
  echo "host/java: $wasm is missing; run scripts/build-wasm.sh first" >&2
  exit 1
fi

# After a green run with this pom.xml every dependency is in ~/.m2: run offline.
deps_key=$(sha256sum pom.xml | cut -c1-64)
offline=()
if [[ "$(cat target/.deps-ok 2>/dev/null)" == "$deps_key" ]]; then
  offline=(-o)
fi
# Compile from the sources every time: stale classes or Maven's incremental-build lists (from an
# older checkout) must not decide what runs. The Chicory compiler cache is kept: it is keyed by the
# module's digest.
rm -rf target/classes target/test-classes target/maven-status target/surefire-reports
mvn -q -B -Dstyle.color=never "${offline[@]}" -Ddsplan.wasm="$(realpath "$wasm")" test
rc=$?

# -q hides Surefire's INFO summary; print it from its reports.
total=0 failed=0
for report in target/surefire-reports/*.txt; do
  [[ -f "$report" ]] || continue
  line=$(grep -m1 '^Tests run:' "$report")
  echo "${report#target/surefire-reports/}: $line"
  read -r run fail err <<<"$(sed -E 's/Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+).*/\1 \2 \3/' <<<"$line")"
  total=$((total + run)) failed=$((failed + fail + err))
done
echo "host/java: $total tests, $failed failed"

if [[ $rc -eq 0 ]]; then
  echo "$deps_key" >target/.deps-ok
fi
exit $rc
