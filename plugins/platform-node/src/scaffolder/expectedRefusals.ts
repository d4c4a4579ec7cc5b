/**
 * Error names of @backstage/errors that an action throws on purpose: the request is refused
 * (bad input, not allowed, already exists, not found). Compared by name, as instanceof fails
 * across copies of the package.
 */
export const EXPECTED_REFUSALS: readonly string[] = [
  'InputError',
  'NotAllowedError',
  'ConflictError',
  'NotFoundError',
];

/**
 * The scaffolder writes a failed step's `error.stack` into the task log (NunjucksWorkflowRunner,
 * `markFailed`). For an expected refusal the stack only hides the reason, so it becomes
 * `<name>: <message>`: the log shows the one line the user needs. Other errors keep their stack,
 * which is what someone debugging a bug needs.
 */
export function withoutStackTrace(error: unknown): unknown {
  if (
    error instanceof Error &&
    EXPECTED_REFUSALS.includes(error.name) &&
    typeof error.message === 'string'
  ) {
    error.stack = `${error.name}: ${error.message}`;
  }
  return error;
}

/**
 * Wraps a scaffolder action (anything with a `handler(ctx)`) so that its expected refusals reach
 * the task log as one line without a stack trace (see withoutStackTrace). Use it around
 * `createTemplateAction(...)` in every portal action.
 */
export function withExpectedRefusals<
  T extends { handler: (ctx: any) => Promise<void> },
>(action: T): T {
  const handler = action.handler;
  return {
    ...action,
    async handler(ctx: Parameters<T['handler']>[0]) {
      try {
        await handler(ctx);
      } catch (error) {
        throw withoutStackTrace(error);
      }
    },
  };
}
