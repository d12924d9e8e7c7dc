#!/usr/bin/env bash
# Load on loopback with the release build: the example patient-view call
# (server/examples/patient-view.json: Patient, Condition and intake QuestionnaireResponse in the
# prefetch) against acupuncture-lbp-patient-view, with wrk (Debian package `wrk`).
#
#   server/load/run.sh            # --no-auth, then with a fresh ES256 JWT on every request
#   DURATION=30s CONNECTIONS="16 64" TOKEN_COUNT=100000 server/load/run.sh
#
# A JWT run needs a token per request (each jti once): if wrk reports non-2xx responses, the
# tokens ran out; raise TOKEN_COUNT.
#
# Server and load generator share the machine's cores; the figures are for this machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${DURATION:-10s}
connections=${CONNECTIONS:-8 32}
threads=${THREADS:-2}
port=${PORT:-18080}
service=acupuncture-lbp-patient-view
url="http://127.0.0.1:$port/cds-services/$service"

command -v wrk > /dev/null || { echo "run.sh: needs wrk (apt-get install -y wrk)" >&2; exit 2; }
cargo build --quiet --release -p acupuncture-guidance-server --bin acupuncture-guidance-server --example jwt_tokens --example pipeline_cost
bin=target/release/acupuncture-guidance-server

start() {
    "$bin" --listen "127.0.0.1:$port" --today 2026-11-27 "$@" > /dev/null 2>&1 &
    pid=$!
    for _ in $(seq 50); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/cds-services"; then return; fi
        sleep 0.1
    done
    echo "run.sh: the server did not start" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2> /dev/null || true; }
trap 'kill "$pid" 2> /dev/null || true' EXIT

echo "== uptime before: $(uptime)"
start --no-auth
curl -sf -X POST -H 'Content-Type: application/json' --data @server/examples/patient-view.json "$url" | grep -q '"acupuncture_reasonable"'
for c in $connections; do
    echo "== patient-view, --no-auth ($threads threads, $c connections, $duration)"
    wrk -t"$threads" -c"$c" -d"$duration" --latency -s server/load/patient-view.lua "$url"
done
stop

jwt_connections=${JWT_CONNECTIONS:-8}
echo "== patient-view with a fresh ES256 JWT per request ($threads threads, $jwt_connections connections, $duration)"
tokens=$(mktemp)
target/release/examples/jwt_tokens "$url" "${TOKEN_COUNT:-40000}" > "$tokens"
start --issuer "https://ehr.test/=server/tests/keys/jwks.json" --base-url "http://127.0.0.1:$port"
TOKENS="$tokens" THREADS="$threads" wrk -t"$threads" -c"$jwt_connections" -d"$duration" --latency -s server/load/patient-view.lua "$url"
stop
rm -f "$tokens"

echo "== JWT verification alone"
target/release/examples/jwt_tokens --verify-cost
echo "== the in-process work of one call"
target/release/examples/pipeline_cost
echo "== uptime after: $(uptime)"
