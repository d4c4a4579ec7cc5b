import { Box, Focusable, Text, Tooltip, TooltipTrigger } from '@backstage/ui';
import { formatPercent, formatVcpu } from '../../format';
import styles from './HeadroomBar.module.css';

/**
 * Requested vs provisioned CPU: the filled part is what pods reserve, the rest is headroom.
 * Unknown requests (no Container Insights) show a hatched bar rather than a guess.
 */
export function HeadroomBar(props: {
  provisionedVcpu: number;
  requestedVcpu?: number;
  headroomPercent?: number;
  low: boolean;
}) {
  const { provisionedVcpu, requestedVcpu, headroomPercent, low } = props;
  if (requestedVcpu === undefined || headroomPercent === undefined) {
    // The caption says it in words; the hatching is decoration.
    return (
      <Box>
        <div className={styles.track} aria-hidden="true">
          <div className={styles.unknown} />
        </div>
        <Text as="div" variant="body-small" color="secondary">
          requests unknown
        </Text>
      </Box>
    );
  }
  const used = Math.min(100, Math.max(0, 100 - headroomPercent));
  const detail = `${formatVcpu(requestedVcpu)} requested of ${formatVcpu(
    provisionedVcpu,
  )}`;
  return (
    <Box>
      {/* Focusable: the tooltip opens on keyboard focus too, and describes the meter. */}
      <TooltipTrigger delay={300}>
        <Focusable>
          <div
            className={styles.track}
            role="meter"
            aria-label="CPU requested"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(used)}
            aria-valuetext={formatPercent(used)}
            data-low={low || undefined}
          >
            <div className={styles.fill} style={{ width: `${used}%` }} />
          </div>
        </Focusable>
        <Tooltip>{detail}</Tooltip>
      </TooltipTrigger>
      <Text as="div" variant="body-small" color="secondary">
        {formatPercent(headroomPercent)} headroom
      </Text>
    </Box>
  );
}
