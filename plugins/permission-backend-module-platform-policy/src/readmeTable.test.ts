import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { permissionTableMarkdown } from './permissionTable';

// Prettier pads the README's columns; compare cell by cell.
const cells = (markdown: string) =>
  markdown
    .trim()
    .split('\n')
    .map(line =>
      line
        .split('|')
        .map(cell => cell.trim().replace(/^:?-+:?$/, '---'))
        .join('|'),
    );

const START = '<!-- permission-table:start -->';
const END = '<!-- permission-table:end -->';

describe("the root README's permission table", () => {
  it('is the policy table, row for row', () => {
    const readme = readFileSync(
      resolve(__dirname, '../../../README.md'),
      'utf8',
    );
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(cells(readme.slice(start + START.length, end))).toEqual(
      cells(permissionTableMarkdown()),
    );
  });
});
