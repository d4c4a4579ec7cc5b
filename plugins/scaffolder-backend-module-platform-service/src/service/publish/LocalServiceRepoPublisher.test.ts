import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalServiceRepoPublisher } from './LocalServiceRepoPublisher';

const location = { host: 'github.com', owner: 'acme', repo: 'orders' };

describe('LocalServiceRepoPublisher (real git)', () => {
  let dir: string;
  let source: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portal-local-service-'));
    source = join(dir, 'src');
    mkdirSync(join(source, '.github/scripts'), { recursive: true });
    writeFileSync(join(source, 'README.md'), '# orders\n');
    writeFileSync(
      join(source, '.github/scripts/run.sh'),
      '#!/bin/sh\necho hi\n',
    );
    chmodSync(join(source, '.github/scripts/run.sh'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const request = () => ({
    location,
    description: 'Orders',
    sourceDir: source,
    commitMessage: 'Create orders',
    author: { name: 'Guest', email: 'guest@example.com' },
  });

  it('creates the bare repository with one commit on main, keeping executable bits', async () => {
    const publisher = new LocalServiceRepoPublisher(join(dir, 'services'));
    expect(await publisher.exists(location)).toBe(false);
    const created = await publisher.create(request());
    const repo = join(dir, 'services', 'orders.git');
    const git = (...args: string[]) =>
      execFileSync('git', ['--git-dir', repo, ...args], {
        encoding: 'utf8',
      }).trim();
    expect(created).toEqual({
      remoteUrl: `file://${repo}`,
      htmlUrl: `file://${repo}`,
      defaultBranch: 'main',
      commitSha: git('rev-parse', 'main'),
    });
    expect(git('ls-tree', '-r', 'main')).toMatch(
      /^100755 blob \w+\t\.github\/scripts\/run\.sh\n100644 blob \w+\tREADME\.md$/,
    );
    expect(git('log', '-1', '--format=%an <%ae>|%s', 'main')).toBe(
      'Guest <guest@example.com>|Create orders',
    );
    expect(await publisher.exists(location)).toBe(true);
    // A clone works and holds the files.
    const clone = join(dir, 'clone');
    execFileSync('git', ['clone', '--quiet', created.remoteUrl, clone]);
    expect(existsSync(join(clone, 'README.md'))).toBe(true);
  });

  it('removes the half-built folders of runs that died (process killed), not those being built', async () => {
    const services = join(dir, 'services');
    const leftover = (name: string, ageMinutes: number) => {
      const path = join(services, name);
      mkdirSync(join(path, 'objects'), { recursive: true });
      writeFileSync(join(path, 'HEAD'), 'ref: refs/heads/main\n');
      const time = new Date(Date.now() - ageMinutes * 60_000);
      utimesSync(path, time, time);
    };
    leftover('.orders.git-k1lled', 90);
    leftover('.billing.git-d1ed00', 60 * 24);
    leftover('.orders.git-bu1ld1', 0); // a concurrent run is building it right now
    mkdirSync(join(services, 'notes')); // not the publisher's

    const publisher = new LocalServiceRepoPublisher(services);
    expect(await publisher.exists(location)).toBe(false);
    await publisher.create(request());
    expect(readdirSync(services).sort()).toEqual([
      '.orders.git-bu1ld1',
      'notes',
      'orders.git',
    ]);
  });

  it('refuses to overwrite and leaves no half-built repository on failure', async () => {
    const publisher = new LocalServiceRepoPublisher(join(dir, 'services'));
    await publisher.create(request());
    await expect(publisher.create(request())).rejects.toThrow(/already exists/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await expect(
      publisher.create({
        ...request(),
        location: { ...location, repo: 'other' },
        sourceDir: empty,
      }),
    ).rejects.toThrow(/no files to publish/);
    expect(readdirSync(join(dir, 'services'))).toEqual(['orders.git']);
  });
});
