/*
 * Checks a flask-react-service repository on disk, e.g. a clone of what the portal published:
 *
 *   node --require "$(node -p "require.resolve('@backstage/cli-node/config/nodeTransform.cjs')")" \
 *     scripts/check-service-repo.ts DIR [--name NAME] [--owner OWNER]
 *
 * Runs the platform:service:validate checks, actionlint per workflow, helm lint + helm template
 * per chart/values-<env>.yaml with every manifest schema-validated, the backend's pytest suite
 * (against a throwaway PostgreSQL database when the service has one) and the frontend's build
 * and test. Prints one `ok ...` / `FAIL ...` line per check; exits 1 when any check fails.
 * The checks live in packages/service-repo-checks and are shared with the service scaffolder
 * module's skeleton integration test. Needs helm and python3 as scripts/test installs them.
 */
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import {
  checkServiceRepo,
  formatLine,
} from '@platform-portal/service-repo-checks';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: check-service-repo.ts DIR [--name NAME] [--owner OWNER]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const options: { dir?: string; name?: string; owner?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--name' || arg === '--owner') {
      const value = argv[++i];
      if (!value) usage(`${arg} needs a value`);
      options[arg === '--name' ? 'name' : 'owner'] = value;
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else if (options.dir) {
      usage(`one directory only (got ${options.dir} and ${arg})`);
    } else {
      options.dir = resolvePath(arg);
    }
  }
  if (!options.dir) usage('the repository directory is missing');
  if (!existsSync(options.dir)) usage(`${options.dir} does not exist`);
  return options as { dir: string; name?: string; owner?: string };
}

async function main() {
  const { dir, name, owner } = parseArgs(process.argv.slice(2));
  const lines = await checkServiceRepo(dir, {
    name,
    owner,
    onLine: line => process.stdout.write(`${formatLine(line)}\n`),
  });
  const failed = lines.filter(l => !l.ok).length;
  process.stdout.write(
    failed === 0
      ? `all ${lines.length} checks passed\n`
      : `${failed} of ${lines.length} checks failed\n`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
