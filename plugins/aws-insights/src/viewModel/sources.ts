import { SourceStatus } from '@platform-portal/plugin-aws-insights-common';

export type Section = 'capacity' | 'mix' | 'databases' | 'waf' | 'stacks';

/** The AWS services each section is built from: a failure of one names it in that section. */
export const SECTION_SERVICES: Record<Section, SourceStatus['service'][]> = {
  capacity: ['eks', 'ec2', 'cloudwatch'],
  mix: ['ec2', 'pricing'],
  databases: ['rds', 'cloudwatch'],
  waf: ['wafv2'],
  stacks: ['cloudformation'],
};

/** Failed sources that feed a section, optionally only those of some accounts. */
export function failedSources(
  sources: SourceStatus[],
  section: Section,
  accountIds?: string[],
): SourceStatus[] {
  const services = SECTION_SERVICES[section];
  return sources.filter(
    s =>
      !s.ok &&
      services.includes(s.service) &&
      (!accountIds || accountIds.includes(s.accountId)),
  );
}
