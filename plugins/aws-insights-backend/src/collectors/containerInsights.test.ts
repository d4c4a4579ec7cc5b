import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContainerInsights } from './containerInsights';
import { awsError, testContext, TEST_NOW } from './__testUtils__/testContext';

const cloudwatch = mockClient(CloudWatchClient);

beforeEach(() => cloudwatch.reset());

/** Answers every query with the given values, except for metrics of clusters in `silent`. */
function answer(values: number[], silent: string[] = []) {
  cloudwatch.on(GetMetricDataCommand).callsFake(input => ({
    MetricDataResults: input.MetricDataQueries.map((q: any) => {
      const cluster = q.MetricStat.Metric.Dimensions[0].Value;
      const points = silent.includes(cluster) ? [] : values;
      return {
        Id: q.Id,
        Values: points,
        Timestamps: points.map(
          (_, i) => new Date(TEST_NOW.getTime() - (i + 1) * 300_000),
        ),
      };
    }),
  }));
}

describe('collectContainerInsights', () => {
  it('averages the last 15 minutes and marks clusters without data unavailable', async () => {
    answer([40, 60], ['quiet']);
    const result = await collectContainerInsights(testContext(), [
      'busy',
      'quiet',
    ]);
    expect(result.utilisation).toEqual([
      {
        cluster: 'busy',
        accountId: expect.any(String),
        region: 'eu-west-1',
        available: true,
        cpuReservedPercent: 50,
        memoryReservedPercent: 50,
        cpuUtilisationPercent: 50,
        memoryUtilisationPercent: 50,
      },
      expect.objectContaining({ cluster: 'quiet', available: false }),
    ]);
    const [call] = cloudwatch.commandCalls(GetMetricDataCommand);
    expect(call.args[0].input.StartTime).toEqual(
      new Date(TEST_NOW.getTime() - 15 * 60_000),
    );
    expect(call.args[0].input.MetricDataQueries).toHaveLength(8);
    expect(call.args[0].input.MetricDataQueries![0].MetricStat).toMatchObject({
      Metric: {
        Namespace: 'ContainerInsights',
        MetricName: 'node_cpu_reserved_capacity',
        Dimensions: [{ Name: 'ClusterName', Value: 'busy' }],
      },
      Stat: 'Average',
    });
    expect(result.status).toMatchObject({ service: 'cloudwatch', ok: true });
  });

  it('uses one call per 500 queries (200 clusters -> 2 calls) and no call for none', async () => {
    answer([10]);
    const clusters = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const result = await collectContainerInsights(testContext(), clusters);
    expect(
      cloudwatch
        .commandCalls(GetMetricDataCommand)
        .map(c => c.args[0].input.MetricDataQueries!.length),
    ).toEqual([500, 300]);
    expect(result.utilisation.filter(u => u.available)).toHaveLength(200);

    cloudwatch.resetHistory();
    await collectContainerInsights(testContext(), []);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  it('follows NextToken within a call', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [{ Id: 'q0', Values: [30], Timestamps: [TEST_NOW] }],
        NextToken: 'more',
      })
      .resolves({
        MetricDataResults: [{ Id: 'q0', Values: [50], Timestamps: [TEST_NOW] }],
      });
    const result = await collectContainerInsights(testContext(), ['a']);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(2);
    expect(result.utilisation[0].cpuReservedPercent).toBe(40);
  });

  it('reports a denied CloudWatch read as ok:false', async () => {
    cloudwatch
      .on(GetMetricDataCommand)
      .rejects(awsError('AccessDenied', 'cloudwatch:GetMetricData', 403));
    const result = await collectContainerInsights(testContext(), ['a']);
    expect(result.utilisation).toEqual([]);
    expect(result.status).toMatchObject({
      ok: false,
      error: { name: 'AccessDenied' },
    });
  });
});
