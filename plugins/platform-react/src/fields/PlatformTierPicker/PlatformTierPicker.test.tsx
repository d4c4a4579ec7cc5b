import { mockApis } from '@backstage/frontend-test-utils';
import { renderField } from '../../__testUtils__/renderField';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fieldProps } from '../../__testUtils__/fieldProps';
import { PROD_TIER_DENIED_REASON } from '../../rules';
import { PlatformTierPicker } from './PlatformTierPicker';
import { validatePlatformTier } from './field';

const schema = {
  title: 'Tier',
  type: 'string',
  description: 'Production needs platform-team membership.',
  enum: ['dev', 'staging', 'prod', 'other'],
};

/** Renders the picker for a user the policy allows or denies prod, and opens its list. */
async function openPicker(
  decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const permissionApi = mockApis.permission({ authorize: decision });
  const props = fieldProps({ schema, formData: 'dev' });
  renderField(<PlatformTierPicker {...props} />, [permissionApi]);
  // Clicks on disabled options must not be refused by the test runner: they are the point.
  const user = userEvent.setup({ pointerEventsCheck: 0 });
  await user.click(screen.getByRole('button', { name: /^Tier/ }));
  const listbox = await screen.findByRole('listbox');
  const option = (tier: string) =>
    within(listbox).getByRole('option', { name: new RegExp(`^${tier}`) });
  return { props, user, option, listbox };
}

describe('PlatformTierPicker', () => {
  it('shows the template description and the chosen tier', async () => {
    renderField(
      <PlatformTierPicker {...fieldProps({ schema, formData: 'staging' })} />,
      [mockApis.permission({ authorize: AuthorizeResult.DENY })],
    );
    expect(screen.getByRole('button', { name: /^Tier/ })).toHaveTextContent(
      'staging',
    );
    expect(
      await screen.findByText('Production needs platform-team membership.'),
    ).toBeInTheDocument();
  });

  it('disables prod with the reason when the policy denies environmentCreateProdPermission', async () => {
    const { props, user, option, listbox } = await openPicker(
      AuthorizeResult.DENY,
    );
    await waitFor(() =>
      expect(option('prod')).toHaveTextContent(PROD_TIER_DENIED_REASON),
    );
    expect(option('prod')).toHaveAttribute('aria-disabled', 'true');
    for (const tier of ['dev', 'staging', 'other']) {
      expect(option(tier)).not.toHaveAttribute('aria-disabled', 'true');
    }
    expect(within(listbox).getAllByText(PROD_TIER_DENIED_REASON)).toHaveLength(
      1,
    );

    // The browser lets no pointer through to a disabled item; jsdom does, and the picker still
    // reports nothing. The menu closes on any click, so open it again.
    await user.click(option('prod'));
    expect(props.onChange).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: /^Tier/ }));
    await user.click(await screen.findByRole('option', { name: 'staging' }));
    expect(props.onChange).toHaveBeenCalledWith('staging');
  });

  it('offers prod, without a reason, when the policy allows it', async () => {
    const { props, user, option } = await openPicker(AuthorizeResult.ALLOW);
    await waitFor(() =>
      expect(option('prod')).not.toHaveAttribute('aria-disabled', 'true'),
    );
    expect(option('prod')).toHaveTextContent(/^prod$/);
    await user.click(option('prod'));
    expect(props.onChange).toHaveBeenCalledWith('prod');
  });

  it('asks for exactly the permission the scaffolder actions check', async () => {
    const authorize = jest.fn(async () => ({ result: AuthorizeResult.DENY }));
    renderField(<PlatformTierPicker {...fieldProps({ schema })} />, [
      [permissionApiRef, { authorize }],
    ]);
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'platform.environment.create.prod',
        }),
      }),
    );
  });
});

describe('validatePlatformTier', () => {
  async function validate(
    tier: string,
    decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  ) {
    const permissionApi = mockApis.permission({ authorize: decision });
    const authorize = jest.spyOn(permissionApi, 'authorize');
    const validation = createFieldValidation();
    await validatePlatformTier(tier, validation, {
      apiHolder: { get: () => permissionApi as any },
      formData: { tier },
      schema: {},
    });
    return { errors: validation.__errors, authorize };
  }

  it('refuses prod on a deny decision, with the same reason as the picker', async () => {
    expect((await validate('prod', AuthorizeResult.DENY)).errors).toEqual([
      PROD_TIER_DENIED_REASON,
    ]);
  });

  it('accepts prod on an allow decision and other tiers without asking', async () => {
    expect((await validate('prod', AuthorizeResult.ALLOW)).errors).toEqual([]);
    const dev = await validate('dev', AuthorizeResult.DENY);
    expect(dev.errors).toEqual([]);
    expect(dev.authorize).not.toHaveBeenCalled();
  });
});
