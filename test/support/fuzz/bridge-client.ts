// A browser-mode bridge client for the fuzz test: sends message text as given (ids, duplicates and all), matches
// answers by id, and says when the socket closes, so a fuzzed request that never gets an answer is seen.
import WebSocket from 'ws';
import { bridgeUrl } from '../bridge';

/** The result envelope of one answer, as it came (checked by answer-checks.ts, never trusted). */
export interface Answer {
  readonly ok?: unknown;
  readonly value?: unknown;
  readonly error?: { readonly code?: unknown; readonly message?: unknown };
}

/** One bridge connection. */
export class FuzzClient {
  private readonly waiting = new Map<string, Waiter[]>();
  /** Why the socket closed (code and reason), once it has. */
  closedWith: string | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (!isRecord(msg) || msg.t !== 'result' || !isRecord(msg.result)) return;
      const key = String(msg.id);
      const queue = this.waiting.get(key);
      const next = queue?.shift();
      if (queue?.length === 0) this.waiting.delete(key);
      next?.resolve(msg.result);
    });
    socket.on('close', (code, reason) => {
      this.closedWith = `${code} ${reason.toString()}`;
      const all = [...this.waiting.values()].flat();
      this.waiting.clear();
      for (const w of all)
        w.reject(new Error(`the bridge closed the socket (${this.closedWith}) before answering`));
    });
    socket.on('error', () => {});
  }

  /** Opens the bridge of a browser-mode page URL, as a page of that server would (its Origin and token). */
  static open(pageUrl: string): Promise<FuzzClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(bridgeUrl(pageUrl), {
        origin: new URL(pageUrl).origin,
        handshakeTimeout: 10_000,
        maxPayload: 256 * 1024 * 1024,
      });
      ws.once('open', () => resolve(new FuzzClient(ws)));
      ws.once('error', reject);
    });
  }

  /**
   * Sends one message text and waits for the answer carrying `id` (as the server will write it: `String(id)` of
   * the id it parsed). Rejects after `timeoutMs`, or when the socket closes first.
   */
  call(id: string, text: string, timeoutMs: number): Promise<Answer> {
    const answer = this.wait(id, timeoutMs);
    this.socket.send(text);
    return answer;
  }

  /** Waits for the next answer carrying `id` (as the server writes it), for a message sent after this call. */
  wait(id: string, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      if (this.closedWith !== undefined)
        return reject(new Error(`the bridge socket is closed (${this.closedWith})`));
      const waiter: Waiter = {
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        const queue = this.waiting.get(id);
        queue?.splice(queue.indexOf(waiter), 1);
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const queue = this.waiting.get(id) ?? [];
      queue.push(waiter);
      this.waiting.set(id, queue);
    });
  }

  /** Calls a command with a well-formed message. */
  invoke(id: number, name: string, request: unknown, timeoutMs: number): Promise<Answer> {
    return this.call(String(id), JSON.stringify({ t: 'invoke', id, name, request }), timeoutMs);
  }

  /** Sends a message that may not be answered (text or binary, as given). */
  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  close(): void {
    this.socket.terminate();
  }
}

interface Waiter {
  resolve(a: Answer): void;
  reject(err: Error): void;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
