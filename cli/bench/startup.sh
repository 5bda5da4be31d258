#!/usr/bin/env bash
# Start-up of the oasis command as a user sees it: the whole ./oasis command, launcher included,
# with kubectl's client measured beside it in the same run. Prints mean ± sd of the wall time and
# the CPU (user+sys) per run, the ratios the targets are set in, and the load average before and
# after (the figures mean little on a busy machine: look for a 1-minute load below ~1.5).
#   usage: cli/bench/startup.sh [RUNS]        (default 20; needs hyperfine, kubectl, python3)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
runs="${1:-20}"
for tool in hyperfine kubectl python3; do
  command -v "$tool" >/dev/null || { echo "startup.sh: $tool is needed" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The project's own oasis.yaml in a directory where nothing was ever deployed: a stopped staging.
cp "$root/oasis.yaml" "$work/"
# Builds the CLI and its class-data archive when needed, outside the measurement.
"$root/oasis" --version >/dev/null

echo "load before: $(uptime)"
hyperfine --shell=none --warmup 3 --runs "$runs" --export-json "$work/runs.json" --style basic \
  -n "kubectl version --client" "kubectl version --client" \
  -n "oasis --version" "$root/oasis --version" \
  -n "oasis --help" "$root/oasis --help" \
  -n "oasis status --env staging (stopped)" "$root/oasis --project-dir $work status --env staging" \
  >"$work/hyperfine.txt"
shell="$(python3 "$root/cli/bench/prompt.py" "$runs" 'oasis> ' \
  "$root/oasis" --project-dir "$work" shell | sed "s|^.*: to prompt|oasis shell (stopped project): to prompt|")"
echo "load after:  $(uptime)"
echo
python3 - "$work/runs.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
kubectl = results["kubectl version --client"]["mean"]
limits = {"oasis --version": ("2x kubectl", 2 * kubectl), "oasis --help": ("2x kubectl", 2 * kubectl),
          "oasis status --env staging (stopped)": ("0.4 s", 0.4)}
print(f"{'command':40s} {'wall mean ± sd':>18s} {'CPU user+sys':>13s} {'x kubectl':>9s}  target")
for name, r in results.items():
    target, limit = limits.get(name, ("", None))
    verdict = "" if limit is None else (" met" if r["mean"] <= limit else " NOT met") + f" (<= {limit * 1000:.0f} ms)"
    print(f"{name:40s} {r['mean'] * 1000:7.0f} ± {r['stddev'] * 1000:4.0f} ms {(r['user'] + r['system']) * 1000:9.0f} ms"
          f" {r['mean'] / kubectl:8.2f}x  {target}{verdict}")
PY
echo "$shell   target: 500 ms to the prompt"
