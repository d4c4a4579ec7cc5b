import { Config } from '@backstage/config';

// Backstage's entity name rule: what `resource:default/<name>` can name.
const ENTITY_NAME = /^(?=.{1,63}$)([A-Za-z0-9]+[-_.])*[A-Za-z0-9]+$/;

/**
 * `platform.bootstrap.workloadAccounts`: the aws-account entities (names, default namespace)
 * whose terraform-plan / terraform-apply the shared account's roles may assume. Config only, so
 * no catalog entity a user registers can widen the shared account's reach. Bad values fail
 * start-up with the key and the rule.
 */
export function readWorkloadAccounts(config: Config): string[] {
  const names =
    config.getOptionalStringArray('platform.bootstrap.workloadAccounts') ?? [];
  names.forEach((name, i) => {
    if (!ENTITY_NAME.test(name)) {
      throw new Error(
        `platform.bootstrap.workloadAccounts[${i}] must be the name of an aws-account entity (letters, digits and -_. between them, at most 63), got '${name}'`,
      );
    }
  });
  return names;
}
