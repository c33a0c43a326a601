import FiberManualRecordIcon from '@mui/icons-material/FiberManualRecord';
import { ButtonBase, Tooltip, Typography } from '@mui/material';
import { mono, signal } from '../../ui/theme';
import { formatDuration } from './format';
import { recordingFileName, useRecording } from './use-recording';

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
  return <span data-testid="status-recording">recording to {recordingFileName(status.file)}</span>;
}
