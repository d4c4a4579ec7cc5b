/*
 * Identifier rules that several packages check (the scaffolder actions, the catalog modules, the
 * IaC library): one definition each, so a value one package accepts is never refused by another.
 */

/** An AWS account id: exactly 12 digits (quote it in YAML to keep leading zeros). */
export const AWS_ACCOUNT_ID_PATTERN = /^\d{12}$/;

/** Commercial, GovCloud and ISO partitions, e.g. us-east-1, us-gov-west-1, ap-southeast-5. */
export const AWS_REGION_PATTERN =
  /^(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov|-iso|-isob|-isof)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;

/**
 * An environment name: it becomes a folder (`environments/<name>`), a branch (`env/<name>`), an
 * entity name, the EKS cluster name and the prefix of RDS identifiers and S3 buckets, so lowercase
 * letters, digits and single dashes, 2-21 characters, starting with a letter and ending with a letter
 * or digit (RDS refuses `--` and a trailing dash: `ab-` would make `ab--postgres`).
 */
export const ENVIRONMENT_NAME_PATTERN = /^(?=.{2,21}$)[a-z](?:-?[a-z0-9])+$/;
