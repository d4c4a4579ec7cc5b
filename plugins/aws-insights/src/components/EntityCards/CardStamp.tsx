import { Box, Chip } from '@material-ui/core';
import { Freshness } from '@platform-portal/plugin-aws-insights-common';
import { useFreshness } from '../../hooks/useFreshness';
import { FreshnessStamp } from '../common/Freshness';

/** The card header's age stamp, a Sample chip, and the stale flag. */
export function CardStamp(props: { freshness: Freshness }) {
  const f = props.freshness;
  const { stale } = useFreshness(f);
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }} component="span">
      <FreshnessStamp
        generatedAt={f.generatedAt}
        staleAfter={f.staleAfter}
        color="textSecondary"
      />
      {f.sample && <Chip size="small" label="Sample fleet" />}
      {stale && <Chip size="small" color="secondary" label="Stale" />}
    </Box>
  );
}
