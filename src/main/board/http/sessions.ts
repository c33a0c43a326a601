import type { Socket } from 'node:net';

/**
 * Admits at most `max` connections at once and holds the rest in arrival order, as NetX's session sockets and
 * their listen queue do: a waiting client gets no answer until a session frees. The queue holds `maxQueued`
 * (NX_WEB_HTTP_SERVER_MAX_PENDING, 2 × sessions); a connection arriving at a full queue evicts the oldest waiting
 * one, as NetX's listen queue does, and that one is reset, since the host here has already completed its handshake.
 */
export class SessionGate {
  private readonly active = new Set<Socket>();
  private readonly queue: Socket[] = [];
  private evicted = 0;

  constructor(
    private readonly max: number,
    private readonly maxQueued: number,
    private readonly admit: (socket: Socket) => void,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  offer(socket: Socket): void {
    socket.on('error', () => undefined); // a reset while queued must not crash the process
    socket.once('close', () => this.left(socket));
    if (this.active.size < this.max) return this.enter(socket);
    socket.pause();
    this.queue.push(socket);
    if (this.queue.length > this.maxQueued) {
      const oldest = this.queue.shift()!;
      this.evicted++;
      this.log(
        `HTTP: ${oldest.remoteAddress ?? '?'}:${oldest.remotePort ?? 0} evicted from the full listen queue (${this.maxQueued} waiting); reset`,
      );
      oldest.resetAndDestroy();
    }
  }

  /** Connections being served and waiting. */
  counts(): { active: number; queued: number } {
    return { active: this.active.size, queued: this.queue.length };
  }

  /** Connections evicted from the full queue so far. */
  evictions(): number {
    return this.evicted;
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
