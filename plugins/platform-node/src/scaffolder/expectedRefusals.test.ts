import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { withExpectedRefusals, withoutStackTrace } from './expectedRefusals';

describe('withoutStackTrace', () => {
  it.each([
    new InputError('name: must match ^[a-z]+$'),
    new NotAllowedError('tier: prod requires membership in platform-team'),
    new ConflictError('repoUrl: acme/orders already exists'),
    new NotFoundError('account: no such entity'),
  ])('turns the stack of a %p into its one line', error => {
    withoutStackTrace(error);
    expect(error.stack).toBe(`${error.name}: ${error.message}`);
    expect(error.stack).not.toMatch(/\n\s+at /);
  });

  it('keeps the stack of an unexpected error', () => {
    const error = new TypeError(
      "Cannot read properties of undefined (reading 'x')",
    );
    const stack = error.stack;
    withoutStackTrace(error);
    expect(error.stack).toBe(stack);
    expect(error.stack).toMatch(/\n\s+at /);
  });

  it('passes through what is not an Error', () => {
    expect(withoutStackTrace('text')).toBe('text');
  });
});

describe('withExpectedRefusals', () => {
  it('rethrows the same error with a one-line stack', async () => {
    const refusal = new NotAllowedError('tier: not allowed');
    const action = withExpectedRefusals({
      id: 'x',
      handler: async (_ctx: { input: string }) => {
        throw refusal;
      },
    });
    await expect(action.handler({ input: 'a' })).rejects.toBe(refusal);
    expect(refusal.stack).toBe('NotAllowedError: tier: not allowed');
    expect(action.id).toBe('x');
  });

  it('passes the context through and resolves when the handler does', async () => {
    const seen: string[] = [];
    const action = withExpectedRefusals({
      handler: async (ctx: { input: string }) => {
        seen.push(ctx.input);
      },
    });
    await action.handler({ input: 'a' });
    expect(seen).toEqual(['a']);
  });
});
