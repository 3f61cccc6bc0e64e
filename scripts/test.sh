#!/usr/bin/env bash
# Runs every test on a fresh Debian 12 machine: installs what is missing, starts a throwaway
# PostgreSQL cluster and smtp4dev on loopback ports, checks formatting, builds, tests, and prints
# a one-line summary ("N passed, N failed, N skipped"). Services are stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/.tmp/test-env"
RESULTS="$ROOT/artifacts/test-results"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${REDUCTION_PG_PORT:-55432}"
SMTP_PORT="${REDUCTION_SMTP_PORT:-52525}"
SMTP_WEB_PORT="${REDUCTION_SMTP_WEB_PORT:-55080}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[test] %s\n' "$*"; }

install_packages() {
  local missing=()
  for pkg in postgresql-15 chromium fonts-noto-cjk curl; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local port=$1
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "$port"
}

start_postgres() {
  PG_PORT="$(pick_port "$PG_PORT")"
  # Outside the checkout: the postgres user must reach the data directory, and a clone may sit in a
  # folder only root can enter (e.g. one made by mktemp -d).
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/reduction-test-pg.XXXXXX")"
  PG_DIR="$dir"
  mkdir -p "$dir/sock"
  chown -R postgres:postgres "$dir"
  chmod 755 "$dir"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  cat >>"$dir/data/postgresql.conf" <<CONF
max_connections = 300
shared_buffers = 256MB
fsync = on
CONF
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $dir/sock -h 127.0.0.1" start >/dev/null
  export REDUCTION_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  export REDUCTION_TEST_PG_DATA="$dir/data" REDUCTION_TEST_PG_BIN="$PG_BIN"
  log "PostgreSQL on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  if [[ -n "${PG_DIR:-}" && -f "$PG_DIR/data/postmaster.pid" ]]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [[ -n "${PG_DIR:-}" ]]; then
    rm -rf "$PG_DIR"
  fi
}

# smtp4dev keeps only its latest 100 messages by default; a simulated cycle year alone sends more.
start_smtp4dev() {
  SMTP_PORT="$(pick_port "$SMTP_PORT")"
  SMTP_WEB_PORT="$(pick_port "$SMTP_WEB_PORT")"
  local dir="$WORK/smtp4dev"
  rm -rf "$dir" && mkdir -p "$dir"
  dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$SMTP_WEB_PORT" --smtpport="$SMTP_PORT" \
    --imapport="$(pick_port 51143)" --pop3port="$(pick_port 51110)" --bindaddress=127.0.0.1 \
    --disableipv6 --db= --nousersettings --baseappdatapath="$dir" --messagestokeep=100000 >"$dir/smtp4dev.log" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$SMTP_WEB_PORT/api/messages" >/dev/null 2>&1; then
      export REDUCTION_TEST_SMTP_HOST=127.0.0.1 REDUCTION_TEST_SMTP_PORT="$SMTP_PORT"
      export REDUCTION_TEST_SMTP4DEV_URL="http://127.0.0.1:$SMTP_WEB_PORT"
      log "smtp4dev SMTP 127.0.0.1:$SMTP_PORT, API $REDUCTION_TEST_SMTP4DEV_URL"
      return
    fi
    sleep 1
  done
  log "smtp4dev did not start; log follows"
  cat "$dir/smtp4dev.log"
  exit 1
}

cleanup() {
  [[ -n "${SMTP_PID:-}" ]] && kill "$SMTP_PID" 2>/dev/null || true
  stop_postgres
}
trap cleanup EXIT

install_packages
dotnet tool restore >/dev/null
mkdir -p "$WORK"
start_postgres
start_smtp4dev
export REDUCTION_TEST_CHROMIUM=/usr/bin/chromium

log "checking formatting"
dotnet format Reduction.Workflows.sln --verify-no-changes --verbosity quiet

log "building"
dotnet build Reduction.Workflows.sln -c Release -nologo -clp:ErrorsOnly

rm -rf "$RESULTS"
log "testing"
set +e
dotnet test Reduction.Workflows.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$RESULTS" 2>&1 | tee "$WORK/test-output.log"
status=${PIPESTATUS[0]}
set -e

# Sum the TRX counters of every test assembly into one summary line.
read -r passed failed skipped < <(cat "$RESULTS"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' |
  sed -E 's/.*total="([0-9]+)" executed="([0-9]+)" passed="([0-9]+)" failed="([0-9]+)".*/\3 \4 \1 \2/' |
  awk '{p+=$1; f+=$2; s+=$3-$4} END {print p+0, f+0, s+0}')
if [[ "$failed" -gt 0 ]]; then
  log "failed tests:"
  perl "$ROOT/scripts/trx-failures.pl" "$RESULTS"/*.trx || true
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [[ "$status" -eq 0 && "$passed" -eq 0 ]]; then
  log "no test ran"
  exit 1
fi
exit "$status"
