/**
 * Waits for each key to be quiet: every `touch(key)` restarts that key's timer, and `onQuiet`
 * gets the keys whose timers ran out together (an editor's "save all" arrives as one batch).
 */
export class Settler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private due: string[] = [];

  constructor(
    private readonly quietMs: number,
    private readonly onQuiet: (keys: string[]) => void,
  ) {}

  /** Something happened to `key`: (re)start its quiet period. */
  touch(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.due.push(key);
        // Timers that run out in the same turn of the event loop flush as one batch.
        if (this.due.length === 1) setImmediate(() => this.flush());
      }, this.quietMs),
    );
  }

  /** Forgets every pending key without calling `onQuiet`. */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.due = [];
  }

  private flush(): void {
    const keys = this.due.splice(0);
    if (keys.length > 0) this.onQuiet(keys);
  }
}
