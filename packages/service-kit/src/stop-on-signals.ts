import type { Logger } from './create-logger.ts';

/**
 * Process entries call this once after starting: the first SIGINT or SIGTERM stops the service (draining
 * requests and sockets) and exits 0, or 1 when stopping failed. Later signals are ignored while stopping.
 */
export function stopOnSignals(service: { stop(): Promise<void>; logger: Logger }): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    service.logger.info({ signal }, 'stopping');
    try {
      await service.stop();
      process.exit(0);
    } catch (err) {
      service.logger.error({ err }, 'stop failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
