/**
 * A first-in, first-out lock for async work. Each run() starts only after
 * every earlier run() has settled, whether it resolved or rejected.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
