#!/usr/bin/env bash
# The set-up steps of scripts/test.sh as functions, sourced by it (and by the test that checks them). Expects ROOT,
# WORK, PG_BIN, PG_PORT, SMTP_PORT and SMTP_WEB_PORT to be set; `set -E` so a failing step reaches the ERR trap.

log() { printf '[test] %s\n' "$*"; }

# Every set-up step names itself, so a failure says which step failed before the script exits.
STEP="starting"
step() { STEP="$1"; }
on_error() {
  local status=$?
  log "set-up step failed (exit $status): $STEP"
  exit "$status"
}


# `dotnet tool restore` can fail on a fresh machine ("The command X specified in the tool manifest file is not
# contained in the package"), a race of parallel restores also reported as dotnet/efcore #38895: one tool at a time,
# and one more try.
restore_tools() {
  if dotnet tool restore --disable-parallel >"$WORK/tool-restore.log" 2>&1; then
    return
  fi
  log "dotnet tool restore failed, retrying once; its output was:"
  cat "$WORK/tool-restore.log"
  dotnet tool restore --disable-parallel
}

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
  return 1
}

cleanup() {
  [[ -n "${SMTP_PID:-}" ]] && kill "$SMTP_PID" 2>/dev/null || true
  stop_postgres
}

