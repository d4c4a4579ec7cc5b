import { ENVIRONMENT_NAME_PATTERN } from '@platform-portal/platform-common';
import fc from 'fast-check';

/**
 * Every environment name the form and the parser accept. fast-check cannot generate from the
 * shared pattern's length lookahead, so it generates the same shape without it and keeps only
 * what the shared pattern itself accepts: the rule stays in one place.
 */
export const environmentNames = (): fc.Arbitrary<string> =>
  fc
    .stringMatching(/^[a-z](?:-?[a-z0-9]){1,20}$/)
    .filter(name => ENVIRONMENT_NAME_PATTERN.test(name));
