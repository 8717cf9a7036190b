#!/usr/bin/env bash
# Proves the README's run command, `./mvnw quarkus:dev`, from this checkout: it starts (non-interactively),
# becomes ready, serves the page, and its dev OpenID provider signs the demo users in, for the API (password
# grant, then Sam's rooms must list the demo room) and for the browser (the authorization code flow, whose
# session must last a working day). Then it stops the whole process tree. Called by .ci/run; any failure
# exits non-zero with the end of the dev log.
#
#   src/build/check-run-command.sh
#
# Dependencies are resolved into an EMPTY local Maven repository (a fresh temporary directory, removed
# afterwards), not ~/.m2: dev mode resolves artifacts that `./mvnw verify` never asks for (dev-only
# extension dependencies), and an artifact left in ~/.m2 by an earlier build, or copied in by hand, would
# hide that the registry no longer serves it, which is exactly how `quarkus:dev` broke on fresh machines
# while CI stayed green. Downloading everything costs a few minutes; DEALROOM_RUN_CHECK_MAVEN_REPO=DIR
# reuses a repository instead (for a quick local rerun; not honest about missing artifacts).
set -euo pipefail
cd "$(dirname "$0")/../.."

base="http://localhost:8080"
start_timeout="${DEALROOM_RUN_CHECK_TIMEOUT:-1200}"   # seconds, downloads into the empty repository included
user="sam.seller@acme.example"
demo_room="Northwind Logistics"                       # the seeded room's prospect account
working_day=$((8 * 3600))

work="$(mktemp -d)"
repo="${DEALROOM_RUN_CHECK_MAVEN_REPO:-$work/m2-repository}"
log="$work/quarkus-dev.log"
jar="$work/cookies"
pid=""

# Every request is bounded, so a server that accepts a connection and never answers fails the check instead of
# hanging CI.
http() {
    curl --connect-timeout 5 --max-time 30 "$@"
}

fail() {
    echo "check-run-command: FAILED: $*" >&2
    if [ -f "$log" ]; then
        echo "---- last lines of the dev-mode log ----" >&2
        grep -v '^Download' "$log" | tail -n 60 >&2 || true
        echo "----------------------------------------" >&2
    fi
    exit 1
}

stop() {
    if [ -n "$pid" ] && kill -0 -- "-$pid" 2>/dev/null; then
        echo "check-run-command: stopping dev mode (process group $pid)"
        kill -TERM -- "-$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 -- "-$pid" 2>/dev/null || break
            sleep 1
        done
        if kill -0 -- "-$pid" 2>/dev/null; then
            kill -KILL -- "-$pid" 2>/dev/null || true
            sleep 1
        fi
        if kill -0 -- "-$pid" 2>/dev/null; then
            rm -rf "$work"
            echo "check-run-command: processes of group $pid survived" >&2
            exit 1
        fi
    fi
    rm -rf "$work"
}
trap stop EXIT

# (A run killed with SIGKILL cannot stop the dev server it started: the next run then stops here.)
if http -s -o /dev/null "$base/"; then
    fail "something already answers on $base; stop it first"
fi

echo "check-run-command: ./mvnw quarkus:dev with the local Maven repository $repo"
# Job control gives the background job a process group of its own: stopping it stops Maven and the
# application it forked, and nothing else.
set -m
./mvnw -B -Dmaven.repo.local="$repo" -Dquarkus.analytics.disabled=true \
    -Dquarkus.console.enabled=false -Ddebug=false quarkus:dev </dev/null >"$log" 2>&1 &
pid=$!
set +m

deadline=$((SECONDS + start_timeout))
until [ "$(http -s -o /dev/null -w '%{http_code}' "$base/q/health/ready" || true)" = "200" ]; do
    kill -0 "$pid" 2>/dev/null || fail "quarkus:dev exited before it was ready"
    # Dev mode stays up after a failed start, serving its error page: that is a failure, not a wait.
    if grep -qE 'Failed to start|Port 8080 seems to be in use|BUILD FAILURE' "$log"; then
        fail "quarkus:dev did not start"
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail "not ready within ${start_timeout}s"
    sleep 2
done
# What answered must be ours: the listener on 8080 is a process of the group started above.
listener="$(ss -Hltnp 'sport = :8080' | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)"
[ -n "$listener" ] && [ "$(ps -o pgid= -p "$listener" | tr -d ' ')" = "$pid" ] \
    || fail "the server answering on 8080 is not the one this check started"
echo "check-run-command: ready after ${SECONDS}s"

page="$(http -sf "$base/")" || fail "GET / did not answer 200"
grep -q '<script type="module" src="/src/app.js"></script>' <<<"$page" || fail "GET / is not the page"

# The provider is found the way a browser finds it: /login sends an anonymous browser to its authorization
# endpoint, whose address also names the client the server signs in as.
authorize="$(http -s -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' -c "$jar" "$base/login")" \
    || fail "GET /login did not answer"
case "$authorize" in
    http://localhost:*/authorize\?*) ;;
    *) fail "/login did not redirect to the dev provider's authorization endpoint: '$authorize'" ;;
esac
provider="${authorize%%/authorize\?*}"
query="${authorize#*\?}"
param() { # param NAME: the URL-decoded value of NAME in the authorization request
    local value
    value="$(tr '&' '\n' <<<"$query" | sed -n "s/^$1=//p" | head -n 1)"
    value="${value//+/ }"
    printf '%b' "${value//%/\\x}"
}
client_id="$(param client_id)"
[ -n "$client_id" ] || fail "no client_id in the authorization request"
echo "check-run-command: dev provider $provider, client $client_id"

# API: the README's password grant, then Sam's rooms.
tokens="$(http -sf -d grant_type=password -d "client_id=$client_id" -d "username=$user" "$provider/token")" \
    || fail "the password grant for $user was refused"
token="$(sed -nE 's/.*"access_token" *: *"([^"]+)".*/\1/p' <<<"$tokens" | head -n 1)"
expires_in="$(sed -nE 's/.*"expires_in" *: *([0-9]+).*/\1/p' <<<"$tokens" | head -n 1)"
[ -n "$token" ] || fail "no access token in the provider's answer: $tokens"
[ "${expires_in:-0}" -ge "$working_day" ] || fail "dev access tokens live ${expires_in}s, less than a working day"
rooms="$(http -sf -H "Authorization: Bearer $token" "$base/api/rooms")" || fail "GET /api/rooms with $user's token failed"
grep -qF "\"prospectAccount\":\"$demo_room\"" <<<"$rooms" || fail "$user's rooms do not include the demo room: $rooms"
echo "check-run-command: $user's token lists the demo room (token lifetime ${expires_in}s)"

# Browser: the code flow through the provider's sign-in page, as a person picking Sam there does.
callback="$(http -s -o /dev/null -w '%{redirect_url}' -X POST "$provider/login" \
    --data-urlencode "redirect_uri=$(param redirect_uri)?state=$(param state)" \
    --data-urlencode "predefined-user=$user" \
    --data-urlencode "response_type=$(param response_type)" \
    --data-urlencode "client_id=$client_id" \
    --data-urlencode "scope=$(param scope)")" || fail "the provider's sign-in page did not answer"
case "$callback" in
    "$base/login?"*code=*) ;;
    *) fail "the provider's sign-in page did not send the browser back with a code: '$callback'" ;;
esac
http -s -o /dev/null -b "$jar" -c "$jar" "$callback" || fail "the sign-in callback did not answer"
me="$(http -sf -b "$jar" "$base/api/me")" || fail "GET /api/me with the session cookie failed"
grep -qF "\"email\":\"$user\"" <<<"$me" || fail "the session is not $user's: $me"
session_expires="$(awk '$6 ~ /^q_session/ { print $5 }' "$jar" | head -n 1)"
[ -n "$session_expires" ] || fail "no session cookie after signing in"
[ $((session_expires - $(date +%s))) -ge "$working_day" ] || fail "the dev session ends in less than a working day"
echo "check-run-command: $user signed in through the page; the session lasts $(( (session_expires - $(date +%s)) / 60 )) minutes"

echo "check-run-command: the run command works"
