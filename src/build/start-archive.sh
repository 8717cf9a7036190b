#!/usr/bin/env bash
# Records a start of the packaged server into a class archive that later starts map instead of loading, linking
# and (on JDK 25) profiling the same classes again: a third (JDK 17) to a half (JDK 25) of the CPU of a start (see docs/startup.md).
#
#   src/build/start-archive.sh [APP_DIR]          APP_DIR defaults to target/quarkus-app
#
# It starts APP_DIR/quarkus-run.jar once, waits until /q/health/ready answers, asks for the page and the API once,
# stops it with SIGTERM, and the JVM writes the archive as it exits, beside the jar:
#   JDK 25 and later:  start-<java.version>.aot   (JEP 483/515 AOT cache)   run with -XX:AOTCache=FILE
#   JDK 17 to 24:      start-<java.version>.jsa   (dynamic AppCDS archive)   run with -XX:SharedArchiveFile=FILE
# An archive serves only the JVM that wrote it (the same java.version) and the same jars at the same absolute
# paths with the same modification times (copy APP_DIR with `cp -a`, Docker's COPY keeps them): otherwise the
# JVM says so in one warning line and starts the ordinary way. Package an `aot-jar` for the most of it
# (`./mvnw package -DskipTests -Dquarkus.package.jar.type=aot-jar`; the bench profile does so): the JDK archives only
# classes its own class loaders load, so from the default fast-jar it keeps the JDK's classes and not the
# application's, which Quarkus's runner class loader loads (-21 % CPU instead of -38 % on JDK 17).
#
# Environment:
#   JAVA                     the java to record with and to run with later (default: java on the PATH)
#   QUARKUS_DATASOURCE_*     the database of the recording start (default: a scratch database
#                            dealroom_archive on the local PostgreSQL, created if missing; only the schema is written)
#   QUARKUS_OIDC_*           the OpenID provider (default: none reachable; the server starts all the same and would
#                            connect on the first request)
#   DEALROOM_ARCHIVE_PORT    the HTTP port of the recording start (default 18089)
set -euo pipefail

app_dir=$(cd "${1:-target/quarkus-app}" && pwd)
jar="$app_dir/quarkus-run.jar"
java_bin="${JAVA:-java}"
port="${DEALROOM_ARCHIVE_PORT:-18089}"
[ -f "$jar" ] || { echo "start-archive: no $jar (run ./mvnw package first)" >&2; exit 1; }
if command -v unzip >/dev/null && ! unzip -p "$jar" META-INF/MANIFEST.MF 2>/dev/null | grep -q "^Main-Class: io.quarkus.bootstrap.runner.AotQuarkusEntryPoint"; then
    echo "start-archive: $jar is a fast-jar: the archive holds the JDK's and Quarkus's boot classes only (package" \
        "with -Dquarkus.package.jar.type=aot-jar for the application's too)"
fi

version=$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/^ *java.version = / {print $2}')
feature=${version%%.*}
if [ "$feature" -ge 25 ]; then
    archive="$app_dir/start-$version.aot"
    record=(-XX:AOTCacheOutput="$archive")
    use="-XX:AOTCache=$archive"
elif [ "$feature" -ge 17 ]; then
    archive="$app_dir/start-$version.jsa"
    record=(-XX:ArchiveClassesAtExit="$archive")
    use="-XX:SharedArchiveFile=$archive"
else
    echo "start-archive: $java_bin is Java $version; Deal Room needs 17 or later" >&2
    exit 1
fi
rm -f "$archive"

if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    bash "$(dirname "$0")/local-postgres.sh" dealroom_archive \
        || { echo "start-archive: no local database to record against" >&2; exit 1; }
    export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/dealroom_archive
    export QUARKUS_DATASOURCE_USERNAME="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
fi
export QUARKUS_OIDC_AUTH_SERVER_URL="${QUARKUS_OIDC_AUTH_SERVER_URL:-http://127.0.0.1:9/realms/none}"
export QUARKUS_OIDC_CLIENT_ID="${QUARKUS_OIDC_CLIENT_ID:-deal-room}"
export QUARKUS_MAILER_MOCK="${QUARKUS_MAILER_MOCK:-true}"
export QUARKUS_HTTP_PORT="$port"
export DEALROOM_PUBLIC_URL="${DEALROOM_PUBLIC_URL:-http://127.0.0.1:$port}"

log=$(mktemp -t start-archive.XXXXXX)
echo "start-archive: recording a start of $jar with Java $version"
"$java_bin" -Xmx1g "${record[@]}" -jar "$jar" >"$log" 2>&1 &
server=$!
ready=false
for _ in $(seq 1 1200); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
        ready=true
        break
    fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
if $ready; then
    # What the first requests of a real start touch: the page, the API's refusal of a caller without a login.
    curl -s -o /dev/null "http://127.0.0.1:$port/" || true
    curl -s -o /dev/null "http://127.0.0.1:$port/api/rooms" || true
fi
kill -TERM "$server" 2>/dev/null || true
wait "$server" || true
if ! $ready || [ ! -s "$archive" ]; then
    echo "start-archive: no archive written; the end of $log:" >&2
    tail -n 30 "$log" >&2
    exit 1
fi
echo "start-archive: wrote $archive ($(du -h "$archive" | cut -f1)); start the server with"
echo "  $java_bin $use -jar $jar"
