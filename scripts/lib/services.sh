#!/usr/bin/env bash
# Sourced by scripts/test: makes sure the machine services and the browser the tests use exist.

# PostgreSQL and Redis run on this machine kind before every session; start them if they stopped.
ensure_postgres() {
  local host="${POSTGRES_HOST:-127.0.0.1}" port="${POSTGRES_PORT:-5432}"
  if pg_isready -q -h "$host" -p "$port" 2>/dev/null; then return 0; fi
  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  pg_isready -q -h "$host" -p "$port" 2>/dev/null ||
    die "PostgreSQL is not reachable on $host:$port (set POSTGRES_HOST/POSTGRES_PORT/POSTGRES_USER)"
}

ensure_redis() {
  local url="${REDIS_URL:-redis://127.0.0.1:6379}"
  if redis-cli -u "$url" ping >/dev/null 2>&1; then return 0; fi
  if command -v redis-server >/dev/null; then
    log "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    sleep 1
  fi
  redis-cli -u "$url" ping >/dev/null 2>&1 || die "Redis is not reachable at $url (set REDIS_URL)"
}

# Debian's Chromium for the browser tests; Playwright cannot download its own browser here.
ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
  if [ -n "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v apt-get >/dev/null || die "Chromium is missing and apt-get is not available: install Chromium and set CHROMIUM_PATH"
  log "installing Chromium from Debian's packages (once)"
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq chromium >&2 ||
    die "could not install Chromium; install it and set CHROMIUM_PATH"
  export CHROMIUM_PATH="$(command -v chromium)"
}
