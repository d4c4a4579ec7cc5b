#!/usr/bin/env bash
# Creates the ECR repository $REPOSITORY on first delivery: immutable tags (a git sha is pushed
# once and never overwritten), scan on push, KMS encryption. Every run (re)sets its repository
# policy so the workload accounts can pull the images: the accounts in PULL_ACCOUNT_IDS (space or
# comma separated; the service's environments) or, when PULL_ORG_ID is set, every account of that
# AWS Organization. Pull only: ecr:BatchGetImage, ecr:GetDownloadUrlForLayer,
# ecr:BatchCheckLayerAvailability. Later runs also check that tags stay immutable.
set -euo pipefail
: "${REPOSITORY:?}"

actions='"ecr:BatchGetImage","ecr:GetDownloadUrlForLayer","ecr:BatchCheckLayerAvailability"'
if [ -n "${PULL_ORG_ID:-}" ]; then
  if ! [[ "$PULL_ORG_ID" =~ ^o-[a-z0-9]{10,32}$ ]]; then
    echo "PULL_ORG_ID '$PULL_ORG_ID' is not an organization id (o-...)" >&2
    exit 1
  fi
  statement="{\"Sid\":\"OrganizationPull\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[$actions],\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"$PULL_ORG_ID\"}}}"
else
  principals=""
  for id in $(printf '%s\n' ${PULL_ACCOUNT_IDS:-} | tr ',' '\n' | sed '/^$/d' | sort -u); do
    if ! [[ "$id" =~ ^[0-9]{12}$ ]]; then
      echo "PULL_ACCOUNT_IDS: '$id' is not a 12-digit account id" >&2
      exit 1
    fi
    principals="${principals:+$principals,}\"arn:aws:iam::$id:root\""
  done
  if [ -z "$principals" ]; then
    echo "set PULL_ACCOUNT_IDS (the workload accounts) or PULL_ORG_ID: nobody could pull the images" >&2
    exit 1
  fi
  statement="{\"Sid\":\"WorkloadAccountsPull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[$principals]},\"Action\":[$actions]}"
fi
policy="{\"Version\":\"2012-10-17\",\"Statement\":[$statement]}"

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
aws ecr set-repository-policy --repository-name "$REPOSITORY" --policy-text "$policy" >/dev/null
echo "$REPOSITORY: pull policy set"
