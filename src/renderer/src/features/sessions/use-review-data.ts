// The review's windows of data, asked from the runs store as the view and the cursor move. An answer that arrives
// after a newer question is dropped; while one question is out, only the newest next one waits (playback moves
// the cursor every frame, the core answers at its own pace).
import { useEffect, useRef, useState } from 'react';
import type { Result } from '../../../../shared/result';
import { runs } from './use-runs';

/** The latest answer of `ask(key)`, asked again whenever `key` changes; at most one question out at a time. */
export function useAsked<K, T>(
  key: K | undefined,
  same: (a: K, b: K) => boolean,
  ask: (k: K) => Promise<Result<T>>,
): {
  value: T | undefined;
  /** The key the value answers (the one asked before while `pending`). */
  key: K | undefined;
  error: string | undefined;
  pending: boolean;
  answeredAt: number | undefined;
} {
  // `at`: when the answer reached the page (performance.now()), for the review's benchmark (review-probe.ts).
  const [answer, setAnswer] = useState<{ key: K; value?: T; error?: string; at: number } | undefined>();
  const out = useRef<{ key: K } | undefined>(undefined);
  const want = useRef<K | undefined>(undefined);
  useEffect(() => {
    want.current = key;
    if (key === undefined) return;
    const send = (k: K) => {
      out.current = { key: k };
      void ask(k).then((r) => {
        out.current = undefined;
        const next = want.current;
        if (next !== undefined && !same(next, k)) {
          // A newer question came meanwhile: this answer still shows (better than nothing), and the newer goes out.
          setAnswer(answerOf(k, r));
          send(next);
          return;
        }
        setAnswer(answerOf(k, r));
      });
    };
    if (!out.current) send(key);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `same` compares keys; the key is the dependency
  }, [key === undefined ? undefined : JSON.stringify(key)]);
  const pending = key !== undefined && (answer === undefined || !same(answer.key, key));
  return { value: answer?.value, key: answer?.key, error: answer?.error, pending, answeredAt: answer?.at };
}

function answerOf<K, T>(key: K, r: Result<T>): { key: K; value?: T; error?: string; at: number } {
  const at = performance.now();
  return r.ok ? { key, value: r.value, at } : { key, error: r.error.message, at };
}

interface WindowKey {
  readonly reviewId: string;
  readonly fromT: number;
  readonly toT: number;
}
const sameWindow = (a: WindowKey, b: WindowKey) =>
  a.reviewId === b.reviewId && a.fromT === b.fromT && a.toT === b.toT;

export function useRunTelemetry(key: (WindowKey & { readonly points: number }) | undefined) {
  return useAsked(
    key,
    (a, b) => sameWindow(a, b) && a.points === b.points,
    (k) => runs.telemetry(k, k.points),
  );
}

export function useRunFrames(key: WindowKey | undefined) {
  return useAsked(key, sameWindow, (k) => runs.frames(k));
}

export function useRunSerial(key: WindowKey | undefined) {
  return useAsked(key, sameWindow, (k) => runs.serial(k));
}

export function useRunEvents(key: WindowKey | undefined) {
  return useAsked(key, sameWindow, (k) => runs.events(k));
}

export function useValuesAt(key: { readonly reviewId: string; readonly t: number } | undefined) {
  return useAsked(
    key,
    (a, b) => a.reviewId === b.reviewId && a.t === b.t,
    (k) => runs.valuesAt(k.reviewId, k.t),
  );
}
