#!/usr/bin/env bash
# Runs every test on a fresh Debian 12 machine: installs what is missing, starts a throwaway
# PostgreSQL cluster and smtp4dev on loopback ports, checks formatting, builds, tests, and prints
# a one-line summary ("N passed, N failed, N skipped"). Services are stopped on exit.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/.tmp/test-env"
RESULTS="$ROOT/artifacts/test-results"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${REDUCTION_PG_PORT:-55432}"
SMTP_PORT="${REDUCTION_SMTP_PORT:-52525}"
SMTP_WEB_PORT="${REDUCTION_SMTP_WEB_PORT:-55080}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=scripts/test-env.sh
source "$ROOT/scripts/test-env.sh"
trap on_error ERR
trap cleanup EXIT

step "installing Debian packages (postgresql-15, chromium, fonts-noto-cjk, curl)"
install_packages
mkdir -p "$WORK"
step "restoring the dotnet tools (.config/dotnet-tools.json)"
restore_tools
step "starting PostgreSQL"
start_postgres
step "starting smtp4dev"
start_smtp4dev
export REDUCTION_TEST_CHROMIUM=/usr/bin/chromium

step "checking formatting (dotnet format --verify-no-changes)"
log "checking formatting"
dotnet format Reduction.Workflows.sln --verify-no-changes --verbosity quiet

step "building (Release, warnings as errors)"
log "building"
dotnet build Reduction.Workflows.sln -c Release -nologo -clp:ErrorsOnly

rm -rf "$RESULTS"
log "testing"
trap - ERR
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
