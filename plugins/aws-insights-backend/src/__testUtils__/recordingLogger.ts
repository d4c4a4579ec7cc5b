import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** Test-only: one log line as the recording logger kept it. */
export interface LogEntry {
  at: number;
  level: 'error' | 'warn' | 'info' | 'debug';
  pluginId: string;
  message: string;
}

class RecordingLogger implements LoggerService {
  constructor(
    private readonly entries: LogEntry[],
    private readonly pluginId: string,
  ) {}

  private log(level: LogEntry['level'], message: string) {
    this.entries.push({
      at: Date.now(),
      level,
      pluginId: this.pluginId,
      message,
    });
  }

  error(message: string) {
    this.log('error', message);
  }
  warn(message: string) {
    this.log('warn', message);
  }
  info(message: string) {
    this.log('info', message);
  }
  debug(message: string) {
    this.log('debug', message);
  }
  child(): LoggerService {
    return this;
  }
}

/**
 * Test-only: a plugin logger factory that appends every line to `entries`, so a test running
 * several backends in one process can tell which backend did what.
 */
export function recordingLoggerFactory(entries: LogEntry[]) {
  return createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => new RecordingLogger(entries, plugin.getId()),
  });
}
