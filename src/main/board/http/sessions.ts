import type { Socket } from 'node:net';

/**
 * Admits at most `max` connections at once and holds the rest in arrival order, as NetX's session slots and listen
 * queue do: a waiting client is not refused, it just gets no answer until a slot frees. The queue is bounded
 * (`maxQueued`); beyond it the newest connection is closed, since a host cannot leave SYNs unanswered from user space.
 */
export class SessionGate {
  private readonly active = new Set<Socket>();
  private readonly queue: Socket[] = [];

  constructor(
    private readonly max: number,
    private readonly maxQueued: number,
    private readonly admit: (socket: Socket) => void,
  ) {}

  offer(socket: Socket): void {
    socket.on('error', () => undefined); // a reset while queued must not crash the process
    socket.once('close', () => this.left(socket));
    if (this.active.size < this.max) return this.enter(socket);
    if (this.queue.length >= this.maxQueued) {
      socket.destroy();
      return;
    }
    socket.pause();
    this.queue.push(socket);
  }

  /** Connections being served and waiting. */
  counts(): { active: number; queued: number } {
    return { active: this.active.size, queued: this.queue.length };
  }

  /** Every connection, served or waiting (for close()). */
  all(): Socket[] {
    return [...this.active, ...this.queue];
  }

  private enter(socket: Socket): void {
    this.active.add(socket);
    this.admit(socket);
  }

  private left(socket: Socket): void {
    const i = this.queue.indexOf(socket);
    if (i >= 0) this.queue.splice(i, 1);
    if (!this.active.delete(socket)) return;
    while (this.active.size < this.max && this.queue.length) {
      const next = this.queue.shift()!;
      if (next.destroyed) continue;
      this.enter(next);
    }
  }
}
