import type { BenchApi, RawBridge } from '../../../shared/bridge/contract';
import { fail, type Result } from '../../../shared/result';
import { WebBridge, type BridgeState } from './web-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    bench?: RawBridge;
  }
}

export type { BridgeState };

const raw: RawBridge = window.bench ?? new WebBridge();

/** The typed API of the core. The only object in the renderer that reaches outside the page. */
export const api: BenchApi = {
  transport: raw.transport,
  async invoke(name, request) {
    try {
      return (await raw.invoke(name, request)) as Result<never>;
    } catch (err) {
      return fail('TRANSPORT', err instanceof Error ? err.message : String(err));
    }
  },
  on(name, listener) {
    return raw.on(name, listener as (p: unknown) => void);
  },
};

/** Follows the transport's own connection (always open under Electron). */
export function onBridgeState(listener: (s: BridgeState) => void): () => void {
  if (raw instanceof WebBridge) return raw.onState(listener);
  listener({ kind: 'open', since: Date.now() });
  return () => {};
}
