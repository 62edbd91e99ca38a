#!/usr/bin/env bash
# For a machine with Docker: the broker docker-compose.yml builds (Zeebe 8.5 with the
# zeebe-redis-exporter) and its Redis, published on loopback, then the engine port's conformance
# suite through the Zeebe adapter against them, the read side filled by the exporter's consumer
# (test/engine/port/zeebe-real.e2e.spec.ts). No Docker on the project's CI machines: there the
# same suite runs against the embedded engine's own gateway.
set -euo pipefail
cd "$(dirname "$0")/.."

# Compose checks every service's required settings; only the broker and Redis start here.
export POSTGRES_PASSWORD=smoke DATABASE_RUNTIME_PASSWORD=smokesmokesmoke1 \
  ADMIN_PASSWORD=smoke-admin-pw JWT_SECRET=smoke-smoke-smoke-smoke-smoke-smoke
override=$(mktemp --suffix=.yml)
cat >"$override" <<'YAML'
services:
  zeebe:
    ports: ["127.0.0.1:26500:26500", "127.0.0.1:9600:9600"]
  redis:
    ports: ["127.0.0.1:16379:6379"]
YAML
compose=(docker compose -p "percorsi-zeebe-smoke-$$" -f docker-compose.yml -f "$override")
trap '"${compose[@]}" down -v >/dev/null 2>&1; rm -f "$override"' EXIT
"${compose[@]}" up -d --build zeebe redis

echo "waiting for the broker on 127.0.0.1:26500…"
# The broker's monitoring port answers its readiness probe once the partition is up.
for _ in $(seq 1 90); do
  if curl -fsS http://127.0.0.1:9600/actuator/health/readiness >/dev/null 2>&1; then break; fi
  sleep 2
done

ZEEBE_TEST_ADDRESS=127.0.0.1:26500 ZEEBE_TEST_REDIS_URL=redis://127.0.0.1:16379 \
  npm test -- test/engine/port/zeebe-real.e2e.spec.ts
