import FiberManualRecordIcon from '@mui/icons-material/FiberManualRecord';
import { ButtonBase, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { RecordingStatus } from '../../../../shared/bridge/contracts/telemetry';
import { api } from '../../bridge';
import { useBridgeEvent } from '../../bridge/hooks';
import { mono, signal } from '../../app/theme';
import { formatDuration } from './format';

/** The recorder's state, kept current from the core's events; `now` ticks twice a second while it records. */
function useRecording(): { status: RecordingStatus | undefined; now: number } {
  const [status, setStatus] = useState<RecordingStatus | undefined>();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void api.invoke('telemetry:recording-status', {}).then((r) => r.ok && setStatus(r.value));
  }, []);
  useBridgeEvent('telemetry:recording', setStatus);
  useEffect(() => {
    if (!status?.active) return;
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, [status?.active]);
  return { status, now };
}

const fileNameOf = (file: string | null) => file?.split(/[\\/]/).pop() ?? '';

/** "⏺ REC 00:12:31" in the app bar while a recording runs, whatever page is open; a click opens Telemetry. */
export function RecordingBadge({ onOpen }: { onOpen: () => void }) {
  const { status, now } = useRecording();
  if (!status?.active || status.startedAt === null) return null;
  return (
    <Tooltip
      title={`Recording every message to ${status.file} · ${status.records} messages. Open Telemetry.`}
    >
      <ButtonBase
        onClick={onOpen}
        data-testid="app-rec"
        aria-label={`Recording for ${formatDuration(now - status.startedAt)}; open the Telemetry page`}
        sx={{ borderRadius: 1, px: 0.75, py: 0.25, border: 1, borderColor: signal.error }}
      >
        <Typography
          variant="body2"
          component="span"
          sx={{ fontFamily: mono, color: signal.error, display: 'flex', alignItems: 'center', gap: 0.5 }}
        >
          <FiberManualRecordIcon sx={{ fontSize: 14 }} aria-hidden />
          REC {formatDuration(now - status.startedAt)}
        </Typography>
      </ButtonBase>
    </Tooltip>
  );
}

/** "recording to run-20261125-163903.ndjson" in the status bar while a recording runs. */
export function RecordingTarget() {
  const { status } = useRecording();
  if (!status?.active) return null;
  return <span data-testid="status-recording">recording to {fileNameOf(status.file)}</span>;
}
