import {
  CloudWatchClient,
  GetMetricDataCommand,
  MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { chunk } from './collectorSupport';

/** GetMetricData accepts at most 500 queries per call. */
export const MAX_QUERIES_PER_CALL = 500;

export interface MetricQuery<K> {
  /** Caller's label for the series, returned with the points. */
  key: K;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: 'Average' | 'Maximum' | 'Minimum' | 'Sum';
  periodSeconds: number;
}

export interface MetricPoint {
  at: Date;
  value: number;
}

export interface MetricSeries<K> {
  key: K;
  /** Oldest first. */
  points: MetricPoint[];
}

/**
 * Runs the queries in as few GetMetricData calls as possible: 500 queries per call, following
 * NextToken when the datapoint limit splits a call's answer. Throws on the first failed call.
 */
export async function getMetricSeries<K>(
  cloudwatch: CloudWatchClient,
  queries: ReadonlyArray<MetricQuery<K>>,
  startTime: Date,
  endTime: Date,
): Promise<Array<MetricSeries<K>>> {
  const series: Array<MetricSeries<K>> = [];
  for (const batch of chunk(queries, MAX_QUERIES_PER_CALL)) {
    // Ids must be unique per call and start with a lower-case letter.
    const metricQueries: MetricDataQuery[] = batch.map((query, index) => ({
      Id: `q${index}`,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: query.namespace,
          MetricName: query.metricName,
          Dimensions: Object.entries(query.dimensions).map(([Name, Value]) => ({
            Name,
            Value,
          })),
        },
        Period: query.periodSeconds,
        Stat: query.stat,
      },
    }));
    const points = batch.map(() => [] as MetricPoint[]);
    let nextToken: string | undefined;
    do {
      const response = await cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: metricQueries,
          StartTime: startTime,
          EndTime: endTime,
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
      );
      for (const result of response.MetricDataResults ?? []) {
        const index = Number(result.Id?.slice(1));
        const target = points[index];
        if (!target) continue;
        const timestamps = result.Timestamps ?? [];
        (result.Values ?? []).forEach((value, i) => {
          if (timestamps[i]) target.push({ at: timestamps[i], value });
        });
      }
      nextToken = response.NextToken;
    } while (nextToken);
    batch.forEach((query, index) =>
      series.push({
        key: query.key,
        points: points[index].sort((a, b) => a.at.getTime() - b.at.getTime()),
      }),
    );
  }
  return series;
}

export function averageOf(points: readonly MetricPoint[]): number | undefined {
  if (points.length === 0) return undefined;
  return points.reduce((sum, p) => sum + p.value, 0) / points.length;
}

export function latestOf(points: readonly MetricPoint[]): number | undefined {
  return points.length === 0 ? undefined : points[points.length - 1].value;
}
