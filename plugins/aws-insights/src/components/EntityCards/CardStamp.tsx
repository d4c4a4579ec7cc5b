import { Badge, Flex } from '@backstage/ui';
import { RiErrorWarningLine } from '@remixicon/react';
import { Freshness } from '@platform-portal/plugin-aws-insights-common';
import { useFreshness } from '../../hooks/useFreshness';
import { FreshnessStamp } from '../common/Freshness';

/** The card header's age stamp, a Sample badge, and the stale flag. */
export function CardStamp(props: { freshness: Freshness }) {
  const f = props.freshness;
  const { stale } = useFreshness(f);
  return (
    <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
      <FreshnessStamp
        generatedAt={f.generatedAt}
        dataAsOf={f.dataAsOf}
        stale={f.stale}
        staleAfter={f.staleAfter}
        color="textSecondary"
      />
      {f.sample && <Badge size="medium">Sample fleet</Badge>}
      {stale && (
        <Badge
          size="medium"
          icon={<RiErrorWarningLine aria-hidden />}
          style={{ color: 'var(--bui-fg-warning)' }}
        >
          Stale
        </Badge>
      )}
    </Flex>
  );
}
