import FiberManualRecordIcon from '@mui/icons-material/FiberManualRecord';
import StopIcon from '@mui/icons-material/Stop';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import TableViewIcon from '@mui/icons-material/TableView';
import ImageIcon from '@mui/icons-material/ImageOutlined';
import { Box, Button, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { offerDownload } from '../../bridge/downloads';
import { HostFolder } from '../../components/HostFolder';
import { mono, signal } from '../../ui/theme';
import { formatDuration, formatRange } from './format';
import type { ViewKind } from './TelemetryCharts';
import { telemetryCommands } from './telemetry-feed';
import { recordingFileName, useRecording } from './use-recording';

interface Props {
  /** The time range the CSV export covers: the window on screen, and how it is shown. */
  readonly exportRange: () => { fromT: number; toT: number; view: ViewKind } | undefined;
  readonly onPng: () => void;
  /** Outcome of an action, in words (shown by the page). */
  readonly onMessage: (m: { severity: 'success' | 'error'; text: string }) => void;
}

/** Record button with its folder, the REC indicator, "save last 10 min", CSV and PNG export. */
export function RecordingControls({ exportRange, onPng, onMessage }: Props) {
  const { status, setStatus, folders, now } = useRecording((s) => {
    if (s.error) onMessage({ severity: 'error', text: `Recording stopped: ${s.error}` });
  });
  const [captureMin, setCaptureMin] = useState(10);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!folders) return;
    setCaptureMin(folders.captureMinutes);
  }, [folders]);

  const run = async <T,>(
    action: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
    done: (v: T) => string,
  ) => {
    setBusy(true);
    const r = await action();
    setBusy(false);
    // Browser mode: the file the core wrote also goes to this browser.
    if (r.ok) offerDownload((r.value as { download?: string }).download);
    onMessage(
      r.ok ? { severity: 'success', text: done(r.value) } : { severity: 'error', text: r.error.message },
    );
    return r;
  };

  const record = () =>
    status?.active
      ? run(telemetryCommands.recordStop, (s) => `Recording saved: ${s.file} (${s.records} messages).`)
      : run(telemetryCommands.recordStart, (s) => `Recording every message to ${s.file}.`).then(
          (r) => r.ok && setStatus(r.value),
        );
  const saveCapture = () =>
    run(telemetryCommands.saveCapture, (w) => `Saved ${w.rows} messages to ${w.file}.`);
  const exportCsv = () => {
    const range = exportRange();
    if (!range)
      return onMessage({ severity: 'error', text: 'There is no telemetry in the window to export.' });
    return run(
      () => telemetryCommands.exportCsv(range),
      (w) => `Exported ${w.rows} rows, ${formatRange(range.fromT, range.toT)}, to ${w.file}.`,
    );
  };

  const active = status?.active === true;
  const fileName = recordingFileName(status?.file);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <HostFolder
        purpose="recordings"
        disabled={active}
        testId="telemetry-folder"
        onError={(text) => onMessage({ severity: 'error', text })}
      />
      <Button
        size="small"
        variant={active ? 'contained' : 'outlined'}
        color="error"
        startIcon={active ? <StopIcon /> : <FiberManualRecordIcon />}
        onClick={() => void record()}
        disabled={busy}
        data-testid="telemetry-record"
      >
        {active ? 'Stop' : 'Record'}
      </Button>
      {active && status.startedAt !== null && (
        <Tooltip
          title={`${status.file} · ${status.records} messages · ${(status.bytes / 1024).toFixed(0)} KiB`}
        >
          <Typography
            variant="body2"
            sx={{ fontFamily: mono, color: signal.error, display: 'flex', alignItems: 'center', gap: 0.5 }}
            data-testid="telemetry-rec"
          >
            <FiberManualRecordIcon sx={{ fontSize: 14 }} aria-hidden />
            REC {formatDuration(now - status.startedAt)} · {fileName}
          </Typography>
        </Tooltip>
      )}
      <Box sx={{ flex: 1 }} />
      <Tooltip
        title={`Save the messages of the last ${captureMin} minutes (kept in memory all the time) as a recording`}
      >
        <Button size="small" startIcon={<SaveAltIcon />} onClick={() => void saveCapture()} disabled={busy}>
          Save last {captureMin} min
        </Button>
      </Tooltip>
      <Tooltip title="Export the window on screen (live, paused or zoomed) as CSV: one row per telemetry message, with the board, the range and the units in its header">
        <Button size="small" startIcon={<TableViewIcon />} onClick={() => void exportCsv()} disabled={busy}>
          CSV
        </Button>
      </Tooltip>
      <Tooltip title="Download the charts as a PNG image">
        <Button size="small" startIcon={<ImageIcon />} onClick={onPng}>
          PNG
        </Button>
      </Tooltip>
    </Box>
  );
}
