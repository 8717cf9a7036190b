#!/usr/bin/env bash
# Runs the real Keycloak, from its distribution on Maven Central, with the deal-room realm imported — for
# machines without Docker (the production-like run, and KeycloakIT). In the foreground; stop it with Ctrl-C.
#
#   docker/keycloak/run-keycloak.sh [PORT]        (default 8180)
#
# The distribution is downloaded once into ${DEALROOM_CACHE:-~/.cache/deal-room}. Keycloak needs Java 21 or
# newer: JAVA_HOME if it is one, otherwise the newest JDK under /usr/lib/jvm. The database is in memory
# (start-dev --db=dev-mem): every start is the realm file as written, nothing else.
set -euo pipefail

port="${1:-8180}"
version="${KEYCLOAK_VERSION:-26.7.3}"
central="${MAVEN_CENTRAL:-https://repo.maven.apache.org/maven2}"
cache="${DEALROOM_CACHE:-$HOME/.cache/deal-room}"
home="$cache/keycloak-$version"
realm="$(cd "$(dirname "$0")" && pwd)/deal-room-realm.json"

if [ ! -x "$home/bin/kc.sh" ]; then
    mkdir -p "$cache"
    echo "Downloading Keycloak $version from Maven Central into $cache" >&2
    zip="$cache/keycloak-$version.zip.part"
    curl -fsSL -o "$zip" "$central/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip"
    rm -rf "$home.tmp" && mkdir -p "$home.tmp"
    unzip -q "$zip" -d "$home.tmp"
    mv "$home.tmp/keycloak-$version" "$home" && rm -rf "$home.tmp" "$zip"
fi

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
    JAVA_HOME=""
    for jdk in /usr/lib/jvm/*/; do
        major="$(java_major "${jdk%/}" 2>/dev/null || true)"
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "${best:-0}" ]; then
            best="$major"
            JAVA_HOME="${jdk%/}"
        fi
    done
    if [ -z "$JAVA_HOME" ]; then
        echo "Keycloak needs Java 21 or newer: set JAVA_HOME to one (Debian: apt-get install openjdk-21-jdk)" >&2
        exit 1
    fi
fi
export JAVA_HOME

mkdir -p "$home/data/import"
cp "$realm" "$home/data/import/deal-room-realm.json"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
exec "$home/bin/kc.sh" start-dev --http-port="$port" --db=dev-mem --import-realm
