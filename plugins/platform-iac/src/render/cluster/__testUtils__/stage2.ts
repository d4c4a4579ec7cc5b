/** Renders an environment and reads its stage-2 documents, for the stage-2 tests. */
import { parseAllDocuments } from 'yaml';
import { EnvironmentRequest, Tier } from '../../../types';
import { cost, network, relative, request } from '../../__fixtures__/requests';
import { renderEnvironment } from '../../renderEnvironment';

export function render(
  tier: Tier,
  overrides: Partial<EnvironmentRequest> = {},
) {
  return relative(
    renderEnvironment({
      request: request(tier, overrides),
      network: network(tier),
      cost: cost(tier),
      gitops: {
        hubRoleArn: 'arn:aws:iam::999988887777:role/argocd-hub',
        repoUrl: 'https://github.com/acme/infra',
        revision: 'main',
      },
    }),
  );
}

export function docs(files: Record<string, string>, file: string): any[] {
  expect(files).toHaveProperty([file]);
  return parseAllDocuments(files[file]).map(d => d.toJS());
}

export function one(
  files: Record<string, string>,
  kind: string,
  name?: string,
) {
  const all = Object.keys(files)
    .filter(f => /^(cluster|gitops)\//.test(f))
    .flatMap(f => docs(files, f))
    .filter(d => d.kind === kind && (!name || d.metadata.name === name));
  expect(all).toHaveLength(1);
  return all[0];
}

export const addon = (files: Record<string, string>, name: string) =>
  docs(files, `gitops/addons/${name}.yaml`)[0];
