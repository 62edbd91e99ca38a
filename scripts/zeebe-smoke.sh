#!/usr/bin/env bash
# For a machine with Docker: a real Zeebe broker, the image docker-compose.yml pins, on
# 127.0.0.1:26500, then the engine port's conformance suite through the Zeebe adapter against it
# (test/engine/port/zeebe-real.e2e.spec.ts). No Docker on the project's CI machines: there the
# same suite runs against the embedded engine's own gateway.
set -euo pipefail
cd "$(dirname "$0")/.."

# The broker image docker-compose.yml builds on (its exporter is not needed by this suite).
image=$(sed -n 's/^ *FROM *\(camunda\/zeebe:[0-9.]*\).*/\1/p' docker-compose.yml)
[ -n "$image" ] || { echo "no camunda/zeebe image in docker-compose.yml" >&2; exit 1; }
name="percorsi-zeebe-smoke-$$"
docker run --rm -d --name "$name" -p 127.0.0.1:26500:26500 -p 127.0.0.1:9600:9600 "$image" >/dev/null
trap 'docker stop "$name" >/dev/null' EXIT

echo "waiting for $image on 127.0.0.1:26500…"
# The broker's monitoring port answers its readiness probe once the partition is up.
for _ in $(seq 1 90); do
  if curl -fsS http://127.0.0.1:9600/actuator/health/readiness >/dev/null 2>&1; then break; fi
  sleep 2
done

ZEEBE_TEST_ADDRESS=127.0.0.1:26500 npm test -- test/engine/port/zeebe-real.e2e.spec.ts
