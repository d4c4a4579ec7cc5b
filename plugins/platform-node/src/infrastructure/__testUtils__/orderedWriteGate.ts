/**
 * Forces the lost-update interleaving of concurrent publishes, every time: the first `parties`
 * ref writes are held until all of them have arrived (so every publisher has read the branch and
 * built its commit), then let through ONE AT A TIME in arrival order, each after the previous
 * one finished. Later writes (a rerun) pass straight through. Without the gate the race depends
 * on timing; with it, the second writer always writes over a ref that moved after it read it.
 */
export class OrderedWriteGate {
  private readonly waiting: Array<() => void> = [];
  private opened = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly parties: number,
    private readonly timeoutMs = 20_000,
  ) {}

  async pass<T>(write: () => Promise<T>): Promise<T> {
    if (this.opened) return write();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `OrderedWriteGate: only ${this.waiting.length} of ${this.parties} writers reached their ref write`,
            ),
          ),
        this.timeoutMs,
      );
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
      if (this.waiting.length === this.parties) {
        this.opened = true;
        this.waiting.forEach(release => release());
      }
    });
    const turn = this.queue.then(write);
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
