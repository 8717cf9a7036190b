#!/usr/bin/env bash
# The production-like run, without Docker: the real Keycloak (from Maven Central, realm imported) on :8180
# and the packaged server in the prod profile on :8080, against the local PostgreSQL (database `dealroom`).
# Everything the server knows comes from the environment, as in production. Ctrl-C stops both.
#
#   docker/run-local.sh
set -euo pipefail
cd "$(dirname "$0")/.."

keycloak_port="${KEYCLOAK_PORT:-8180}"
secret="deal-room-dev-secret-change-me-in-production"   # the realm file's client secret

bash src/build/local-postgres.sh dealroom
./mvnw -B -q package -DskipTests -Dlocaldb.skip=true

mkdir -p target
bash docker/keycloak/run-keycloak.sh "$keycloak_port" > target/keycloak.log 2>&1 &
keycloak=$!
trap 'kill $keycloak 2>/dev/null; wait $keycloak 2>/dev/null' EXIT
echo "Starting Keycloak on http://localhost:$keycloak_port (log: target/keycloak.log)…"
for _ in $(seq 1 300); do
    curl -sf "http://localhost:$keycloak_port/realms/deal-room/.well-known/openid-configuration" >/dev/null && break
    kill -0 $keycloak 2>/dev/null || { echo "Keycloak stopped; see target/keycloak.log" >&2; exit 1; }
    sleep 1
done

cat <<TXT
Open http://localhost:8080 and sign in with a demo user of the deal-room realm (password: demo):
  sam.seller@acme.example (seller), priya.presales@acme.example, dana.decider@northwind.example,
  carl.cfo@northwind.example, lena.legal@northwind.example, ivan.it@northwind.example
Keycloak's admin console: http://localhost:$keycloak_port/admin (admin / admin).
TXT

export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/dealroom"
export QUARKUS_DATASOURCE_USERNAME="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
export QUARKUS_OIDC_AUTH_SERVER_URL="http://localhost:$keycloak_port/realms/deal-room"
export QUARKUS_OIDC_CLIENT_ID=deal-room
export QUARKUS_OIDC_CREDENTIALS_SECRET="$secret"
# No SMTP server on this machine: emails (invitation links included) are written to this log instead.
# Set QUARKUS_MAILER_MOCK=false and QUARKUS_MAILER_HOST etc. to send real ones.
export QUARKUS_MAILER_MOCK="${QUARKUS_MAILER_MOCK:-true}"
# Production logs JSON lines for log shippers; here a person reads them (the invitation links above).
export QUARKUS_LOG_CONSOLE_JSON_ENABLED="${QUARKUS_LOG_CONSOLE_JSON_ENABLED:-false}"
java -jar target/quarkus-app/quarkus-run.jar
