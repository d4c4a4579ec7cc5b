import { Box, Flex, Skeleton } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { awsInsightsApiRef } from '../../api';
import { annotation, AWS_ARN_ANNOTATION, awsName } from '../../annotations';
import { useAsync } from '../../hooks/useAsync';
import { failedSources } from '../../viewModel/sources';
import { ClusterCapacityView } from '../Capacity/CapacitySection';
import { SectionCard } from '../common/SectionCard';
import { SectionError, SourceWarnings } from '../common/StatusAlerts';
import { GravitonCandidates, MixTable, MoneySummary } from '../Mix/MixSection';
import { CardStamp } from './CardStamp';

/** A kubernetes-cluster resource: capacity per node pool, Spot/Graviton mix and cost. */
export function ClusterCard() {
  const { entity } = useEntity();
  const api = useApi(awsInsightsApiRef);
  // The ARN is unique across accounts and regions; the name is the fallback.
  const key = annotation(entity, AWS_ARN_ANNOTATION) ?? awsName(entity);
  const state = useAsync(() => api.getCluster(key), [api, key]);
  const response = state.value;

  let body;
  if (state.error) {
    body = (
      <SectionError
        what={`EKS cluster ${awsName(entity)}`}
        error={state.error}
        onRetry={state.retry}
      />
    );
  } else if (!response) {
    body = <Skeleton width="100%" height={240} data-testid="card-skeleton" />;
  } else {
    const { cluster } = response;
    body = (
      <Flex direction="column" gap="6">
        <SourceWarnings
          sources={[
            ...failedSources(response.sources, 'capacity', [cluster.accountId]),
            ...failedSources(response.sources, 'mix', [
              cluster.accountId,
            ]).filter(s => s.service !== 'ec2'),
          ]}
        />
        <ClusterCapacityView cluster={cluster} />
        {response.mix && (
          <Box>
            <MoneySummary mix={response.mix} />
            <MixTable mix={response.mix} />
          </Box>
        )}
        <GravitonCandidates
          candidates={response.gravitonCandidates.filter(
            c => c.cluster === cluster.cluster,
          )}
        />
      </Flex>
    );
  }

  return (
    <SectionCard
      title="EKS capacity and cost"
      subheader={response ? <CardStamp freshness={response} /> : undefined}
    >
      {body}
    </SectionCard>
  );
}
