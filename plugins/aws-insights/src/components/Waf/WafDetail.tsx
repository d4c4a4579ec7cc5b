import { useState } from 'react';
import {
  Box,
  Grid,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import Skeleton from '@material-ui/lab/Skeleton';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useApi } from '@backstage/frontend-plugin-api';
import { WebAclResponse } from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import { formatCount, formatDateTime, formatShare } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import {
  coveredHours,
  WAF_RANGES,
  WafHours,
  wafTraffic,
} from '../../viewModel/waf';
import { SectionError } from '../common/StatusAlerts';
import { WafRulesChart, WafTrafficChart } from './WafCharts';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(4),
    margin: theme.spacing(1, 0, 2),
  },
  value: {
    fontSize: '1.25rem',
    fontWeight: 700,
    fontVariantNumeric: 'tabular-nums',
  },
  blocked: { color: theme.palette.error.main },
  mono: { fontFamily: 'monospace', fontSize: '0.8rem' },
}));

function Figure(props: { label: string; value: string; className?: string }) {
  const classes = useStyles();
  return (
    <div role="group" aria-label={props.label}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <div className={`${classes.value} ${props.className ?? ''}`}>
        {props.value}
      </div>
    </div>
  );
}

type SampledRequest = NonNullable<WebAclResponse['sampledBlocked']>[number];

const newestFirst = (requests: SampledRequest[]) =>
  [...requests].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

/** Shown instead of the sampled requests to users without the permission to see client IPs. */
export const SAMPLED_REQUESTS_HIDDEN =
  'Sampled requests are visible to the platform team';

function SampledRequests({ response }: { response: WebAclResponse }) {
  const classes = useStyles();
  const sampled = response.sampledBlocked ?? [];
  if (!response.sampledVisible) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        aria-label="Sampled requests hidden"
      >
        {SAMPLED_REQUESTS_HIDDEN} (they hold client IP addresses).
      </Typography>
    );
  }
  if (!response.sampledAvailable) {
    return (
      <Typography variant="body2" color="textSecondary">
        Sampled requests are not available for this web ACL (enable sampled
        requests in its visibility config).
      </Typography>
    );
  }
  if (sampled.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No sampled blocked requests.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Sampled blocked requests">
      <TableHead>
        <TableRow>
          <TableCell>Time</TableCell>
          <TableCell>Client IP</TableCell>
          <TableCell>Country</TableCell>
          <TableCell>Request</TableCell>
          <TableCell>Rule</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {newestFirst(sampled)
          .slice(0, 10)
          .map((r, i) => (
            <TableRow key={`${r.at}/${r.clientIp}/${i}`}>
              <TableCell>{formatDateTime(r.at)}</TableCell>
              <TableCell className={classes.mono}>{r.clientIp}</TableCell>
              <TableCell>{r.country ?? '—'}</TableCell>
              <TableCell className={classes.mono}>
                {r.method ? `${r.method} ` : ''}
                {r.uri}
              </TableCell>
              <TableCell>{r.rule}</TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
}

/** One web ACL over 1h/24h/7d: traffic, blocks by rule, sampled blocked requests. */
export function WafDetail(props: { name: string; compact?: boolean }) {
  const api = useApi(awsInsightsApiRef);
  const classes = useStyles();
  const [hours, setHours] = useState<WafHours>(24);
  const state = useAsync(
    () => api.getWebAcl(props.name, hours),
    [api, props.name, hours],
  );
  const response = state.value;
  const range = WAF_RANGES.find(r => r.hours === hours)!.label;

  let body;
  if (state.error) {
    body = (
      <SectionError
        what={`web ACL ${props.name}`}
        error={state.error}
        onRetry={state.retry}
      />
    );
  } else if (!response) {
    body = <Skeleton variant="rect" height={220} data-testid="waf-skeleton" />;
  } else {
    const { summary } = response;
    const covered = coveredHours(response.series, hours);
    body = (
      <>
        <div className={classes.figures}>
          <Figure
            label={`Allowed ${range}`}
            value={formatCount(summary.allowed)}
          />
          <Figure
            label={`Blocked ${range}`}
            value={formatCount(summary.blocked)}
            className={classes.blocked}
          />
          <Figure
            label="Block rate"
            value={formatShare(summary.blockRate, 2)}
          />
        </div>
        {summary.spike && (
          <Alert severity="warning" style={{ marginBottom: 8 }}>
            Block spike at {formatDateTime(summary.spike.at)}:{' '}
            {formatCount(summary.spike.blocked)} blocked requests in one metric
            period, against a baseline of {formatCount(summary.spike.baseline)}.
            Possible attack:{' '}
            {response.sampledVisible
              ? 'check the sampled requests below.'
              : 'the platform team can check its sampled requests.'}
          </Alert>
        )}
        {covered < hours && hours > 1 && (
          <Typography variant="caption" color="textSecondary">
            Metrics cover the last {covered} h of the {range} window.
          </Typography>
        )}
        <Grid container spacing={2}>
          <Grid item xs={12} lg={props.compact ? 12 : 7}>
            <WafTrafficChart
              points={wafTraffic(response.series, hours)}
              hours={hours}
            />
          </Grid>
          <Grid item xs={12} lg={props.compact ? 12 : 5}>
            {summary.topRules.length ? (
              <WafRulesChart rules={summary.topRules} />
            ) : (
              <Typography variant="body2" color="textSecondary">
                No rule blocked anything in this window.
              </Typography>
            )}
          </Grid>
        </Grid>
        {!props.compact && (
          <Box mt={2}>
            <Typography variant="subtitle2" component="h3">
              Top sampled blocked requests
            </Typography>
            <SampledRequests response={response} />
          </Box>
        )}
      </>
    );
  }

  return (
    <Box role="region" aria-label={`Web ACL ${props.name}`}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography
          variant="subtitle1"
          component="h3"
          style={{ fontWeight: 600 }}
        >
          {props.name}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={hours}
          onChange={(_e, v) => v && setHours(v)}
          aria-label="WAF window"
        >
          {WAF_RANGES.map(r => (
            <ToggleButton
              key={r.hours}
              value={r.hours}
              aria-label={r.label}
              style={{ textTransform: 'none' }}
            >
              {r.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      {body}
    </Box>
  );
}
