import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';

const spec = parseYaml(
  readFileSync(resolvePath(__dirname, '../openapi.yaml'), 'utf8'),
);

/** Validates a response body against the spec's schema for that path and status. */
export function specValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(spec, 'spec');
  return (path: string, status: number, body: unknown) => {
    const response = spec.paths[path].get.responses[String(status)];
    const ref: string | undefined = response.$ref;
    const schemaRef = ref
      ? `spec#/components/responses/${ref
          .split('/')
          .pop()}/content/application~1json/schema`
      : `spec#/paths/${path.replace(
          /\//g,
          '~1',
        )}/get/responses/${status}/content/application~1json/schema`;
    const validate = ajv.getSchema(schemaRef)!;
    const ok = validate(body);
    return ok
      ? []
      : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
  };
}
