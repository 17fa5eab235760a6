import type { Logger } from '@delight/api';

/**
 * Stops the process cleanly, whichever way it is asked: SIGTERM or SIGINT to this
 * process (tsx, a terminal's Ctrl-C, a supervisor), SIGHUP (the terminal went away),
 * or its parent dying. The last one covers `pnpm start`: pnpm does not pass a SIGTERM
 * on to the script it runs, it just exits, and the server is orphaned; we notice the
 * new parent and stop too.
 *
 * Steps run newest first (the server stops taking requests before the database
 * closes). A second signal, or steps that take longer than the timeout, end the
 * process at once with exit code 1.
 */
export class Lifecycle {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];
  private stopping = false;

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Installs the signal handlers and the parent watch; call first thing. */
  watch(): this {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      process.on(signal, () => void this.stop(`${signal} received`));
    }
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void this.stop(`parent process ${parent} exited`);
    }, 500).unref();
    return this;
  }

  /** Something to undo at shutdown, e.g. close the server, close the database. */
  add(name: string, run: () => Promise<void>): void {
    this.steps.unshift({ name, run });
  }

  /** Runs the steps and exits: 0 when all went well, else (or when `failure`) 1. */
  async stop(reason: string, failure = false): Promise<void> {
    if (this.stopping) {
      this.logger.warn({ reason }, 'asked again while stopping: exiting now');
      process.exit(1);
    }
    this.stopping = true;
    this.logger.info({ reason }, `${reason}: shutting down`);
    setTimeout(() => {
      this.logger.error(`shutdown took longer than ${this.timeoutMs} ms: exiting now`);
      process.exit(1);
    }, this.timeoutMs).unref();
    let failed = failure;
    for (const step of this.steps) {
      try {
        await step.run();
        this.logger.info(`${step.name}: done`);
      } catch (err) {
        failed = true;
        this.logger.error({ err }, `${step.name}: failed`);
      }
    }
    this.logger.info(failed ? 'stopped, after an error' : 'stopped cleanly');
    process.exit(failed ? 1 : 0);
  }
}
