import fc from 'fast-check';
import { resolve } from 'node:path';
import { readModuleLibrary } from '../../__testUtils__/moduleLibrary';
import { cost, network, request } from '../../render/__fixtures__/requests';
import { renderEnvironment } from '../../render/renderEnvironment';
import type { Tier } from '../../types';
import { PINNED_MODULE_INPUTS } from '../../data';
import { stageOneFiles } from '../environmentFiles';
import { MODULE_ROLE_NAMES } from '../moduleIamInputs';
import {
  iamNameLength,
  iamNamesPerEnvironment,
  iamRoleNames,
  ROLE_NAME_MAX,
} from './iamNames';
import { environmentNames } from '../../__testUtils__/environmentNames';

const LIBRARY = resolve(
  __dirname,
  '../../../../../templates/aws-environment/modules',
);

const library = readModuleLibrary(LIBRARY);
/** Every name the form accepts. */
const environmentName = environmentNames();
const tier = fc.constantFrom<Tier>('dev', 'staging', 'prod');

function roles(name: string, t: Tier) {
  const req = request(t, { name });
  const files = {
    ...library,
    ...renderEnvironment({ request: req, network: network(t), cost: cost(t) }),
  };
  const tf = stageOneFiles(req, files)!;
  return {
    uses: iamRoleNames(req, files, tf),
    length: iamNameLength(req, files, tf),
    perEnvironment: iamNamesPerEnvironment(req, files, tf),
  };
}

describe('IAM role names of the rendered environment (A7)', () => {
  it('fit 64 characters, are explicit and carry the environment name for every name the form accepts', () => {
    fc.assert(
      fc.property(environmentName, tier, (name, t) => {
        const { uses, length, perEnvironment } = roles(name, t);
        // Decision 3: stage 2 names the Karpenter node role without reading stage-1 outputs.
        expect(uses.map(u => u.name.text)).toContain(`${name}-karpenter-node`);
        for (const use of uses) {
          expect(use.prefix).toBe(false);
          expect(use.name.text.length).toBeLessThanOrEqual(ROLE_NAME_MAX);
          expect(use.name.text).toContain(name);
        }
        expect(length).toMatchObject({ passed: true });
        expect(perEnvironment).toMatchObject({ passed: true });
      }),
      {
        numRuns: 40,
        examples: [
          ['ab', 'dev'],
          ['abcdefghijklmnopqrstu', 'prod'],
          ['z-----------------0-z', 'staging'],
        ],
      },
    );
  });

  it('computes every role the library creates from the request', () => {
    const { uses } = roles('abcdefghijklmnopqrstu', 'prod');
    // Each role is named from the environment: none is left to a module default.
    expect(uses.length).toBeGreaterThanOrEqual(6);
    expect(uses.filter(u => u.name.complete).length).toBeGreaterThanOrEqual(5);
  });
});

describe('MODULE_ROLE_NAMES', () => {
  it('names only inputs the pinned modules declare', () => {
    for (const [source, specs] of Object.entries(MODULE_ROLE_NAMES)) {
      const inputs = PINNED_MODULE_INPUTS[source].inputs;
      for (const spec of specs) {
        const named = [spec.name, spec.prefix, spec.create?.input];
        for (const input of named.filter((i): i is string => !!i)) {
          expect([source, input, inputs.includes(input)]).toEqual([
            source,
            input,
            true,
          ]);
        }
      }
    }
  });
});
