import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTORS_DIR, template } from './__testUtils__/repositoryTemplate';

/*
 * The portal's read-only role must allow exactly what the aws-insights collectors call: derived
 * from the SDK commands and paginators they import, so a new collector call fails this test
 * until the template grants it.
 */

/** IAM prefix of each SDK package the collectors use. */
const IAM_PREFIX: Record<string, string> = {
  'client-cloudformation': 'cloudformation',
  'client-cloudwatch': 'cloudwatch',
  'client-ec2': 'ec2',
  'client-eks': 'eks',
  'client-pricing': 'pricing',
  'client-rds': 'rds',
  'client-wafv2': 'wafv2',
};

/** `ec2:DescribeInstances` for every paginateX / XCommand a collector imports from the SDK. */
function collectorActions(): string[] {
  const files = execFileSync(
    'git',
    [
      '-C',
      COLLECTORS_DIR,
      'ls-files',
      '--cached',
      '--others',
      '--exclude-standard',
      '.',
    ],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter(
      f =>
        f.endsWith('.ts') &&
        !f.endsWith('.test.ts') &&
        !f.includes('__testUtils__'),
    );
  const actions = new Set<string>();
  for (const file of files) {
    const source = readFileSync(join(COLLECTORS_DIR, file), 'utf8');
    for (const m of source.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/([\w-]+)'/g,
    )) {
      const prefix = IAM_PREFIX[m[2]];
      for (const name of m[1]
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)) {
        const op =
          name.match(/^paginate(\w+)$/)?.[1] ??
          name.match(/^(\w+)Command$/)?.[1];
        if (!op) continue;
        if (!prefix)
          throw new Error(
            `${file} calls ${m[2]}, which has no IAM prefix in this test`,
          );
        actions.add(`${prefix}:${op}`);
      }
    }
  }
  return [...actions].sort();
}

describe('the portal read-only role', () => {
  const statements =
    template.Resources.PortalReadOnlyRole.Properties.Policies.flatMap(
      (p: any) => p.PolicyDocument.Statement,
    );
  const granted: string[] = statements.flatMap((s: any) =>
    Array.isArray(s.Action) ? s.Action : [s.Action],
  );

  it('grants exactly the calls the aws-insights collectors make', () => {
    const used = collectorActions();
    expect(used).toEqual(
      expect.arrayContaining([
        'cloudformation:DescribeStackEvents',
        'ec2:DescribeInstances',
        'eks:ListClusters',
        'pricing:GetProducts',
      ]),
    );
    expect([...granted].sort()).toEqual(used);
  });

  it('has no wildcard actions and only Allow statements', () => {
    expect(granted.filter(a => a.includes('*'))).toEqual([]);
    expect(statements.every((s: any) => s.Effect === 'Allow')).toBe(true);
  });
});
