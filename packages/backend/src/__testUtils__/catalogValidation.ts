import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_ACCOUNT_ID_PATTERN,
  AWS_REGION_ANNOTATION,
  AWS_REGION_PATTERN,
} from '@platform-portal/platform-common';
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type CatalogDocument = { file: string; index: number; entity: Entity };

/** Reads a catalog file and, recursively, the files its Location entities point at. */
export function readCatalogTree(
  entryFile: string,
  seen = new Set<string>(),
): CatalogDocument[] {
  const file = resolvePath(entryFile);
  if (seen.has(file)) return [];
  seen.add(file);
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  const result: CatalogDocument[] = [];
  documents.forEach((doc, index) => {
    if (doc.errors.length) {
      throw new Error(`${file}: YAML error: ${doc.errors[0].message}`);
    }
    const entity = doc.toJS() as Entity;
    result.push({ file, index, entity });
    if (entity?.kind === 'Location') {
      const targets = [
        ...((entity.spec?.targets as string[]) ?? []),
        ...(entity.spec?.target ? [entity.spec.target as string] : []),
      ];
      for (const target of targets) {
        result.push(
          ...readCatalogTree(resolvePath(dirname(file), target), seen),
        );
      }
    }
  });
  return result;
}

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const builtinKinds = new BuiltinKindsEntityProcessor();

/** The checks the catalog itself runs before it accepts an entity. */
async function catalogRejection(entity: Entity): Promise<string | undefined> {
  try {
    const checked = await policy.enforce(entity);
    if (!checked) return 'rejected by the entity policies';
    if (checked.kind === 'Template') {
      return (await templateEntityV1beta3Validator.check(checked))
        ? undefined
        : 'not a valid scaffolder.backstage.io/v1beta3 Template';
    }
    return (await builtinKinds.validateEntityKind(checked))
      ? undefined
      : `unknown kind ${checked.apiVersion}/${checked.kind}`;
  } catch (error) {
    return (error as Error).message;
  }
}

// Relation fields whose targets must exist in the repository's catalog, with the kind a bare
// name defaults to (as the catalog resolves them).
const REFERENCE_FIELDS: Array<{ path: string; defaultKind: string }> = [
  { path: 'owner', defaultKind: 'Group' },
  { path: 'system', defaultKind: 'System' },
  { path: 'domain', defaultKind: 'Domain' },
  { path: 'parent', defaultKind: 'Group' },
  { path: 'children', defaultKind: 'Group' },
  { path: 'memberOf', defaultKind: 'Group' },
  { path: 'dependsOn', defaultKind: 'Component' },
  { path: 'subcomponentOf', defaultKind: 'Component' },
];

const ACCOUNT_ID = AWS_ACCOUNT_ID_ANNOTATION;
const REGION = AWS_REGION_ANNOTATION;

/** Product rules for the AWS accounts, on top of what the catalog enforces. */
function awsAccountProblems(entity: Entity): string[] {
  if (entity.kind !== 'Resource' || entity.spec?.type !== 'aws-account')
    return [];
  const problems: string[] = [];
  const annotations = entity.metadata.annotations ?? {};
  if (!AWS_ACCOUNT_ID_PATTERN.test(annotations[ACCOUNT_ID] ?? '')) {
    problems.push(
      `metadata.annotations["${ACCOUNT_ID}"] must be a 12-digit account id`,
    );
  }
  if (!AWS_REGION_PATTERN.test(annotations[REGION] ?? '')) {
    problems.push(
      `metadata.annotations["${REGION}"] must be a region code such as eu-west-1`,
    );
  }
  return problems;
}

/** Every reason the catalog (or the product's rules) would reject the given documents. */
export async function findCatalogProblems(
  documents: CatalogDocument[],
): Promise<string[]> {
  const problems: string[] = [];
  const known = new Set<string>();
  for (const { entity } of documents) {
    if (entity?.metadata?.name && entity.kind) {
      known.add(stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
    }
  }
  const refs = new Map<string, string>();
  for (const { file, index, entity } of documents) {
    const where = `${file}#${index + 1} (${entity?.kind ?? '?'}:${
      entity?.metadata?.name ?? '?'
    })`;
    const rejection = await catalogRejection(entity);
    if (rejection) problems.push(`${where}: ${rejection}`);
    for (const p of awsAccountProblems(entity)) problems.push(`${where}: ${p}`);
    const key = entity?.metadata?.name ? stringifyEntityRef(entity) : undefined;
    if (key) {
      if (refs.has(key))
        problems.push(`${where}: duplicate of ${refs.get(key)}`);
      refs.set(key, where);
    }
    for (const { path, defaultKind } of REFERENCE_FIELDS) {
      const value = entity?.spec?.[path];
      const targets = [value ?? []].flat() as string[];
      for (const target of targets) {
        let ref: string;
        try {
          ref = stringifyEntityRef(
            parseEntityRef(target, {
              defaultKind,
              defaultNamespace: 'default',
            }),
          );
        } catch (error) {
          problems.push(
            `${where}: spec.${path} '${target}' is not an entity reference`,
          );
          continue;
        }
        if (!known.has(ref.toLocaleLowerCase('en-US'))) {
          problems.push(
            `${where}: spec.${path} points at ${ref}, which no catalog file defines`,
          );
        }
      }
    }
  }
  return problems;
}
