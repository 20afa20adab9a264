#!/usr/bin/env bash
# Regenerates the fixtures and the oracle goldens with a real kubectl (a developer tool; no
# test runs it). Usage: tests/golden/kubectl/oracle/regenerate.sh [path-to-kubectl]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../fixtures"
kubectl="${1:-kubectl}"
port=18471
python3 "$here/make_fixtures.py" "$fixtures"
python3 "$here/fake_apiserver.py" "$port" "$fixtures"/*.json &
server=$!
trap 'kill "$server"' EXIT
sleep 1
k() { TZ=UTC "$kubectl" --server="http://127.0.0.1:$port" "$@"; }
run() { # run NAME ARGS...: stdout then stderr (after a "--- stderr" line when non-empty)
  local name="$1"; shift
  local out err
  out="$(k "$@" 2>"$here/.stderr"; echo x)"; out="${out%x}"
  err="$(cat "$here/.stderr")"
  { printf '%s' "$out"; if [ -n "$err" ]; then printf -- '--- stderr\n%s\n' "$err"; fi; } >"$here/$name.out"
}
while IFS='|' read -r name args; do
  [ -z "$name" ] && continue
  eval "run $name $args" || true
done <"$here/commands.txt"
rm -f "$here/.stderr"
