#!/usr/bin/env bash
# Builds the Docker image and checks it the way an operator meets it: it runs as a non-root user, its own HEALTHCHECK
# command passes, the settings page and the sandbox answer, data files are private to that user, and `stop` (SIGTERM)
# ends it cleanly with exit code 0. Not part of `npm test`: it needs a container engine, which CI machines lack.
#
#   scripts/container-smoke.sh                       # Docker
#   CONTAINER=podman scripts/container-smoke.sh      # Podman (CONTAINER may carry global flags)
# BUILD_FLAGS and RUN_FLAGS pass extra flags to `build` and `run` (README: the flags a restricted sandbox needed).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck disable=SC2206 # CONTAINER may carry global flags, e.g. "podman --runtime runc"
engine=(${CONTAINER:-docker})
image=jawab:smoke
name="jawab-smoke-$$"
port=${SMOKE_PORT:-3917}
fail() { echo "container smoke: FAIL: $*" >&2; "${engine[@]}" logs "$name" 2>&1 | tail -20 >&2 || true; exit 1; }
cleanup() { "${engine[@]}" rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# shellcheck disable=SC2086 # the flag lists are meant to split
"${engine[@]}" build ${BUILD_FLAGS:-} -t "$image" .
# shellcheck disable=SC2086
"${engine[@]}" run -d --name "$name" -e PORT="$port" -p "$port:$port" ${RUN_FLAGS:-} "$image" >/dev/null

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || fail "not ready after 60 s"

# The image's HEALTHCHECK, run as the engine would run it (inside the container, CMD-SHELL form).
check=$("${engine[@]}" inspect --format '{{index .Config.Healthcheck.Test 1}}' "$name")
[ -n "$check" ] || fail "the image has no HEALTHCHECK"
"${engine[@]}" exec "$name" sh -c "$check" || fail "HEALTHCHECK command exited $?"

uid=$("${engine[@]}" exec "$name" id -u)
[ "$uid" != "0" ] || fail "runs as root"
mode=$("${engine[@]}" exec "$name" stat -c '%a %u' /data/admin-token)
[ "$mode" = "600 $uid" ] || fail "admin token file is '$mode', expected '600 $uid'"

code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/app")
[ "$code" = 200 ] || fail "settings page answered $code"

# A customer message through the sandbox helpdesk gets an answer from the sample knowledge.
token=$("${engine[@]}" logs "$name" 2>&1 | sed -n 's/^Admin token (keep it; shown once): //p')
auth="Authorization: Bearer $token"
json='content-type: application/json'
id=$(curl -fsS -H "$auth" -H "$json" -d '{"name":"Sari"}' "http://127.0.0.1:$port/api/sandbox/conversations" | sed 's/[^0-9]//g')
curl -fsS -H "$auth" -H "$json" -d '{"text":"Berapa lama pengiriman ke Surabaya?"}' \
  "http://127.0.0.1:$port/api/sandbox/conversations/$id/messages" >/dev/null
answered=''
for _ in $(seq 1 20); do
  if curl -fsS -H "$auth" "http://127.0.0.1:$port/api/sandbox/conversations/$id" | grep -q '"from":"bot"'; then answered=yes; break; fi
  sleep 1
done
[ -n "$answered" ] || fail "the sandbox conversation got no answer in 20 s"

"${engine[@]}" stop -t 20 "$name" >/dev/null
exit_code=$("${engine[@]}" inspect --format '{{.State.ExitCode}}' "$name")
[ "$exit_code" = 0 ] || fail "stopped with exit code $exit_code"
echo "container smoke: ok (uid $uid, healthcheck passed, settings page 200, sandbox answered, clean stop)"
