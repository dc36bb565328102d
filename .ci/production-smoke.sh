#!/usr/bin/env bash
# Repeats docker/api.Dockerfile's runtime stage without Docker: installs only the API's production
# dependencies into a clean folder, copies the built dist folders in, starts it with
# NODE_ENV=production against a fresh MariaDB database, waits for readiness, then SIGTERMs it.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
db="marquee_smoke_$$"
cleanup() {
  [ -n "${pid:-}" ] && kill -9 "$pid" 2>/dev/null || true
  mariadb -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db" || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/apps/api" "$work/apps/web" "$work/libs/contracts"
cp package.json package-lock.json "$work/"
cp apps/api/package.json "$work/apps/api/"
cp libs/contracts/package.json "$work/libs/contracts/"
mkdir -p "$work/libs/sdk" && cp libs/sdk/package.json "$work/libs/sdk/"
[ -f apps/web/package.json ] && cp apps/web/package.json "$work/apps/web/"
(cd "$work" && npm ci --omit=dev --workspace apps/api --workspace libs/contracts --ignore-scripts --no-audit --no-fund --loglevel=error)
# The native addons were compiled by the main install: reuse their binaries instead of compiling again.
for addon in bcrypt better-sqlite3; do
  [ -d "node_modules/$addon/build" ] && cp -r "node_modules/$addon/build" "$work/node_modules/$addon/"
  [ -d "node_modules/$addon/prebuilds" ] && cp -r "node_modules/$addon/prebuilds" "$work/node_modules/$addon/"
done
cp -r apps/api/dist "$work/apps/api/dist"
cp -r libs/contracts/dist "$work/libs/contracts/dist"

mariadb -h 127.0.0.1 -uroot -e "CREATE DATABASE $db"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
(cd "$work" && NODE_ENV=production PORT="$port" DATABASE_URL="mysql://root@127.0.0.1:3306/$db" \
  JWT_SECRET=ci-production-smoke-secret-0123456789abcdef TICKET_SIGNING_KEY=Vh0kCi9Yq2m7ZsL4pW8xR1eT6uN3bD5fG0jK2aQ9cE4 SMTP_URL=smtp://127.0.0.1:9 ADMIN_PASSWORD=Smoke-admin-1 LOG_LEVEL=warn \
  node apps/api/dist/main.js) &
pid=$!

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/api/health/ready" >/dev/null && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/api/health/ready"
echo
services=$(curl -fsS "http://127.0.0.1:$port/api/services" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).meta.total))")
[ "$services" = "0" ] || { echo "production seeded demo data ($services services)"; exit 1; }

kill -TERM "$pid"
for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then echo "the API did not stop within 10 s of SIGTERM"; exit 1; fi
wait "$pid" || true
pid=
echo "production install started, answered ready and stopped on SIGTERM"
