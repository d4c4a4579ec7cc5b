#!/usr/bin/env bash
# Sets imageTag in chart/values-$ENVIRONMENT.yaml to $IMAGE_TAG and pushes the change to main,
# where ArgoCD picks it up. Inputs come from the environment, never from workflow expressions.
set -euo pipefail
: "${ENVIRONMENT:?}" "${IMAGE_TAG:?}"
[[ "$ENVIRONMENT" =~ ^[a-z][a-z0-9-]{1,30}$ ]] || { echo "bad environment name" >&2; exit 1; }
[[ "$IMAGE_TAG" =~ ^[0-9a-f]{7,40}$ ]] || { echo "image tag must be a git sha" >&2; exit 1; }
file="chart/values-${ENVIRONMENT}.yaml"
[ -f "$file" ] || { echo "$file does not exist" >&2; exit 1; }

git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
for attempt in 1 2 3 4 5; do
  git pull --quiet --rebase origin main
  sed -i -E "s/^imageTag: .*/imageTag: \"${IMAGE_TAG}\"/" "$file"
  if git diff --quiet -- "$file"; then
    echo "$ENVIRONMENT already runs $IMAGE_TAG"
    exit 0
  fi
  git commit --quiet -m "Deploy ${IMAGE_TAG:0:12} to ${ENVIRONMENT}" -- "$file"
  if git push --quiet origin HEAD:main; then
    echo "$ENVIRONMENT now runs $IMAGE_TAG"
    exit 0
  fi
  echo "push rejected (attempt $attempt), retrying" >&2
  git reset --quiet --hard origin/main
  sleep $((attempt * 3))
done
echo "could not push the new tag of $ENVIRONMENT" >&2
exit 1
