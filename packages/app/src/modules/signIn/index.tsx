import { SignInPage } from '@backstage/core-components';
import {
  coreApis,
  createFrontendModule,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';

const githubProvider = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your GitHub account',
  apiRef: githubAuthApiRef,
};

/**
 * Guest sign-in is the embedded default and is never offered in production
 * (`auth.environment: production`, where the backend refuses it too); GitHub is offered as
 * soon as `auth.providers.github` is configured, so production needs no code change.
 */
function PortalSignInPage(props: SignInPageProps) {
  const config = useApi(coreApis.config);
  const production =
    config.getOptionalString('auth.environment') === 'production';
  const providers = [
    ...(production ? [] : (['guest'] as const)),
    ...(config.has('auth.providers.github') ? [githubProvider] : []),
  ];
  return (
    <SignInPage
      {...props}
      title="Platform Portal"
      align="center"
      providers={[...providers]}
    />
  );
}

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => PortalSignInPage },
    }),
  ],
});
