import { parse, Tags } from 'yaml';

const INTRINSICS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'GetAZs',
  'ImportValue',
  'Cidr',
];

/** YAML tags for CloudFormation's short forms (!Ref, !Sub, !GetAtt ...), as their long forms. */
const cloudFormationTags: Tags = INTRINSICS.flatMap(name => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return [
    {
      tag: `!${name}`,
      resolve: (value: string) => ({
        [key]: name === 'GetAtt' ? value.split('.') : value,
      }),
    },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (seq: any) => ({ [key]: seq.toJSON() }),
    },
    {
      tag: `!${name}`,
      collection: 'map' as const,
      resolve: (map: any) => ({ [key]: map.toJSON() }),
    },
  ];
});

export type CfnTemplate = {
  Parameters: Record<string, any>;
  Conditions: Record<string, any>;
  Resources: Record<
    string,
    { Type: string; Condition?: string; Properties?: any; [k: string]: any }
  >;
  Outputs: Record<string, { Value: any; Condition?: string }>;
};

export function parseCloudFormation(text: string): CfnTemplate {
  return parse(text, { customTags: cloudFormationTags }) as CfnTemplate;
}
