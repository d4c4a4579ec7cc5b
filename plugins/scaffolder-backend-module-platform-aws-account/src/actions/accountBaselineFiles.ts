import { InputError } from '@backstage/errors';
import {
  ACCOUNT_MODULE_NAMES,
  accountBaselineFolder,
  MODULE_LIBRARY_FOLDER,
  renderAccountBaseline,
  StateLocation,
} from '@platform-portal/platform-iac';
import {
  InfrastructureRepository,
  ResolvedAccount,
} from '@platform-portal/platform-node';

/** Where the template's first step puts templates/aws-account-bootstrap/terraform/modules. */
export const ACCOUNT_LIBRARY_FOLDERS = ACCOUNT_MODULE_NAMES.map(
  m => `${MODULE_LIBRARY_FOLDER}/${m}`,
);

export interface AccountBaselineChange {
  /** Root files of every region and the library folders the base branch lacks. */
  files: Record<string, string>;
  /** `accounts/<name>/<region>` folders: files dropped from them are deleted. */
  rootFolders: string[];
  /** Library folders added because the base branch lacks them. */
  libraryFolders: string[];
  homeRegion: string;
  regions: string[];
}

/**
 * The account baseline roots `accounts/<name>/<region>/` (home region first) and, where the base
 * branch lacks them, the account module library folders from the task workspace. Throws when a
 * root would call a module that is neither on the base branch nor in the workspace.
 */
export async function accountBaselineChange(options: {
  account: ResolvedAccount;
  /** Region of the bootstrap stack: the home region unless the entity names one. */
  stackRegion: string;
  /** Further regions (input `regions`, else `platform.bootstrap.baselineRegions`). */
  regions: readonly string[];
  state: StateLocation;
  workspaceFiles: Record<string, string>;
  repository: InfrastructureRepository;
}): Promise<AccountBaselineChange> {
  const { account, repository } = options;
  const homeRegion = account.region ?? options.stackRegion;
  const regions = [...new Set([homeRegion, ...options.regions])];
  const files: Record<string, string> = {};
  for (const region of regions) {
    try {
      Object.assign(
        files,
        renderAccountBaseline({
          account: { name: account.name, accountId: account.accountId },
          region,
          homeRegion,
          state: options.state,
        }),
      );
    } catch (error) {
      throw new InputError(`account baseline: ${(error as Error).message}`);
    }
  }

  const existing = await repository.existingPaths(ACCOUNT_LIBRARY_FOLDERS);
  const libraryFolders: string[] = [];
  for (const folder of ACCOUNT_LIBRARY_FOLDERS.filter(f => !existing.has(f))) {
    const library = Object.entries(options.workspaceFiles).filter(
      ([path]) => path.startsWith(`${folder}/`) && /\.(tf|md)$/.test(path),
    );
    if (library.length === 0) {
      throw new InputError(
        `${folder} is neither on the base branch of ${repository.target} nor in the task workspace: the accounts/${account.name}/<region>/ roots call it. Fetch templates/aws-account-bootstrap/terraform/modules into modules/ first (the template's fetch step)`,
      );
    }
    Object.assign(files, Object.fromEntries(library));
    libraryFolders.push(folder);
  }
  return {
    files,
    rootFolders: regions.map(r => accountBaselineFolder(account.name, r)),
    libraryFolders,
    homeRegion,
    regions,
  };
}
