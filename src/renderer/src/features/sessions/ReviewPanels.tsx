import { Alert, Box, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useCallback, useMemo, useState } from 'react';
import type { RunEvent, RunMarker, RunSerialLine } from '../../../../shared/bridge/contracts/runs';
import type { SerialLine } from '../../../../shared/bridge/contracts/serial';
import type { FrameDetail, FrameRow } from '../../../../shared/frames/types';
import type { Result } from '../../../../shared/result';
import { DetailPane } from '../frames/DetailPane';
import { FrameTable, tableSx } from '../frames/FrameTable';
import { TerminalView, type TerminalOptions } from '../serial/TerminalView';
import { formatTime } from '../telemetry/format';
import { mono } from '../../ui/theme';

const TERMINAL: TerminalOptions = {
  hex: false,
  wrap: true,
  timestamps: true,
  query: '',
  activeSeq: undefined,
};

/** A window's rows, or what is missing in words. */
function Status({
  error,
  pending,
  empty,
  what,
}: {
  error?: string;
  pending: boolean;
  empty: boolean;
  what: string;
}) {
  if (error) return <Alert severity="error">{error}</Alert>;
  if (pending && empty)
    return (
      <Typography color="text.secondary" sx={{ p: 1 }}>
        Reading {what}…
      </Typography>
    );
  if (empty)
    return (
      <Typography color="text.secondary" sx={{ p: 1 }}>
        No {what} in this stretch of the run.
      </Typography>
    );
  return null;
}

/** The recorded frames of a window, in the Frames page's table, with its detail pane for the row picked. */
export function FramesPanel({
  rows,
  more,
  boardName,
  error,
  pending,
  loadDetail,
}: {
  rows: readonly FrameRow[];
  more: boolean;
  boardName: string;
  error?: string;
  pending: boolean;
  /** Reads one row with its bytes (the row's time finds it in the file). */
  loadDetail: (seq: number, t: number) => Promise<Result<FrameDetail>>;
}) {
  const [selected, setSelected] = useState<number | undefined>();
  const [focusDetail, setFocusDetail] = useState(0);
  const [wide, setWide] = useState(false);
  // A row of another window is not shown: the pane follows the rows the table has.
  const row = selected === undefined ? undefined : rows.find((r) => r.seq === selected);
  const load = useCallback(
    (seq: number): Promise<Result<FrameDetail>> => {
      const t = rows.find((r) => r.seq === seq)?.t;
      if (t === undefined)
        return Promise.resolve({
          ok: false,
          error: { code: 'NOT_FOUND', message: `Row #${seq} is not in this stretch of the run.` },
        });
      return loadDetail(seq, t);
    },
    [rows, loadDetail],
  );
  return (
    // minWidth 0: in the tab's row the table shrinks (and scrolls) so the detail pane keeps its place on a small window.
    <Box
      sx={{ flex: 1, minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      data-testid="review-frames"
    >
      <Status error={error} pending={pending} empty={rows.length === 0} what="frames" />
      {more && (
        <Typography variant="caption" color="text.secondary" sx={{ px: 1 }}>
          The first {rows.length} frames of this stretch; zoom in to see the rest.
        </Typography>
      )}
      {rows.length > 0 && (
        <Box sx={{ flex: 1, minWidth: 0, minHeight: 0, display: 'flex' }}>
          <Box sx={tableSx}>
            <FrameTable
              boardName={boardName}
              rows={rows}
              version={rows.length}
              selected={row?.seq}
              onSelect={setSelected}
              onOpen={() => setFocusDetail((n) => n + 1)}
            />
          </Box>
          <Box
            sx={{
              display: 'flex',
              width: wide ? 580 : 300,
              maxWidth: '50%',
              flexShrink: 0,
              borderLeft: 1,
              borderColor: 'divider',
              minHeight: 0,
              flexDirection: 'column',
            }}
            data-testid="review-frame-detail"
          >
            <DetailPane
              boardName={boardName}
              load={load}
              seq={row?.seq}
              notes={row?.notes.length ?? 0}
              focusKey={focusDetail}
              onLeave={() => undefined}
              onWide={setWide}
            />
          </Box>
        </Box>
      )}
    </Box>
  );
}

/** The recorded serial lines of a window, in the Serial page's terminal. */
export function SerialPanel({
  lines,
  more,
  error,
  pending,
}: {
  lines: readonly RunSerialLine[];
  more: boolean;
  error?: string;
  pending: boolean;
}) {
  const shown = useMemo<SerialLine[]>(
    () => lines.map((l, k) => ({ seq: k + 1, t: l.t, text: l.text })),
    [lines],
  );
  return (
    <Box sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }} data-testid="review-serial">
      <Status error={error} pending={pending} empty={lines.length === 0} what="serial lines" />
      {more && (
        <Typography variant="caption" color="text.secondary" sx={{ px: 1 }}>
          The first {lines.length} lines of this stretch; zoom in to see the rest.
        </Typography>
      )}
      {lines.length > 0 && <TerminalView lines={shown} options={TERMINAL} />}
    </Box>
  );
}

type Item = { t: number; what: string; detail: string; marker: boolean };

/** The run's events and markers in time order; a click moves the cursor there. */
export function EventsPanel({
  events,
  markers,
  cursor,
  onJump,
  error,
  more,
}: {
  events: readonly RunEvent[];
  markers: readonly RunMarker[];
  cursor: number;
  onJump: (t: number) => void;
  error?: string;
  more: boolean;
}) {
  const items = useMemo(() => {
    const all: Item[] = [
      // A marker is also an event of kind `marker` in the file: the marker list is the one shown for those.
      ...events
        .filter((e) => e.kind !== 'marker')
        .map((e) => ({ t: e.t, what: e.kind, detail: e.detail, marker: false })),
      ...markers.map((m) => ({
        t: m.t,
        what: m.source === 'user' ? 'marker' : `marker (${m.kind})`,
        detail: m.note || '(no note)',
        marker: true,
      })),
    ];
    return all.sort((a, b) => a.t - b.t);
  }, [events, markers]);
  return (
    <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="review-events">
      {error && <Alert severity="error">{error}</Alert>}
      {more && (
        <Typography variant="caption" color="text.secondary" sx={{ px: 1 }}>
          The first {events.length} events of the run.
        </Typography>
      )}
      {items.length === 0 && !error && (
        <Typography color="text.secondary" sx={{ p: 1 }}>
          No events or markers in this run. Press M to add a marker at the cursor.
        </Typography>
      )}
      <List dense disablePadding>
        {items.map((it, k) => (
          <ListItemButton
            key={`${it.t}-${k}`}
            selected={Math.abs(it.t - cursor) < 1}
            onClick={() => onJump(it.t)}
            data-testid={it.marker ? 'review-marker' : 'review-event'}
          >
            <ListItemText
              primary={
                <span>
                  <span style={{ fontFamily: mono, marginRight: 12 }}>{formatTime(it.t)}</span>
                  <strong style={{ color: it.marker ? '#CE93D8' : undefined }}>{it.what}</strong>
                </span>
              }
              secondary={it.detail}
            />
          </ListItemButton>
        ))}
      </List>
    </Box>
  );
}
