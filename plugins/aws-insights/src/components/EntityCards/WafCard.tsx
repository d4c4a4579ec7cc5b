import { useEntity } from '@backstage/plugin-catalog-react';
import { awsName } from '../../annotations';
import { SectionCard } from '../common/SectionCard';
import { WafDetail } from '../Waf/WafDetail';

/** A waf resource: allowed vs blocked over time, blocks by rule, sampled blocked requests. */
export function WafCard() {
  const { entity } = useEntity();
  return (
    <SectionCard
      title="WAF requests"
      subheader="Allowed vs blocked, blocks by rule"
    >
      <WafDetail name={awsName(entity)} />
    </SectionCard>
  );
}
