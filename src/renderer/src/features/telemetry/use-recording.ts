import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { RecordingStatus } from '../../../../shared/bridge/contracts/telemetry';
import { api } from '../../bridge';
import { RecordingStore } from './recording-store';

/** The app's one store of the recorder. */
export const recording = new RecordingStore(api);

const take = (s: RecordingStatus) => recording.take(s);

/**
 * The recorder's state, read once and then kept current from the core's events; `now` ticks twice a second
 * while it records (for the REC timers). `onEvent` sees every status the core sends.
 */
export function useRecording(onEvent?: (status: RecordingStatus) => void) {
  const { status, folders } = useSyncExternalStore(recording.subscribe, recording.snapshot);
  const [now, setNow] = useState(() => Date.now());
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => recording.onEvent((s) => handler.current?.(s)), []);
  useEffect(() => {
    if (!status?.active) return;
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, [status?.active]);
  return { status, setStatus: take, folders, now };
}

/** The recording's file name without its folder. */
export function recordingFileName(file: string | null | undefined): string {
  return file?.split(/[\\/]/).pop() ?? '';
}
