import { Entity } from '@backstage/catalog-model';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { PRODUCTION_ACCOUNT_ANNOTATION } from '@platform-portal/platform-common';

/**
 * The props rjsf hands a custom field, as far as the pickers read them; `onChange` is a jest
 * mock so a test can see what the field reports.
 */
export function fieldProps<TUiOptions = {}>(props: {
  schema: Record<string, unknown>;
  formData?: string;
  uiOptions?: TUiOptions;
  formContext?: { formData: Record<string, unknown> };
}): FieldExtensionComponentProps<string, TUiOptions> & { onChange: jest.Mock } {
  return {
    name: 'field',
    schema: props.schema,
    uiSchema: props.uiOptions ? { 'ui:options': props.uiOptions } : {},
    idSchema: { $id: 'root_field' },
    formData: props.formData,
    formContext: props.formContext,
    onChange: jest.fn(),
    onBlur: jest.fn(),
    onFocus: jest.fn(),
    rawErrors: [],
    required: true,
    disabled: false,
    readonly: false,
    errorSchema: {},
    registry: {},
  } as unknown as FieldExtensionComponentProps<string, TUiOptions> & {
    onChange: jest.Mock;
  };
}

/** An aws-account resource as catalog/aws-accounts.yaml declares it. */
export function awsAccount(
  name: string,
  title: string,
  options: { production?: boolean } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      title,
      annotations: options.production
        ? { [PRODUCTION_ACCOUNT_ANNOTATION]: 'true' }
        : {},
    },
    spec: { type: 'aws-account', owner: 'group:default/platform-team' },
  };
}

/** The accounts of the reference layout; prod-account is the production account. */
export const referenceAccounts = [
  awsAccount('shared-account', 'shared (services)'),
  awsAccount('dev-account', 'dev (workloads)'),
  awsAccount('staging-account', 'staging (workloads)'),
  awsAccount('prod-account', 'prod (workloads)', { production: true }),
];
