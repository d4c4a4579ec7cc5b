import { z } from 'zod';

/**
 * Constructs that must never reach generated Terraform, YAML or workflow
 * files through a user-supplied string. Every value we render lands inside
 * a quoted HCL/YAML string or a path, so these are the ways to break out of
 * one. Longer tokens come first so `${{` is reported once, not also as `${`
 * and `{{`.
 */
const FORBIDDEN: ReadonlyArray<{ token: string | RegExp; what: string }> = [
  { token: '${{', what: "'${{' (GitHub Actions expression)" },
  { token: '${', what: "'${' (HCL/shell interpolation)" },
  { token: '%{', what: "'%{' (HCL template directive)" },
  { token: '{{', what: "'{{' (template expression)" },
  { token: '../', what: "'../' (path traversal)" },
  { token: "'", what: 'a single quote' },
  { token: '"', what: 'a double quote' },
  { token: '`', what: 'a backtick' },
  { token: '\\', what: 'a backslash' },
  {
    // C0/C1 controls (newline, tab, NUL, ...) and Unicode line separators.
    // eslint-disable-next-line no-control-regex
    token: /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    what: 'a newline or control character',
  },
];

/** Describes every forbidden construct in `value`, or returns [] when it is safe. */
export function findUnsafeConstructs(value: string): string[] {
  const found: string[] = [];
  let rest = value;
  for (const { token, what } of FORBIDDEN) {
    const hit =
      typeof token === 'string' ? rest.includes(token) : token.test(rest);
    if (typeof token !== 'string') token.lastIndex = 0;
    if (hit) {
      found.push(what);
      // Blank the token out so shorter tokens it contains are not reported again.
      rest =
        typeof token === 'string'
          ? rest.split(token).join(' ')
          : rest.replace(token, ' ');
    }
  }
  return found;
}

/**
 * A string schema that rejects injection constructs, with an error that says
 * which construct was found. Every string field of the request goes through
 * it (see `safeString`) before its own format rule.
 */
export const safeText = z.string().superRefine((value, ctx) => {
  const found = findUnsafeConstructs(value);
  if (found.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must not contain ${found.join(', ')}`,
    });
  }
});

/**
 * Runs `safeText` first and only then the field's own rule, so an injection
 * attempt gets the clearer construct message instead of a format mismatch.
 */
export function safeString<T extends z.ZodType<unknown, string>>(
  inner: T,
): z.ZodPipe<typeof safeText, T> {
  return safeText.pipe(inner);
}
