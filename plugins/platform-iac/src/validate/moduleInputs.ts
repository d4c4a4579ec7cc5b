import { z } from 'zod';

/** Declared inputs of pinned registry modules, keyed by registry source (`ns/name/provider[//subdir]`). */
export type ModuleInputsCatalog = Record<
  string,
  { version: string; inputs: string[] }
>;

const catalogSchema = z.record(
  z.string().min(1),
  z.object({
    version: z.string().min(1),
    inputs: z.array(z.string().min(1)),
  }),
);

/** Validates the parsed terraform-module-inputs.json; throws a ZodError when malformed. */
export function loadModuleInputs(json: unknown): ModuleInputsCatalog {
  return catalogSchema.parse(json);
}

/** `v6.6.0`, `6.6.0` and `= 6.6.0` all denote the same exact pin. */
export function normalizeVersion(version: string): string {
  return version.trim().replace(/^=\s*/, '').replace(/^v/, '');
}
