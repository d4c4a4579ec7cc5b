import { useState } from 'react';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import Warning from '@material-ui/icons/Warning';
import {
  FleetResponse,
  WafSummary,
} from '@platform-portal/plugin-aws-insights-common';
import { formatCount, formatShare } from '../../format';
import { failedSources } from '../../viewModel/sources';
import { SectionCard } from '../common/SectionCard';
import { EmptySection, SourceWarnings } from '../common/StatusAlerts';
import { WafDetail } from './WafDetail';

const useStyles = makeStyles(theme => ({
  numeric: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  row: { cursor: 'pointer' },
  spike: {
    color: theme.palette.warning.main,
    verticalAlign: 'middle',
    marginLeft: 4,
  },
}));

/** The ACL to open first: one with a block spike, else the one blocking most. */
export function defaultWebAcl(wafs: WafSummary[]): string | undefined {
  const ranked = [...wafs].sort(
    (a, b) => Number(!!b.spike) - Number(!!a.spike) || b.blocked - a.blocked,
  );
  return ranked[0]?.name;
}

/** WAF: every web ACL's totals (last 24 h) and the selected one in detail. */
export function WafSection(props: {
  fleet: FleetResponse;
  environment?: string;
}) {
  const classes = useStyles();
  const { wafs, sources } = props.fleet;
  const [selected, setSelected] = useState(defaultWebAcl(wafs));
  const current = wafs.some(w => w.name === selected)
    ? selected
    : defaultWebAcl(wafs);
  const blocked = wafs.reduce((s, w) => s + w.blocked, 0);
  return (
    <SectionCard
      title="WAF"
      subheader={`${wafs.length} web ACLs · ${formatCount(
        blocked,
      )} blocked requests in 24 h`}
    >
      <SourceWarnings sources={failedSources(sources, 'waf')} />
      {wafs.length === 0 ? (
        <EmptySection what="WAF web ACLs" environment={props.environment} />
      ) : (
        <>
          <Table size="small" aria-label="Web ACLs">
            <TableHead>
              <TableRow>
                <TableCell>Web ACL</TableCell>
                <TableCell>Environment</TableCell>
                <TableCell align="right">Allowed 24h</TableCell>
                <TableCell align="right">Blocked 24h</TableCell>
                <TableCell align="right">Block rate</TableCell>
                <TableCell>Top rule</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {wafs.map(w => (
                <TableRow
                  key={w.arn}
                  hover
                  selected={w.name === current}
                  className={classes.row}
                  onClick={() => setSelected(w.name)}
                >
                  <TableCell>
                    {w.name}
                    {w.spike && (
                      <Warning
                        fontSize="small"
                        className={classes.spike}
                        titleAccess="Block spike"
                      />
                    )}
                  </TableCell>
                  <TableCell>{w.environment ?? '—'}</TableCell>
                  <TableCell align="right" className={classes.numeric}>
                    {formatCount(w.allowed)}
                  </TableCell>
                  <TableCell align="right" className={classes.numeric}>
                    {formatCount(w.blocked)}
                  </TableCell>
                  <TableCell align="right" className={classes.numeric}>
                    {formatShare(w.blockRate, 2)}
                  </TableCell>
                  <TableCell>{w.topRules[0]?.rule ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {current && (
            <Box mt={3}>
              <WafDetail name={current} />
            </Box>
          )}
        </>
      )}
    </SectionCard>
  );
}
