import { Entity } from '@backstage/catalog-model';
import { renderField } from '../../__testUtils__/renderField';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fieldProps, referenceAccounts } from '../../__testUtils__/fieldProps';
import { PlatformAccountPicker } from './PlatformAccountPicker';
import { validatePlatformAccount } from './field';

const schema = {
  title: 'Target AWS account',
  type: 'string',
  description: 'The workload account the environment is created in.',
};
const database: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db', namespace: 'default' },
  spec: { type: 'database', owner: 'group:default/team-orders' },
};
const catalog = () =>
  catalogApiMock({ entities: [...referenceAccounts, database] });

const PROD_ONLY = 'prod-account takes only production environments';
const PROD_GOES_TO_PROD = 'production environments go to a production account';

/** Renders the picker with the tier field at `tier` and opens its list. */
async function openPicker(tier: string | undefined, formData?: string) {
  const props = fieldProps({
    schema,
    formData,
    uiOptions: { tierField: 'tier' },
    formContext: { formData: { name: 'qa', tier } },
  });
  renderField(<PlatformAccountPicker {...props} />, [catalog()]);
  // Clicks on disabled options must not be refused by the test runner: they are the point.
  const user = userEvent.setup({ pointerEventsCheck: 0 });
  await user.click(screen.getByRole('textbox', { name: /Target AWS account/ }));
  const listbox = await screen.findByRole('listbox');
  const option = (title: string) =>
    within(listbox).getByRole('option', {
      name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`),
    });
  return { props, user, option, listbox };
}

describe('PlatformAccountPicker', () => {
  it('lists the aws-account resources only, by title', async () => {
    const { listbox } = await openPicker(undefined);
    await waitFor(() =>
      expect(within(listbox).getAllByRole('option')).toHaveLength(4),
    );
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'dev (workloads)',
      'prod (workloads)',
      'shared (services)',
      'staging (workloads)',
    ]);
  });

  it('for a dev environment, disables the production account with the reason', async () => {
    const { props, user, option, listbox } = await openPicker('dev');
    await waitFor(() =>
      expect(option('prod (workloads)')).toHaveAttribute(
        'aria-disabled',
        'true',
      ),
    );
    expect(option('prod (workloads)')).toHaveTextContent(PROD_ONLY);
    for (const title of [
      'dev (workloads)',
      'staging (workloads)',
      'shared (services)',
    ]) {
      expect(option(title)).not.toHaveAttribute('aria-disabled', 'true');
    }
    expect(within(listbox).queryByText(PROD_GOES_TO_PROD)).toBeNull();

    // The browser lets no pointer through to a disabled option; jsdom does, and the picker still
    // reports nothing. The list closes on any click and keeps the text: clear it and reopen.
    await user.click(option('prod (workloads)'));
    expect(props.onChange).not.toHaveBeenCalled();
    const textbox = screen.getByRole('textbox', { name: /Target AWS account/ });
    await user.clear(textbox);
    await user.click(textbox);
    await user.click(
      await screen.findByRole('option', { name: 'dev (workloads)' }),
    );
    expect(props.onChange).toHaveBeenCalledWith('resource:default/dev-account');
  });

  it('for a prod environment, disables every other account with the reason', async () => {
    const { props, user, option, listbox } = await openPicker('prod');
    await waitFor(() =>
      expect(option('prod (workloads)')).not.toHaveAttribute(
        'aria-disabled',
        'true',
      ),
    );
    expect(within(listbox).getAllByText(PROD_GOES_TO_PROD)).toHaveLength(3);
    expect(option('dev (workloads)')).toHaveAttribute('aria-disabled', 'true');
    await user.click(option('prod (workloads)'));
    expect(props.onChange).toHaveBeenCalledWith(
      'resource:default/prod-account',
    );
  });

  it('flags a chosen account the tier no longer fits', async () => {
    const props = fieldProps({
      schema,
      formData: 'resource:default/prod-account',
      formContext: { formData: { tier: 'staging' } },
    });
    renderField(<PlatformAccountPicker {...props} />, [catalog()]);
    const textbox = screen.getByRole('textbox', { name: /Target AWS account/ });
    await waitFor(() => expect(textbox).toHaveValue('prod (workloads)'));
    expect(await screen.findByText(PROD_ONLY)).toBeInTheDocument();
  });

  it('says so when the catalog cannot be read', async () => {
    const failing = catalogApiMock.mock({
      getEntities: async () => {
        throw new Error('401 Unauthorized');
      },
    });
    renderField(<PlatformAccountPicker {...fieldProps({ schema })} />, [
      failing,
    ]);
    expect(
      await screen.findByText(
        'Could not load the AWS accounts: 401 Unauthorized',
      ),
    ).toBeInTheDocument();
  });
});

describe('validatePlatformAccount', () => {
  async function validate(ref: string, tier: string) {
    const catalogApi = catalog();
    const validation = createFieldValidation();
    await validatePlatformAccount(ref, validation, {
      apiHolder: {
        get: apiRef =>
          (apiRef.id === catalogApiRef.id ? catalogApi : undefined) as any,
      },
      formData: { tier },
      schema: {},
      uiSchema: { 'ui:options': { tierField: 'tier' } },
    });
    return validation.__errors;
  }

  it('refuses an account the tier may not use, with the picker reason', async () => {
    expect(await validate('resource:default/prod-account', 'dev')).toEqual([
      PROD_ONLY,
    ]);
    expect(await validate('resource:default/dev-account', 'prod')).toEqual([
      PROD_GOES_TO_PROD,
    ]);
  });

  it('accepts the accounts the tier fits', async () => {
    expect(await validate('resource:default/dev-account', 'dev')).toEqual([]);
    expect(await validate('resource:default/prod-account', 'prod')).toEqual([]);
  });

  it('refuses anything that is not an aws-account in the catalog', async () => {
    expect(await validate('resource:default/orders-db', 'dev')).toEqual([
      'resource:default/orders-db is not an aws-account in the catalog',
    ]);
    expect(await validate('resource:default/mallory-account', 'dev')).toEqual([
      'resource:default/mallory-account is not an aws-account in the catalog',
    ]);
  });
});
