#!/usr/bin/env bash
# Canary trials on this repository's own staging, as issue 14 asks: N deploys of a faulty (or
# healthy) order manager by canary, no person involved, each timed from the rollout's record.
#
#   cli/bench/canary-trials.sh errors 10     # OASIS_FAULT_ERROR_RATE=0.3: must abort
#   cli/bench/canary-trials.sh latency 10    # OASIS_FAULT_LATENCY_MS=200: must abort
#   cli/bench/canary-trials.sh healthy 10    # a harmless change: must be promoted
#
# Staging must be deployed first (./oasis deploy --env staging). Prints one line per trial and a
# summary: for an aborted canary the seconds from canary ready to traffic back on stable, for a
# promoted one from ready to finished. Exits 1 if any trial ends otherwise than expected.
set -euo pipefail
cd "$(dirname "$0")/../.."

kind=${1:?errors|latency|healthy}
n=${2:-10}
case "$kind" in
  errors) want=aborted ;;
  latency) want=aborted ;;
  healthy) want=succeeded ;;
  *) echo "usage: $0 errors|latency|healthy [N]" >&2; exit 2 ;;
esac

secs() { # ISO-8601 instant → seconds since the epoch, with fractions
  python3 -c 'import sys,datetime;print(datetime.datetime.fromisoformat(sys.argv[1].replace("Z","+00:00")).timestamp())' "$1"
}

bad=0
times=()
for i in $(seq 1 "$n"); do
  case "$kind" in
    errors) set=order-manager.OASIS_FAULT_ERROR_RATE=0.3 ;;
    latency) set=order-manager.OASIS_FAULT_LATENCY_MS=200 ;;
    # a new value each time, read by the order manager and harmless: a real change to promote
    healthy) set="order-manager.OASIS_FAULT_ERROR_RATE=0.$(printf '0%.0s' $(seq 1 "$i"))" ;;
  esac
  code=0
  ./oasis deploy --env staging --strategy canary --set "$set" >/tmp/oasis-trial.out 2>/tmp/oasis-trial.err || code=$?
  report=$(./oasis rollout report --env staging --format json)
  state=$(jq -r '.state' <<<"$report")
  ready=$(jq -r '.readyAt // empty' <<<"$report")
  if [[ "$want" == aborted ]]; then
    end=$(jq -r '.trafficBackAt // empty' <<<"$report")
  else
    end=$(jq -r '.finishedAt // empty' <<<"$report")
  fi
  t=""
  if [[ -n "$ready" && -n "$end" ]]; then
    t=$(python3 -c "print(f'{$(secs "$end") - $(secs "$ready"):.1f}')")
    times+=("$t")
  fi
  verdict=$(jq -r '[.analyses[]? | .summary] | last // ""' <<<"$report" | cut -c1-110)
  printf 'trial %2d  exit %d  %-10s  %6s s  %s\n' "$i" "$code" "$state" "${t:-?}" "$verdict"
  [[ "$state" == "$want" ]] || { bad=$((bad + 1)); tail -5 /tmp/oasis-trial.err; }
  if [[ "$kind" != healthy && "$state" != aborted ]]; then
    ./oasis rollout abort --env staging >/dev/null 2>&1 || true
  fi
done
if ((${#times[@]})); then
  printf '%s\n' "${times[@]}" | sort -n | awk -v k="$kind" -v want="$want" -v n="$n" -v bad="$bad" '
    {t[NR]=$1} END {printf "%s: %d of %d %s; seconds min %s median %s max %s\n", k, n-bad, n, want, t[1], t[int((NR+1)/2)], t[NR]}'
fi
((bad == 0))
