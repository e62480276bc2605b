// A job the server runs on its own clock (SLA alerts, weekly health snapshots): one pass at a
// time, a nudge during a pass queues exactly one more, a failing pass is logged and the next
// one runs as usual. Subclasses say what a pass does and how often it runs.
export abstract class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  /** The pass itself; returns how many rows it wrote. */
  abstract pass(): Promise<number>;

  /** How the job is named in the log when a pass fails. */
  protected abstract readonly jobName: string;

  /** Runs a pass now and then every `intervalMs` (the timer does not keep the process alive). */
  protected startEvery(intervalMs: number): void {
    this.timer = setInterval(() => this.nudge(), intervalMs);
    this.timer.unref();
    this.nudge();
  }

  /** Runs a pass soon (after the current one, if one is running). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((err: unknown) => {
        // A failing pass must not stop the next: log and go on.
        console.error(
          JSON.stringify({
            msg: `${this.jobName} pass failed`,
            err: err instanceof Error ? err.message : String(err),
          }),
        );
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Waits for the pass under way (and the one it queued), if any. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}
