import { existsSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { PINNED_MODULE_INPUTS } from './index';

// The team's shared copy (beside the repository) is the source of truth when it is present.
const SHARED = resolvePath(__dirname, '../../../../../shared/data/terraform-module-inputs.json');

describe('PINNED_MODULE_INPUTS', () => {
  it('lists the pinned terraform-aws-modules with their inputs', () => {
    const pinned = PINNED_MODULE_INPUTS;
    expect(pinned['terraform-aws-modules/vpc/aws'].inputs).toContain('azs');
    expect(pinned['terraform-aws-modules/eks/aws'].inputs).toContain('kubernetes_version');
  });

});

// CI and every checkout of the team repository have shared/ beside the project.
const describeWhenShared = existsSync(SHARED) ? describe : describe.skip;
describeWhenShared('the bundled copy', () => {
  it('is identical to shared/data/terraform-module-inputs.json', () => {
    expect(PINNED_MODULE_INPUTS).toEqual(JSON.parse(readFileSync(SHARED, 'utf8')));
  });
});
