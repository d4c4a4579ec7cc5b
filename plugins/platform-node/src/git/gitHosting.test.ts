import { ConfigReader } from '@backstage/config';
import { GitHosting } from './gitHosting';

const hostingWith = (github: object[]) =>
  GitHosting.fromConfig(new ConfigReader({ integrations: { github } }));

describe('GitHosting', () => {
  it('is GitHub only for a host whose integration has credentials', () => {
    const hosting = hostingWith([
      { host: 'github.com', token: 'ghp_a' },
      { host: 'ghe.example.com', apiBaseUrl: 'https://ghe.example.com/api/v3' },
    ]);
    expect(hosting.github('https://github.com/acme/x')?.host).toBe(
      'github.com',
    );
    expect(hosting.github('https://ghe.example.com/acme/x')).toBeUndefined();
    expect(hosting.github('https://gitlab.com/acme/x')).toBeUndefined();
  });

  describe('signature', () => {
    const sign = (github: object[], text: string) =>
      hostingWith(github).github('https://github.com/acme/x')!.signature(text);
    const withToken = (token: string) => [{ host: 'github.com', token }];

    it('is stable for the same credentials and text (another process, a restart)', () => {
      expect(sign(withToken('ghp_a'), 'acme/orders')).toMatch(/^[0-9a-f]{24}$/);
      expect(sign(withToken('ghp_a'), 'acme/orders')).toBe(
        sign(withToken('ghp_a'), 'acme/orders'),
      );
    });

    it('differs per text and per secret, so it cannot be copied or made without them', () => {
      const base = sign(withToken('ghp_a'), 'acme/orders');
      expect(sign(withToken('ghp_a'), 'acme/billing')).not.toBe(base);
      expect(sign(withToken('ghp_b'), 'acme/orders')).not.toBe(base);
      const app = (privateKey: string) => [
        {
          host: 'github.com',
          apps: [
            {
              appId: 1,
              privateKey,
              clientId: 'c',
              clientSecret: 's',
              webhookSecret: 'w',
            },
          ],
        },
      ];
      expect(sign(app('key-1'), 'acme/orders')).not.toBe(
        sign(app('key-2'), 'acme/orders'),
      );
    });
  });
});
