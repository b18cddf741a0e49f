/**
 * A background job that runs at once, on a poll, and soon after a wake-up from this process;
 * never twice at a time (a wake-up during a run makes one more run right after). Timers never keep
 * the process alive on their own. The email and webhook workers use it.
 */
export interface Poller {
  /** Run soon (after `wakeDelayMs`): something was queued in this process. */
  wake(): void;
  /** Stops the timers and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export function startPoller(opts: {
  run: (stopping: () => boolean) => Promise<unknown>;
  pollMs: number;
  wakeDelayMs: number;
  /** Called when a run fails; the next poll tries again. */
  onError: (error: unknown) => void;
}): Poller {
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let running: Promise<void> | undefined;
  let runAgain = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped || Date.now() + ms >= timerAt) return;
    clearTimeout(timer);
    timerAt = Date.now() + ms;
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  const tick = () => {
    timer = undefined;
    timerAt = Infinity;
    if (running) {
      runAgain = true;
      return;
    }
    running = opts
      .run(() => stopped)
      .then(() => undefined)
      .catch(opts.onError)
      .finally(() => {
        running = undefined;
        schedule(runAgain ? 0 : opts.pollMs);
        runAgain = false;
      });
  };

  schedule(0);
  return {
    wake: () => schedule(opts.wakeDelayMs),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
