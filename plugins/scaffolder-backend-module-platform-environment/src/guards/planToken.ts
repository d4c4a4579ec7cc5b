import { InputError } from '@backstage/errors';
import { AccountIdentity, Tier, TIERS } from '@platform-portal/platform-iac';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What platform:environment:plan vouches for, and platform:iac:publish checks. */
export interface PlanClaims {
  /** The scaffolder task the plan ran in: a token is worth nothing in another task. */
  task: string;
  environment: string;
  /** The tier the files were rendered for (after the effective-tier rules). */
  tier: Tier;
  account: AccountIdentity;
  /** renderedTreeDigest of environments/<name>/ and modules/ as plan left them. */
  digest: string;
}

const VERSION = 'v1';

/**
 * Signs and verifies plan tokens: `v1.<claims>.<HMAC-SHA256>` (base64url). A digest alone would
 * not bind anything, because a template that skips the plan could compute it over its own
 * files; the HMAC key never leaves the backend, so only the plan action can issue a token.
 *
 * The key is random per backend process: a plan and its publish run in the same task on the
 * same worker. A task resumed on another process (scaffolder task recovery) fails at publish
 * with a clear message and is simply run again.
 */
export class PlanTokens {
  static withRandomKey(): PlanTokens {
    return new PlanTokens(randomBytes(32));
  }

  constructor(private readonly key: Buffer) {}

  sign(claims: PlanClaims): string {
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString(
      'base64url',
    );
    return `${VERSION}.${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The claims of a token this backend issued; an InputError naming `planToken` otherwise. */
  verify(token: unknown): PlanClaims {
    if (typeof token !== 'string' || token === '') {
      throw new InputError(
        'planToken: missing; platform:iac:publish commits only what platform:environment:plan rendered in the same task (pass ${{ steps.<plan step>.output.planToken }})',
      );
    }
    const [version, body, mac, ...rest] = token.split('.');
    const given = Buffer.from(mac ?? '', 'base64url');
    const expected = body ? this.mac(body) : Buffer.alloc(0);
    if (
      version !== VERSION ||
      rest.length > 0 ||
      expected.length === 0 ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected)
    ) {
      throw new InputError(
        'planToken: not issued by platform:environment:plan on this backend (signature mismatch); run the plan again in the same task',
      );
    }
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!TIERS.includes(claims?.tier)) {
      throw new InputError('planToken: the signed claims carry no valid tier');
    }
    return claims as PlanClaims;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(`${VERSION}.${body}`).digest();
  }
}
