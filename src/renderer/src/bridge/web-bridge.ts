import {
  WEB_BRIDGE_PATH,
  type RawBridge,
  type WebClientMessage,
  type WebServerMessage,
} from '../../../shared/bridge/contract';
import { bytesOver, decodeWireBinary, MAX_BRIDGE_MESSAGE_BYTES } from '../../../shared/bridge/wire';
import { fail, type Result } from '../../../shared/result';

/**
 * The token of browser mode's printed URL (`/?token=…`), taken out of the address bar so it does not stay in the
 * history or a screenshot; the HttpOnly cookie the server set with the page carries it from then on, and the
 * bridge URL carries it too so the first connection works even where cookies are blocked.
 */
function takeUrlToken(): string | undefined {
  const here = new URL(location.href);
  const token = here.searchParams.get('token');
  if (token === null) return undefined;
  here.searchParams.delete('token');
  history.replaceState(history.state, '', `${here.pathname}${here.search}${here.hash}`);
  return token;
}

function defaultBridgeUrl(): string {
  const token = takeUrlToken();
  // wire=binary: telemetry's typed columns come as binary frames (src/shared/bridge/wire.ts).
  const query = `?wire=binary${token ? `&token=${encodeURIComponent(token)}` : ''}`;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEB_BRIDGE_PATH}${query}`;
}

/** State of the browser-mode connection to the core, shown in the app bar. */
export type BridgeState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open'; readonly since: number }
  /** Lost since `since` (the first failed moment, not the last retry); the next try is at `retryAt`. */
  | { readonly kind: 'closed'; readonly since: number; readonly retryAt: number }
  /**
   * The server answers but refuses this page's token: the bench was restarted and made a new one (or was given
   * another). Retrying cannot help; only the address the new bench printed can.
   */
  | { readonly kind: 'refused'; readonly since: number };

/** What a refused page is told, wherever it asks. */
export const RESTARTED =
  'The bench was restarted and no longer knows this page: open the new address it printed (it ends in ?token=…).';

/** The plain HTTP URL of the bridge's own address (same token), to ask the server whether it still knows us. */
function probeUrl(bridgeUrl: string): string {
  return bridgeUrl.replace(/^ws(s?):/, 'http$1:');
}

/** The browser-mode transport: one WebSocket to the page's own server, reconnecting; invokes time out. */
export class WebBridge implements RawBridge {
  readonly transport = 'browser' as const;
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Result<unknown>) => void; timer: number }>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(s: BridgeState) => void>();
  private state: BridgeState = { kind: 'connecting' };
  /** Invokes waiting for the socket to open, as sent. */
  private queue: string[] = [];
  private attempt = 0;
  /** When the connection was lost; undefined while open or before the first one. */
  private lostAt: number | undefined;

  constructor(
    private readonly url = defaultBridgeUrl(),
    private readonly timeoutMs = 30_000,
  ) {
    this.connect();
  }

  invoke(name: string, request: unknown): Promise<unknown> {
    if (this.state.kind === 'refused') return Promise.resolve(fail('TRANSPORT', RESTARTED));
    const id = this.nextId++;
    const wire = JSON.stringify({ t: 'invoke', id, name, request } satisfies WebClientMessage);
    // The core's socket closes on a message past its limit, failing every other call under way: refuse it here.
    const bytes = bytesOver(wire);
    if (bytes !== undefined)
      return Promise.resolve(
        fail(
          'BAD_REQUEST',
          `Not sent: this request is ${(bytes / 1048576).toFixed(1)} MB, more than the ${MAX_BRIDGE_MESSAGE_BYTES / 1048576} MB one message to the app core may carry.`,
        ),
      );
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        resolve(fail('TIMEOUT', `The app core did not answer ${name} within ${this.timeoutMs / 1000} s.`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, timer });
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(wire);
      else this.queue.push(wire);
    });
  }

  on(name: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      this.listeners.set(name, (set = new Set()));
      this.send({ t: 'sub', name });
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(name);
        this.send({ t: 'unsub', name });
      }
    };
  }

  /** Follows the connection state; called at once with the current one. */
  onState(listener: (s: BridgeState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  private setState(s: BridgeState): void {
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  /** Sends a subscription change; while closed it is dropped, as the listeners are sent again on opening. */
  private send(msg: WebClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  private connect(): void {
    // A retry keeps the 'closed' state (and when it was lost); only the first connection is 'connecting'.
    if (this.lostAt === undefined) this.setState({ kind: 'connecting' });
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.lostAt = undefined;
      this.setState({ kind: 'open', since: Date.now() });
      for (const name of this.listeners.keys()) socket.send(JSON.stringify({ t: 'sub', name }));
      const queued = this.queue;
      this.queue = [];
      for (const wire of queued) socket.send(wire);
    };
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (e) => this.receive(e.data as string | ArrayBuffer);
    socket.onclose = () => {
      for (const [id, p] of this.pending) {
        window.clearTimeout(p.timer);
        p.resolve(fail('TRANSPORT', 'The connection to the app core was lost.'));
        this.pending.delete(id);
      }
      const since = (this.lostAt ??= Date.now());
      const delay = Math.min(500 * 2 ** this.attempt++, 5000);
      this.setState({ kind: 'closed', since, retryAt: Date.now() + delay });
      // A browser does not tell a page why an upgrade failed, so ask over plain HTTP: a 401 means the server is
      // up but no longer knows this page's token.
      void this.refused().then((refused) => {
        if (refused) {
          this.setState({ kind: 'refused', since });
          // Their callers were answered when the socket closed; nothing will ever carry them now.
          this.queue = [];
        } else window.setTimeout(() => this.connect(), Math.max(0, this.retryAt() - Date.now()));
      });
    };
  }

  private retryAt(): number {
    return this.state.kind === 'closed' ? this.state.retryAt : Date.now();
  }

  /** True when the page's server answers with 401 (a network error or any other answer: false). */
  private async refused(): Promise<boolean> {
    try {
      const res = await fetch(probeUrl(this.url), { cache: 'no-store', credentials: 'same-origin' });
      return res.status === 401;
    } catch {
      return false;
    }
  }

  private receive(data: string | ArrayBuffer): void {
    let msg: WebServerMessage;
    try {
      msg = (typeof data === 'string' ? JSON.parse(data) : decodeWireBinary(data)) as WebServerMessage;
    } catch {
      return;
    }
    if (msg.t === 'result') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      window.clearTimeout(p.timer);
      p.resolve(msg.result);
    } else if (msg.t === 'event') {
      for (const l of this.listeners.get(msg.name) ?? []) l(msg.payload);
    }
  }
}
