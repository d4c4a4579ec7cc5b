import {
  SourceReads,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';

export type Section = 'capacity' | 'mix' | 'databases' | 'waf' | 'stacks';

/** The sources each section is built from: a failure of one names it in that section. */
export const SECTION_SOURCES: Record<Section, SourceReads[]> = {
  capacity: ['clusters', 'instances', 'container-insights'],
  mix: ['instances', 'spot-prices', 'on-demand-prices'],
  databases: ['databases'],
  waf: ['web-acls'],
  stacks: ['stacks'],
};

/** Failed sources that feed a section, optionally only those of some accounts. */
export function failedSources(
  sources: SourceStatus[],
  section: Section,
  accountIds?: string[],
): SourceStatus[] {
  const reads = SECTION_SOURCES[section];
  return sources.filter(
    s =>
      !s.ok &&
      reads.includes(s.reads) &&
      (!accountIds || accountIds.includes(s.accountId)),
  );
}
