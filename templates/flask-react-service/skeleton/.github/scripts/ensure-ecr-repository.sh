#!/usr/bin/env bash
# Creates the ECR repository $REPOSITORY on first delivery: immutable tags (a git sha is pushed
# once and never overwritten) and scan on push. Later runs only check that tags stay immutable.
set -euo pipefail
: "${REPOSITORY:?}"
mutability="$(aws ecr describe-repositories --repository-names "$REPOSITORY" \
  --query 'repositories[0].imageTagMutability' --output text 2>/dev/null || true)"
if [ -z "$mutability" ] || [ "$mutability" = "None" ]; then
  aws ecr create-repository --repository-name "$REPOSITORY" \
    --image-tag-mutability IMMUTABLE \
    --image-scanning-configuration scanOnPush=true \
    --encryption-configuration encryptionType=KMS >/dev/null
  echo "created $REPOSITORY"
elif [ "$mutability" != "IMMUTABLE" ]; then
  echo "$REPOSITORY has $mutability tags; immutable tags are required" >&2
  exit 1
fi
