import { CfnTemplate } from './__testUtils__/cloudformationYaml';
import { template } from './__testUtils__/repositoryTemplate';
import { ACCOUNT_ROLES, PARAMETER_RULES } from './stackParameters';

/*
 * CI lint of the bootstrap CloudFormation template's shape: resource types and properties,
 * references and the conditions that guard them, parameters and outputs.
 */

// Property names per resource type (AWS CloudFormation resource specification).
const PROPERTIES: Record<string, string[]> = {
  'AWS::KMS::Key': [
    'Description',
    'Enabled',
    'EnableKeyRotation',
    'KeyPolicy',
    'KeySpec',
    'KeyUsage',
    'MultiRegion',
    'PendingWindowInDays',
    'RotationPeriodInDays',
    'Tags',
  ],
  'AWS::KMS::Alias': ['AliasName', 'TargetKeyId'],
  'AWS::S3::Bucket': [
    'BucketName',
    'BucketEncryption',
    'VersioningConfiguration',
    'PublicAccessBlockConfiguration',
    'OwnershipControls',
    'LifecycleConfiguration',
    'LoggingConfiguration',
    'ObjectLockEnabled',
    'Tags',
  ],
  'AWS::S3::BucketPolicy': ['Bucket', 'PolicyDocument'],
  'AWS::IAM::OIDCProvider': ['Url', 'ClientIdList', 'ThumbprintList', 'Tags'],
  'AWS::IAM::Role': [
    'AssumeRolePolicyDocument',
    'Description',
    'ManagedPolicyArns',
    'MaxSessionDuration',
    'Path',
    'PermissionsBoundary',
    'Policies',
    'RoleName',
    'Tags',
  ],
  'AWS::IAM::Policy': [
    'PolicyDocument',
    'PolicyName',
    'Roles',
    'Groups',
    'Users',
  ],
  'AWS::IAM::ManagedPolicy': [
    'Description',
    'Groups',
    'ManagedPolicyName',
    'Path',
    'PolicyDocument',
    'Roles',
    'Users',
  ],
};
const ATTRIBUTES: Record<string, string[]> = {
  'AWS::KMS::Key': ['Arn', 'KeyId'],
  'AWS::S3::Bucket': ['Arn', 'DomainName', 'RegionalDomainName'],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
};
const PSEUDO = [
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::NoValue',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
];

type Reference = {
  name: string;
  attribute?: string;
  conditions: string[];
  where: string;
};

/** Every Ref / GetAtt / ${} in a tree, with the conditions that hold where it appears. */
function references(
  node: unknown,
  conditions: string[],
  where: string,
  out: Reference[],
) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => references(n, conditions, `${where}[${i}]`, out));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, any>;
  if (typeof obj.Ref === 'string')
    out.push({ name: obj.Ref, conditions, where });
  if (obj['Fn::GetAtt']) {
    const [name, attribute] = obj['Fn::GetAtt'];
    out.push({ name, attribute, conditions, where });
  }
  if (typeof obj['Fn::Sub'] === 'string') {
    for (const m of (obj['Fn::Sub'] as string).matchAll(
      /\$\{([\w:]+)(?:\.(\w+))?\}/g,
    )) {
      out.push({ name: m[1], attribute: m[2], conditions, where });
    }
  }
  if (obj['Fn::If']) {
    const [condition, whenTrue, whenFalse] = obj['Fn::If'];
    references(whenTrue, [...conditions, condition], where, out);
    references(whenFalse, conditions, where, out);
    return;
  }
  for (const [key, value] of Object.entries(obj))
    references(value, conditions, `${where}.${key}`, out);
}

describe('the template', () => {
  const t: CfnTemplate = template;

  it('uses known resource types, properties, attributes and deletion policies', () => {
    for (const [id, resource] of Object.entries(t.Resources)) {
      expect({ id, known: resource.Type in PROPERTIES }).toEqual({
        id,
        known: true,
      });
      const unknown = Object.keys(resource.Properties ?? {}).filter(
        p => !PROPERTIES[resource.Type].includes(p),
      );
      expect({ id, unknown }).toEqual({ id, unknown: [] });
      const attributes = Object.keys(resource).filter(
        k =>
          ![
            'Type',
            'Properties',
            'Condition',
            'DeletionPolicy',
            'UpdateReplacePolicy',
            'DependsOn',
            'Metadata',
          ].includes(k),
      );
      expect({ id, attributes }).toEqual({ id, attributes: [] });
      for (const policy of [
        resource.DeletionPolicy,
        resource.UpdateReplacePolicy,
      ].filter(Boolean)) {
        expect([
          'Delete',
          'Retain',
          'RetainExceptOnCreate',
          'Snapshot',
        ]).toContain(policy);
      }
    }
  });

  it('refers only to parameters, resources and conditions that exist, guarded by their conditions', () => {
    const refs: Reference[] = [];
    for (const [id, r] of Object.entries(t.Resources))
      references(r.Properties, r.Condition ? [r.Condition] : [], id, refs);
    for (const [id, o] of Object.entries(t.Outputs))
      references(
        o.Value,
        o.Condition ? [o.Condition] : [],
        `Outputs.${id}`,
        refs,
      );
    expect(refs.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const ref of refs) {
      const resource = t.Resources[ref.name];
      if (
        !resource &&
        !(ref.name in t.Parameters) &&
        !PSEUDO.includes(ref.name)
      )
        problems.push(`${ref.where}: unknown ${ref.name}`);
      if (
        resource &&
        ref.attribute &&
        !(ATTRIBUTES[resource.Type] ?? []).includes(ref.attribute)
      )
        problems.push(
          `${ref.where}: ${ref.name} has no attribute ${ref.attribute}`,
        );
      if (resource?.Condition && !ref.conditions.includes(resource.Condition))
        problems.push(
          `${ref.where}: uses ${ref.name} outside condition ${resource.Condition}`,
        );
    }
    for (const [id, r] of Object.entries(t.Resources)) {
      if (r.Condition && !(r.Condition in t.Conditions))
        problems.push(`${id}: unknown condition ${r.Condition}`);
    }
    expect(problems).toEqual([]);
  });

  it('creates the state bucket and its key only in the shared account', () => {
    const shared = Object.entries(t.Resources)
      .filter(([, r]) => r.Condition === 'IsSharedAccount')
      .map(([id]) => id);
    expect(shared.sort()).toEqual([
      'ApplyStatePolicy',
      'PlanStatePolicy',
      'StateBucket',
      'StateBucketKey',
      'StateBucketKeyAlias',
      'StateBucketPolicy',
    ]);
    expect(t.Conditions.IsSharedAccount).toEqual({
      'Fn::Equals': [{ Ref: 'AccountRole' }, 'shared'],
    });
    expect(t.Resources.GitHubOidcProvider.Condition).toBe('CreateOidcProvider');
  });

  it('declares the parameters with the same rules the action checks before calling AWS', () => {
    expect(t.Parameters.AccountRole.AllowedValues).toEqual([...ACCOUNT_ROLES]);
    const { PortalExternalId, ...plain } = PARAMETER_RULES;
    for (const [name, rule] of Object.entries(plain)) {
      const pattern = t.Parameters[name]?.AllowedPattern;
      expect({ name, pattern: new RegExp(pattern).source }).toEqual({
        name,
        pattern: rule.source,
      });
    }
    // The template states the external id's length as MinLength/MaxLength, the action in the pattern.
    const { AllowedPattern, MinLength, MaxLength } =
      t.Parameters.PortalExternalId;
    expect(
      AllowedPattern.replace(/\+\$$/, `{${MinLength},${MaxLength}}$`),
    ).toBe(PortalExternalId.source);
    expect(t.Parameters.PortalExternalId.NoEcho).toBe(true);
  });

  it('outputs the ARNs the portal records, with the role names the generated Terraform assumes', () => {
    expect(Object.keys(t.Outputs).sort()).toEqual([
      'ApplyRoleArn',
      'OidcProviderArn',
      'PermissionsBoundaryArn',
      'PlanRoleArn',
      'PortalReadOnlyRoleArn',
      'StateBucketKmsKeyArn',
      'StateBucketName',
    ]);
    expect(t.Resources.TerraformPlanRole.Properties.RoleName).toBe(
      'terraform-plan',
    );
    expect(t.Resources.TerraformApplyRole.Properties.RoleName).toBe(
      'terraform-apply',
    );
    expect(t.Resources.WorkloadPermissionsBoundary.Type).toBe(
      'AWS::IAM::ManagedPolicy',
    );
  });
});
