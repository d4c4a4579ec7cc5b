import { Alert, Box, Flex, Skeleton, Text } from '@backstage/ui';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  FleetResponse,
  StackRecord,
} from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import {
  annotation,
  AWS_ACCOUNT_ID_ANNOTATION,
  isEnvironment,
} from '../../annotations';
import { formatDateTime } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { failedSources } from '../../viewModel/sources';
import { Fact, FactsTable } from '../common/FactsTable';
import { SectionCard } from '../common/SectionCard';
import {
  CONNECT_AWS_HINT,
  SectionError,
  SourceWarnings,
} from '../common/StatusAlerts';
import { CardStamp } from './CardStamp';
import { MissingAnnotation } from './MissingAnnotation';
import { BOOTSTRAP_STACK, stackTone } from './stackStatus';
import styles from './AccountCard.module.css';

/** Environments are catalog resources that depend on this account. */
function useEnvironments(account: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const refs = (account.relations ?? [])
    .filter(
      r =>
        r.type === 'dependencyOf' &&
        parseEntityRef(r.targetRef).kind === 'resource',
    )
    .map(r => r.targetRef);
  return useAsync(async () => {
    if (refs.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({ entityRefs: refs });
    return items.filter((e): e is Entity => !!e && isEnvironment(e));
  }, [catalogApi, refs.join(',')]);
}

function resourceCounts(fleet: FleetResponse | undefined, environment: string) {
  if (!fleet) return '';
  const n = (items: Array<{ environment?: string }>) =>
    items.filter(i => i.environment === environment).length;
  const plural = (count: number, word: string) =>
    `${count} ${word}${count === 1 ? '' : 's'}`;
  return [
    plural(n(fleet.clusters), 'cluster'),
    plural(n(fleet.databases.map(d => d.record)), 'database'),
    plural(n(fleet.wafs), 'web ACL'),
  ].join(', ');
}

function stackFacts(stack: StackRecord): Fact[] {
  return [
    ['Last updated', formatDateTime(stack.lastUpdated)],
    ['Region', stack.region],
    ...(stack.driftStatus ? [['Drift', stack.driftStatus] as Fact] : []),
    ...Object.entries(stack.outputs).map(
      ([key, value]): Fact => [
        key,
        <code className={styles.mono}>{value}</code>,
      ],
    ),
  ];
}

function StackView({ stack }: { stack: StackRecord }) {
  return (
    <Flex direction="column" gap="3">
      <Alert
        status={stackTone(stack.status)}
        icon
        aria-label="Bootstrap stack status"
        title={
          <>
            <strong>{stack.name}</strong>: {stack.status}
            {stack.statusReason ? ` - ${stack.statusReason}` : ''}
          </>
        }
      />
      <FactsTable label={`Stack ${stack.name}`} facts={stackFacts(stack)} />
      {stack.events.length > 0 && (
        <Box>
          <Text as="h4" variant="body-medium" weight="bold">
            Recent stack events
          </Text>
          <ul className={styles.list}>
            {stack.events.slice(0, 5).map(e => (
              <li key={`${e.at}/${e.resource}/${e.status}`}>
                {formatDateTime(e.at)} {e.resource}: {e.status}
                {e.reason ? ` (${e.reason})` : ''}
              </li>
            ))}
          </ul>
        </Box>
      )}
    </Flex>
  );
}

/** An aws-account resource: its environments and the platform-bootstrap stack. */
export function AccountCard() {
  const { entity } = useEntity();
  const api = useApi(awsInsightsApiRef);
  const accountId = annotation(entity, AWS_ACCOUNT_ID_ANNOTATION);
  const environments = useEnvironments(entity);
  const fleet = useAsync(
    () =>
      accountId ? api.getFleet({ accountId }) : Promise.resolve(undefined),
    [api, accountId],
  );
  if (!accountId) {
    return (
      <SectionCard title="Environments and bootstrap">
        <MissingAnnotation annotation={AWS_ACCOUNT_ID_ANNOTATION} />
      </SectionCard>
    );
  }
  const stack = fleet.value?.stacks.find(
    s => s.accountId === accountId && s.name === BOOTSTRAP_STACK,
  );

  return (
    <SectionCard
      title="Environments and bootstrap"
      subheader={
        fleet.value ? (
          <CardStamp freshness={fleet.value} />
        ) : (
          `Account ${accountId}`
        )
      }
    >
      <Text as="h3" variant="body-medium" weight="bold">
        Environments
      </Text>
      {environments.error && (
        <SectionError
          what="environments (catalog)"
          error={environments.error}
        />
      )}
      {environments.loading && !environments.value && (
        <Skeleton width="100%" height={32} />
      )}
      {environments.value && environments.value.length === 0 && (
        <Text as="p" color="secondary">
          No environment depends on this account yet.
        </Text>
      )}
      {environments.value && environments.value.length > 0 && (
        <ul aria-label="Environments" className={styles.list}>
          {environments.value.map(env => (
            <li key={stringifyEntityRef(env)}>
              <EntityRefLink entityRef={env} />{' '}
              <Text variant="body-small" color="secondary">
                {resourceCounts(fleet.value, env.metadata.name)}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <Flex direction="column" gap="2" mt="4">
        <Text as="h3" variant="body-medium" weight="bold">
          Bootstrap stack
        </Text>
        {fleet.error && (
          <SectionError
            what="the bootstrap stack (GET /fleet)"
            error={fleet.error}
            onRetry={fleet.retry}
          />
        )}
        {fleet.loading && !fleet.value && <Skeleton width="100%" height={80} />}
        {fleet.value && (
          <SourceWarnings
            sources={failedSources(fleet.value.sources, 'stacks', [accountId])}
          />
        )}
        {fleet.value && !stack && (
          <Alert
            status="warning"
            icon
            aria-label="Bootstrap stack status"
            title={
              <>
                Not bootstrapped: no <code>{BOOTSTRAP_STACK}</code>{' '}
                CloudFormation stack was found in account {accountId}.
              </>
            }
            description={`Run the account bootstrap template. ${
              fleet.value.sample ? '' : CONNECT_AWS_HINT
            }`}
          />
        )}
        {stack && <StackView stack={stack} />}
      </Flex>
    </SectionCard>
  );
}
