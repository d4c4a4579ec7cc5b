import { one, render } from './__testUtils__/stage2';

describe('stage 2: secret stores', () => {
  it('limits the ClusterSecretStore to platform namespaces and <env>/platform/ secrets', () => {
    const files = render('prod');
    const store = one(files, 'ClusterSecretStore');
    expect(store.apiVersion).toBe('external-secrets.io/v1');
    expect(store.metadata.name).toBe('platform');
    expect(store.spec.conditions).toEqual([
      { namespaces: ['karpenter', 'external-secrets', 'monitoring'] },
    ]);
    expect(store.spec.provider.aws).toEqual({
      service: 'SecretsManager',
      region: 'eu-west-1',
      prefix: 'orders-prod/platform/',
    });
    // No second store, nothing that names the database master secret.
    const stage2 = Object.entries(files).filter(([f]) =>
      /^(cluster|gitops)\//.test(f),
    );
    expect(
      stage2.filter(([, t]) => /kind: (Cluster)?SecretStore/.test(t)),
    ).toHaveLength(1);
    expect(
      stage2.filter(([, t]) => /rds!|master/i.test(t.replace(/^#.*$/gm, ''))),
    ).toEqual([]);
  });

  it('refuses SecretStores without an identity of their own outside the platform namespaces', () => {
    const files = render('dev');
    const policy = one(files, 'ValidatingAdmissionPolicy');
    const binding = one(files, 'ValidatingAdmissionPolicyBinding');
    expect(policy.spec.failurePolicy).toBe('Fail');
    expect(policy.spec.matchConstraints.resourceRules).toEqual([
      expect.objectContaining({
        apiGroups: ['external-secrets.io'],
        resources: ['secretstores'],
        operations: ['CREATE', 'UPDATE'],
      }),
    ]);
    expect(policy.spec.validations[0].expression).toContain(
      'has(object.spec.provider.aws.auth)',
    );
    expect(binding.spec).toEqual({
      policyName: policy.metadata.name,
      validationActions: ['Deny'],
      matchResources: {
        namespaceSelector: {
          matchExpressions: [
            {
              key: 'kubernetes.io/metadata.name',
              operator: 'NotIn',
              values: ['karpenter', 'external-secrets', 'monitoring'],
            },
          ],
        },
      },
    });
  });
});
