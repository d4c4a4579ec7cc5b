import { existsSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { PINNED_MODULE_INPUTS, PINNED_MODULE_VARIABLE_TYPES } from './index';

// The team's shared copy (beside the repository) is the source of truth when it is present.
const SHARED = resolvePath(__dirname, '../../../../../shared/data/terraform-module-inputs.json');

describe('PINNED_MODULE_INPUTS', () => {
  it('lists the pinned terraform-aws-modules with their inputs', () => {
    const pinned = PINNED_MODULE_INPUTS;
    expect(pinned['terraform-aws-modules/vpc/aws'].inputs).toContain('azs');
    expect(pinned['terraform-aws-modules/eks/aws'].inputs).toContain('kubernetes_version');
  });

  it('has the declared type of every input, read at the same tag', () => {
    expect(Object.keys(PINNED_MODULE_VARIABLE_TYPES).sort()).toEqual(
      Object.keys(PINNED_MODULE_INPUTS).sort(),
    );
    for (const [source, entry] of Object.entries(PINNED_MODULE_INPUTS)) {
      const types = PINNED_MODULE_VARIABLE_TYPES[source];
      expect(types.tag).toBe(entry.version);
      expect(Object.keys(types.variables).sort()).toEqual([...entry.inputs].sort());
    }
    expect(
      PINNED_MODULE_VARIABLE_TYPES['terraform-aws-modules/eks/aws'].variables.addons,
    ).toContain('configuration_values = optional(string)');
  });
});

// CI and every checkout of the team repository have shared/ beside the project.
const describeWhenShared = existsSync(SHARED) ? describe : describe.skip;
describeWhenShared('the bundled copy', () => {
  it('is identical to shared/data/terraform-module-inputs.json', () => {
    expect(PINNED_MODULE_INPUTS).toEqual(JSON.parse(readFileSync(SHARED, 'utf8')));
  });
});
