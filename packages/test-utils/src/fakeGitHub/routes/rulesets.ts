import {
  ApiError,
  JsonBody,
  noContent,
  notFound,
  ok,
  optionalArray,
  optionalEnum,
  optionalObject,
  paginate,
  requiredString,
  Router,
} from '../http';
import { isoNow, JsonRecord, nodeId, RepoRecord } from '../store';
import { Actor } from './checks';

/**
 * `POST /repos/{o}/{r}/rulesets` (also the seed helper's path); with `existing`, the PUT that
 * replaces the given fields. Rulesets are stored and returned, not enforced on pushes.
 */
export function saveRuleset(
  actor: Actor,
  repo: RepoRecord,
  body: JsonBody,
  existing?: JsonRecord,
): JsonRecord {
  const name =
    existing && body.name === undefined
      ? String(existing.name)
      : requiredString(body, 'name');
  if (repo.rulesets.some(r => r.name === name && r !== existing)) {
    throw new ApiError(422, 'Validation Failed', [
      {
        resource: 'Ruleset',
        code: 'custom',
        field: 'name',
        message: 'Name must be unique',
      },
    ]);
  }
  const enforcement =
    optionalEnum(body, 'enforcement', [
      'disabled',
      'active',
      'evaluate',
    ] as const) ?? (existing?.enforcement as string);
  if (!enforcement)
    throw new ApiError(
      422,
      'Invalid request.\n\n"enforcement" wasn\'t supplied.',
    );
  const id = existing?.id ?? actor.store.nextId('ruleset');
  const now = isoNow();
  const ruleset: JsonRecord = {
    id,
    name,
    target:
      optionalEnum(body, 'target', ['branch', 'tag', 'push'] as const) ??
      existing?.target ??
      'branch',
    source_type: 'Repository',
    source: `${repo.owner.login}/${repo.name}`,
    enforcement,
    bypass_actors:
      optionalArray(body, 'bypass_actors') ?? existing?.bypass_actors ?? [],
    current_user_can_bypass: 'never',
    node_id: nodeId('RepositoryRuleset', id),
    _links: {
      self: { href: `${actor.urls.repoApi(repo)}/rulesets/${id}` },
      html: { href: `${actor.urls.repoHtml(repo)}/rules/${id}` },
    },
    conditions:
      optionalObject(body, 'conditions') ?? existing?.conditions ?? null,
    rules: optionalArray(body, 'rules') ?? existing?.rules ?? [],
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  if (existing) return Object.assign(existing, ruleset);
  repo.rulesets.push(ruleset);
  return ruleset;
}

function findRuleset(repo: RepoRecord, id: string): JsonRecord {
  const ruleset = repo.rulesets.find(r => r.id === Number(id));
  if (!ruleset) throw notFound();
  return ruleset;
}

/** The list shows each ruleset without its conditions and rules, as GitHub's does. */
const summary = ({
  conditions: _c,
  rules: _r,
  bypass_actors: _b,
  current_user_can_bypass: _u,
  ...rest
}: JsonRecord) => rest;

/** Repository rulesets: create, list, get, replace, delete. */
export function registerRulesetRoutes(router: Router): void {
  router
    .get('/repos/:owner/:repo/rulesets', req =>
      paginate(req, req.repo().rulesets.map(summary)),
    )
    .post('/repos/:owner/:repo/rulesets', req =>
      ok(saveRuleset(req, req.repo(), req.body), 201),
    )
    .get('/repos/:owner/:repo/rulesets/:id', req =>
      ok(findRuleset(req.repo(), req.params.id)),
    )
    .put('/repos/:owner/:repo/rulesets/:id', req => {
      const repo = req.repo();
      return ok(
        saveRuleset(req, repo, req.body, findRuleset(repo, req.params.id)),
      );
    })
    .delete('/repos/:owner/:repo/rulesets/:id', req => {
      const repo = req.repo();
      repo.rulesets.splice(
        repo.rulesets.indexOf(findRuleset(repo, req.params.id)),
        1,
      );
      return noContent();
    });
}
