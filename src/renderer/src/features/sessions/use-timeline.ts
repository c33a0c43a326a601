// The review's one time cursor and the window the charts show, with playback: run time advances by wall time ×
// speed on animation frames, the window follows the cursor by whole pages, and playback stops at the run's end.
import { useCallback, useEffect, useState } from 'react';
import { clamp, follow, playStep, type Speed, type Window } from './review-time';

export interface Timeline {
  readonly cursor: number;
  readonly view: Window;
  readonly playing: boolean;
  readonly speed: Speed;
  setCursor(t: number): void;
  /** Changes the window (zoom); the cursor stays where it is. */
  setView(next: (v: Window) => Window): void;
  setSpeed(s: Speed): void;
  togglePlay(): void;
}

export function useTimeline(run: Window): Timeline {
  const [at, setAt] = useState<{ cursor: number; view: Window }>({ cursor: run.fromT, view: run });
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
  const setCursor = useCallback(
    (t: number) =>
      setAt((s) => {
        const cursor = clamp(t, run);
        return { cursor, view: follow(s.view, cursor, run) };
      }),
    [run],
  );
  const setView = useCallback(
    (next: (v: Window) => Window) => setAt((s) => ({ ...s, view: next(s.view) })),
    [],
  );
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const wall = now - last;
      last = now;
      setAt((s) => {
        const { t } = playStep(s.cursor, wall, speed, run);
        return { cursor: t, view: follow(s.view, t, run) };
      });
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, speed, run]);
  // At the run's end playback stops (the cursor stays there; Play starts again from the beginning).
  const ended = at.cursor >= run.toT;
  useEffect(() => {
    if (playing && ended) setPlaying(false);
  }, [playing, ended]);
  const togglePlay = useCallback(() => {
    if (!playing && ended) setAt((s) => ({ cursor: run.fromT, view: follow(s.view, run.fromT, run) }));
    setPlaying(!playing);
  }, [playing, ended, run]);
  return { cursor: at.cursor, view: at.view, playing, speed, setCursor, setView, setSpeed, togglePlay };
}
