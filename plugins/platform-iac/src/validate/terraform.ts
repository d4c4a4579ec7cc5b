import { parse } from '@cdktf/hcl2json';
import { ValidationProblem } from '../types';
import { findArgumentLine, findModuleBlocks } from './hclScan';
import { PINNED_MODULE_VARIABLE_TYPES } from '../data';
import {
  ModuleInputsCatalog,
  ModuleVariableTypesCatalog,
  normalizeVersion,
} from './moduleInputs';
import { checkValue, parseTfType, TfType } from './variableTypes';

/** Module block arguments Terraform itself interprets. */
const META_ARGUMENTS = new Set([
  'source',
  'version',
  'count',
  'for_each',
  'depends_on',
  'providers',
]);

const REGISTRY_PREFIX = 'terraform-aws-modules/';

type ModuleBody = Record<string, unknown>;
type ParsedHcl = {
  module?: Record<string, ModuleBody[]>;
  variable?: Record<string, unknown>;
};

/** Parse result, or the syntax problems hcl2json reported (`file:line,col-...: message`). */
export async function parseHcl(
  file: string,
  text: string,
): Promise<{ json?: ParsedHcl; problems: ValidationProblem[] }> {
  try {
    return { json: (await parse(file, text)) as ParsedHcl, problems: [] };
  } catch (error) {
    return { problems: syntaxProblems(file, String(error)) };
  }
}

function syntaxProblems(file: string, message: string): ValidationProblem[] {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `${escaped}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: ([^\\]]*?)(?=, ${escaped}:|\\]|$)`,
    'g',
  );
  const problems = [...message.matchAll(pattern)].map(m => ({
    file,
    line: Number(m[1]),
    column: Number(m[2]),
    message: `HCL syntax error: ${m[3].trim()}`,
  }));
  return problems.length
    ? problems
    : [{ file, message: `HCL syntax error: ${message}` }];
}

/** Names of the `variable` blocks declared in a .tf file. */
export async function declaredVariables(tfText: string): Promise<string[]> {
  const json = (await parse('variables.tf', tfText)) as ParsedHcl;
  return Object.keys(json.variable ?? {});
}

const parsedTypes = new WeakMap<
  ModuleVariableTypesCatalog,
  Map<string, Map<string, TfType>>
>();

/** The parsed variable types of one module of the catalog (parsed once per catalog). */
function variableTypes(
  catalog: ModuleVariableTypesCatalog,
  source: string,
): Map<string, TfType> | undefined {
  if (!catalog[source]) return undefined;
  let modules = parsedTypes.get(catalog);
  if (!modules) parsedTypes.set(catalog, (modules = new Map()));
  let types = modules.get(source);
  if (!types) {
    types = new Map(
      Object.entries(catalog[source].variables).map(([name, type]) => [
        name,
        parseTfType(type),
      ]),
    );
    modules.set(source, types);
  }
  return types;
}

interface ModuleCheckContext {
  file: string;
  text: string;
  label: string;
  line: (argument: string) => number;
}

function checkRegistryModule(
  ctx: ModuleCheckContext,
  source: string,
  body: ModuleBody,
  catalog: ModuleInputsCatalog,
  typesCatalog: ModuleVariableTypesCatalog,
): ValidationProblem[] {
  const entry = catalog[source];
  const at = (argument: string, message: string): ValidationProblem => ({
    file: ctx.file,
    line: ctx.line(argument),
    message: `module "${ctx.label}": ${message}`,
  });
  if (!entry) {
    return [
      at('source', `source "${source}" is not in the module inputs catalog`),
    ];
  }
  const problems: ValidationProblem[] = [];
  const version = typeof body.version === 'string' ? body.version : undefined;
  if (!version) {
    problems.push(
      at('source', `missing version pin (expected ${entry.version})`),
    );
  } else if (normalizeVersion(version) !== normalizeVersion(entry.version)) {
    problems.push(
      at(
        'version',
        `version "${version}" does not pin ${entry.version} of ${source}`,
      ),
    );
  }
  const inputs = new Set(entry.inputs);
  const pinned =
    version !== undefined &&
    normalizeVersion(version) === normalizeVersion(entry.version);
  const types = pinned ? variableTypes(typesCatalog, source) : undefined;
  for (const argument of arguments_(body)) {
    const type = types?.get(argument);
    if (type) {
      for (const problem of checkValue(body[argument], type, argument)) {
        problems.push(at(argument, `argument ${problem}`));
      }
    }
    if (!inputs.has(argument)) {
      problems.push(
        at(
          argument,
          `argument "${argument}" is not an input of ${source} ${entry.version}`,
        ),
      );
    }
  }
  return problems;
}

function checkLocalModule(
  ctx: ModuleCheckContext,
  source: string,
  body: ModuleBody,
  localModules: Record<string, string[]>,
): ValidationProblem[] {
  const name = source.replace(/\/+$/, '').split('/').pop() ?? source;
  const variables = localModules[name];
  if (!variables) {
    return [
      {
        file: ctx.file,
        line: ctx.line('source'),
        message: `module "${ctx.label}": unknown local module "${name}"`,
      },
    ];
  }
  const declared = new Set(variables);
  return arguments_(body)
    .filter(argument => !declared.has(argument))
    .map(argument => ({
      file: ctx.file,
      line: ctx.line(argument),
      message: `module "${ctx.label}": argument "${argument}" is not a variable of local module "${name}"`,
    }));
}

function arguments_(body: ModuleBody): string[] {
  return Object.keys(body).filter(key => !META_ARGUMENTS.has(key));
}

/** Syntax, registry pins/inputs and local module variables of one .tf file. */
export async function validateTerraformFile(
  file: string,
  text: string,
  catalog: ModuleInputsCatalog,
  localModules?: Record<string, string[]>,
  typesCatalog: ModuleVariableTypesCatalog = PINNED_MODULE_VARIABLE_TYPES,
): Promise<ValidationProblem[]> {
  const { json, problems } = await parseHcl(file, text);
  if (!json) return problems;
  const blocks = findModuleBlocks(text);
  for (const [label, bodies] of Object.entries(json.module ?? {})) {
    const range = blocks.get(label);
    const ctx: ModuleCheckContext = {
      file,
      text,
      label,
      line: argument => (range ? findArgumentLine(text, range, argument) : 1),
    };
    for (const body of bodies) {
      const source = typeof body.source === 'string' ? body.source : '';
      if (source.startsWith(REGISTRY_PREFIX)) {
        problems.push(
          ...checkRegistryModule(ctx, source, body, catalog, typesCatalog),
        );
      } else if (/^\.\.?\//.test(source) && localModules) {
        problems.push(...checkLocalModule(ctx, source, body, localModules));
      }
    }
  }
  return problems;
}
