import { Badge } from '@backstage/ui';
import {
  RiAlertFill,
  RiCheckboxCircleFill,
  RiErrorWarningFill,
  RemixiconComponentType,
} from '@remixicon/react';
import { HealthVerdict } from '@platform-portal/plugin-aws-insights-common';
import styles from './VerdictBadge.module.css';

const ICONS: Record<HealthVerdict, RemixiconComponentType> = {
  healthy: RiCheckboxCircleFill,
  warning: RiAlertFill,
  critical: RiErrorWarningFill,
};

/** The verdict with an icon and a word, never colour alone. */
export function VerdictBadge(props: { verdict: HealthVerdict }) {
  const Icon = ICONS[props.verdict];
  return (
    <Badge
      size="medium"
      className={styles[props.verdict]}
      icon={<Icon aria-hidden />}
    >
      {props.verdict}
    </Badge>
  );
}
