import {
  AWS_ACCOUNT_ID_PATTERN,
  AWS_REGION_PATTERN,
  ENVIRONMENT_NAME_PATTERN,
} from './patterns';

describe('shared patterns', () => {
  it.each(['123456789012', '000000000003'])('accepts account id %s', id =>
    expect(AWS_ACCOUNT_ID_PATTERN.test(id)).toBe(true),
  );
  it.each(['12345678901', '1234567890123', '12345678901a', ' 123456789012'])(
    'refuses account id %j',
    id => expect(AWS_ACCOUNT_ID_PATTERN.test(id)).toBe(false),
  );
  it.each(['us-east-1', 'eu-west-1', 'us-gov-west-1', 'ap-southeast-5'])(
    'accepts region %s',
    region => expect(AWS_REGION_PATTERN.test(region)).toBe(true),
  );
  it.each(['eu-west', 'EU-WEST-1', 'mars-north-1', 'eu-west-1a'])(
    'refuses region %s',
    region => expect(AWS_REGION_PATTERN.test(region)).toBe(false),
  );
  it.each(['qa', 'team-a-dev', 'a'.repeat(21), 'a1', 'q-1'])(
    'accepts environment name %s',
    name => expect(ENVIRONMENT_NAME_PATTERN.test(name)).toBe(true),
  );
  it.each([
    'q',
    '1qa',
    'Qa',
    'qa_1',
    'a'.repeat(22),
    'ab-',
    'a--b',
    'qa-',
    '-qa',
    `a-${'b'.repeat(20)}`,
  ])('refuses environment name %s', name =>
    expect(ENVIRONMENT_NAME_PATTERN.test(name)).toBe(false),
  );
});
