/**
 * Runs tasks that share a key one after another, in arrival order, within this process. Used in front of a row
 * lock that serialises them anyway: a burst then holds one pooled connection per key instead of the whole pool
 * (where finished requests' follow-up reads would queue behind every waiting transaction). The database lock
 * still decides between processes.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
