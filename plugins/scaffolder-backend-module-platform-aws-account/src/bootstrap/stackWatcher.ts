import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  Stack,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import { formatStackEvent, unseenOldestFirst } from './stackEvents';
import { isStackMissingError, isTerminalStatus } from './stackStates';

export interface WatchOptions {
  logger: { info(message: string): void; warn(message: string): void };
  /** Between DescribeStacks/DescribeStackEvents polls. */
  pollIntervalMs: number;
  /** Per stack operation. */
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const MAX_EVENT_PAGES = 10;

/** The stack by name or id, or undefined when CloudFormation says it does not exist. */
export async function describeStack(
  client: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const { Stacks } = await client.send(
      new DescribeStacksCommand({ StackName: stackName }),
    );
    return Stacks?.[0];
  } catch (error) {
    if (isStackMissingError(error)) return undefined;
    throw error;
  }
}

/** Follows a stack operation: polls its status and logs each new event once, oldest first. */
export class StackWatcher {
  readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: CloudFormationClient,
    readonly options: WatchOptions,
  ) {
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  /** The latest event before an operation starts; only later events belong to it. */
  async newestEventId(stackId: string): Promise<string | undefined> {
    const { StackEvents } = await this.client.send(
      new DescribeStackEventsCommand({ StackName: stackId }),
    );
    return StackEvents?.[0]?.EventId;
  }

  /** Polls until the stack reaches a terminal status; returns it with the operation's events. */
  async waitForTerminal(
    stackId: string,
    marker: string | undefined,
  ): Promise<{ stack?: Stack; events: StackEvent[] }> {
    const seen = new Set<string>(marker ? [marker] : []);
    const all: StackEvent[] = [];
    const deadline = Date.now() + this.options.timeoutMs;
    for (;;) {
      const stack = await describeStack(this.client, stackId);
      // Events after the status, so the events of a finished operation are all printed.
      all.push(...(await this.logNewEvents(stackId, seen)));
      if (!stack || isTerminalStatus(stack.StackStatus ?? '')) {
        return { stack, events: all };
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Stack ${stack.StackName} is still ${
            stack.StackStatus
          } after ${Math.round(
            this.options.timeoutMs / 60_000,
          )} minutes; the operation goes on in AWS, run the template again to wait for it`,
        );
      }
      await this.sleep(this.options.pollIntervalMs);
    }
  }

  private async logNewEvents(
    stackId: string,
    seen: Set<string>,
  ): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_EVENT_PAGES; page++) {
      const response = await this.client.send(
        new DescribeStackEventsCommand({
          StackName: stackId,
          NextToken: nextToken,
        }),
      );
      const { events, reachedSeen } = unseenOldestFirst(
        response.StackEvents ?? [],
        e => seen.has(e.EventId ?? ''),
      );
      fresh.unshift(...events); // older pages come later but happened earlier
      nextToken = response.NextToken;
      if (reachedSeen || !nextToken) break;
    }
    for (const event of fresh) {
      seen.add(event.EventId ?? '');
      this.options.logger.info(formatStackEvent(event));
    }
    return fresh;
  }
}
