import { CfnTemplate } from './cloudformationYaml';

const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Test-only: the template's resources with intrinsic functions evaluated for given parameter
 * values, roughly as CloudFormation would (Ref, Sub, GetAtt, If, Join, Split, conditions; a
 * resource's Ref and Arn are plausible ARNs of the right length). Enough to measure the policies
 * a stack would create; not a CloudFormation implementation.
 */
export function resolveTemplate(
  template: CfnTemplate,
  parameters: Record<string, string>,
  pseudo = {
    'AWS::AccountId': '123456789012',
    'AWS::Partition': 'aws',
    'AWS::Region': 'ap-southeast-2',
    'AWS::StackName': 'platform-bootstrap',
  } as Record<string, string>,
): Record<string, { Type: string; Properties: any }> {
  const values: Record<string, unknown> = { ...pseudo };
  for (const [name, p] of Object.entries(template.Parameters)) {
    const value = parameters[name] ?? p.Default ?? '';
    values[name] = p.Type === 'CommaDelimitedList' ? value.split(',') : value;
  }
  const account = pseudo['AWS::AccountId'];
  const refOf = (name: string): unknown => {
    if (name in values) return values[name];
    const resource = template.Resources[name];
    if (!resource) throw new Error(`unknown Ref ${name}`);
    if (resource.Type === 'AWS::IAM::ManagedPolicy') {
      return `arn:aws:iam::${account}:policy${resource.Properties.Path}${resource.Properties.ManagedPolicyName}`;
    }
    if (resource.Type === 'AWS::IAM::OIDCProvider') {
      return `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`;
    }
    return resource.Properties?.RoleName ?? `${name}-0123456789ab`;
  };
  const attOf = (name: string, attribute: string): string => {
    const resource = template.Resources[name];
    if (resource.Type === 'AWS::S3::Bucket')
      return `arn:aws:s3:::tfstate-${account}-${pseudo['AWS::Region']}`;
    if (resource.Type === 'AWS::KMS::Key')
      return `arn:aws:kms:${pseudo['AWS::Region']}:${account}:key/01234567-89ab-cdef-0123-456789abcdef`;
    return `arn:aws:iam::${account}:role/${resource.Properties.RoleName}#${attribute}`;
  };
  const conditions: Record<string, boolean> = {};
  const condition = (name: string): boolean => {
    if (!(name in conditions))
      conditions[name] = evaluate(template.Conditions[name]) as boolean;
    return conditions[name];
  };
  const sub = (text: string, local: Record<string, unknown>) =>
    text.replace(/\$\{([\w:]+)(?:\.(\w+))?\}/g, (_, name, attribute) => {
      if (attribute) return attOf(name, attribute);
      return String(name in local ? local[name] : refOf(name));
    });
  function evaluate(node: any): unknown {
    if (Array.isArray(node))
      return node.map(evaluate).filter(v => v !== NO_VALUE);
    if (!node || typeof node !== 'object') return node;
    if ('Ref' in node)
      return node.Ref === 'AWS::NoValue' ? NO_VALUE : refOf(node.Ref);
    if ('Condition' in node && Object.keys(node).length === 1)
      return condition(node.Condition);
    if ('Fn::GetAtt' in node)
      return attOf(node['Fn::GetAtt'][0], node['Fn::GetAtt'][1]);
    if ('Fn::Sub' in node) {
      const [text, local] = Array.isArray(node['Fn::Sub'])
        ? node['Fn::Sub']
        : [node['Fn::Sub'], {}];
      return sub(text, evaluate(local) as Record<string, unknown>);
    }
    if ('Fn::If' in node) {
      const [name, yes, no] = node['Fn::If'];
      return evaluate(condition(name) ? yes : no);
    }
    if ('Fn::Join' in node)
      return (evaluate(node['Fn::Join'][1]) as string[]).join(
        node['Fn::Join'][0],
      );
    if ('Fn::Split' in node)
      return (evaluate(node['Fn::Split'][1]) as string).split(
        node['Fn::Split'][0],
      );
    if ('Fn::Equals' in node) {
      const [a, b] = evaluate(node['Fn::Equals']) as unknown[];
      return a === b;
    }
    if ('Fn::Not' in node) return !(evaluate(node['Fn::Not']) as boolean[])[0];
    if ('Fn::And' in node)
      return (evaluate(node['Fn::And']) as boolean[]).every(Boolean);
    return Object.fromEntries(
      Object.entries(node)
        .map(([k, v]) => [k, evaluate(v)] as const)
        .filter(([, v]) => v !== NO_VALUE),
    );
  }
  const resolved: Record<string, { Type: string; Properties: any }> = {};
  for (const [name, resource] of Object.entries(template.Resources)) {
    if (resource.Condition && !condition(resource.Condition)) continue;
    resolved[name] = {
      Type: resource.Type,
      Properties: evaluate(resource.Properties),
    };
  }
  return resolved;
}

/** A policy document's size as IAM counts it: JSON without whitespace. */
export function policySize(document: unknown): number {
  return JSON.stringify(document).length;
}
