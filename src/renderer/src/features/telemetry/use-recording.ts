import { useEffect, useState } from 'react';
import type { RecordingFolders, RecordingStatus } from '../../../../shared/bridge/contracts/telemetry';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';

/**
 * The recorder's state, read once and then kept current from the core's events; `now` ticks twice a second
 * while it records (for the REC timers). `onEvent` sees every status the core sends.
 */
export function useRecording(onEvent?: (status: RecordingStatus) => void) {
  const [status, setStatus] = useState<RecordingStatus | undefined>();
  const [folders, setFolders] = useState<RecordingFolders | undefined>();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void api.invoke('telemetry:recording-status', {}).then((r) => {
      if (!r.ok) return;
      setStatus(r.value);
      setFolders(r.value.folders);
    });
  }, []);
  useBridgeEvent('telemetry:recording', (s) => {
    setStatus(s);
    onEvent?.(s);
  });
  useEffect(() => {
    if (!status?.active) return;
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, [status?.active]);
  return { status, setStatus, folders, now };
}

/** The recording's file name without its folder. */
export function recordingFileName(file: string | null | undefined): string {
  return file?.split(/[\\/]/).pop() ?? '';
}
