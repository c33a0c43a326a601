/**
 * What loading the state files has to tell the user (a setting reset to its default, a damaged file kept aside).
 * Each is said once: the first window that asks takes them.
 */
export class StateNotices {
  private pending: string[] = [];

  /** Queues a message for the user (bound, so that it can be handed to a store as its `tell`). */
  readonly add = (message: string): void => {
    this.pending.push(message);
  };

  /** The messages not yet shown, which are then forgotten. */
  take(): readonly string[] {
    return this.pending.splice(0);
  }
}
