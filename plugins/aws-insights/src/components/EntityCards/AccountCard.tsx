import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import Skeleton from '@material-ui/lab/Skeleton';
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
import { SectionCard } from '../common/SectionCard';
import {
  CONNECT_AWS_HINT,
  SectionError,
  SourceWarnings,
} from '../common/StatusAlerts';
import { CardStamp } from './CardStamp';
import { MissingAnnotation } from './MissingAnnotation';
import { BOOTSTRAP_STACK, stackTone } from './stackStatus';

const useStyles = makeStyles(theme => ({
  key: {
    color: theme.palette.text.secondary,
    width: '35%',
    verticalAlign: 'top',
  },
  mono: { fontFamily: 'monospace', fontSize: '0.8rem', wordBreak: 'break-all' },
  list: { margin: 0, paddingLeft: theme.spacing(2), ...theme.typography.body2 },
}));

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

function StackView({ stack }: { stack: StackRecord }) {
  const classes = useStyles();
  const outputs = Object.entries(stack.outputs);
  return (
    <>
      <Alert
        severity={stackTone(stack.status)}
        aria-label="Bootstrap stack status"
      >
        <strong>{stack.name}</strong>: {stack.status}
        {stack.statusReason ? ` - ${stack.statusReason}` : ''}
      </Alert>
      <Table size="small">
        <TableBody>
          <TableRow>
            <TableCell className={classes.key}>Last updated</TableCell>
            <TableCell>{formatDateTime(stack.lastUpdated)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell className={classes.key}>Region</TableCell>
            <TableCell>{stack.region}</TableCell>
          </TableRow>
          {stack.driftStatus && (
            <TableRow>
              <TableCell className={classes.key}>Drift</TableCell>
              <TableCell>{stack.driftStatus}</TableCell>
            </TableRow>
          )}
          {outputs.map(([key, value]) => (
            <TableRow key={key}>
              <TableCell className={classes.key}>{key}</TableCell>
              <TableCell className={classes.mono}>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {stack.events.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2" component="h4">
            Recent stack events
          </Typography>
          <ul className={classes.list}>
            {stack.events.slice(0, 5).map(e => (
              <li key={`${e.at}/${e.resource}/${e.status}`}>
                {formatDateTime(e.at)} {e.resource}: {e.status}
                {e.reason ? ` (${e.reason})` : ''}
              </li>
            ))}
          </ul>
        </Box>
      )}
    </>
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
      <Typography variant="subtitle2" component="h3">
        Environments
      </Typography>
      {environments.error && (
        <SectionError
          what="environments (catalog)"
          error={environments.error}
        />
      )}
      {environments.loading && !environments.value && <Skeleton height={32} />}
      {environments.value && environments.value.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No environment depends on this account yet.
        </Typography>
      )}
      {environments.value && environments.value.length > 0 && (
        <ul aria-label="Environments">
          {environments.value.map(env => (
            <li key={stringifyEntityRef(env)}>
              <EntityRefLink entityRef={env} />{' '}
              <Typography variant="caption" color="textSecondary">
                {resourceCounts(fleet.value, env.metadata.name)}
              </Typography>
            </li>
          ))}
        </ul>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          Bootstrap stack
        </Typography>
        {fleet.error && (
          <SectionError
            what="the bootstrap stack (GET /fleet)"
            error={fleet.error}
            onRetry={fleet.retry}
          />
        )}
        {fleet.loading && !fleet.value && (
          <Skeleton variant="rect" height={80} />
        )}
        {fleet.value && (
          <SourceWarnings
            sources={failedSources(fleet.value.sources, 'stacks', [accountId])}
          />
        )}
        {fleet.value && !stack && (
          <Alert severity="warning" aria-label="Bootstrap stack status">
            Not bootstrapped: no <code>{BOOTSTRAP_STACK}</code> CloudFormation
            stack was found in account {accountId}. Run the account bootstrap
            template. {fleet.value.sample ? '' : CONNECT_AWS_HINT}
          </Alert>
        )}
        {stack && <StackView stack={stack} />}
      </Box>
    </SectionCard>
  );
}
