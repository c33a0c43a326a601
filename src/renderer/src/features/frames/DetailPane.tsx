import { Alert, Box, Tab, Tabs, Typography } from '@mui/material';
import { memo, useEffect, useRef, useState } from 'react';
import type { FrameDetail } from '../../../../shared/frames/types';
import type { Result } from '../../../../shared/result';
import { mono } from '../../ui/theme';
import { DirMark } from './FrameTable';
import { clockTime, connectionName, rsvBits } from './format';

type TabId = 'json' | 'text' | 'hex' | 'base64';

/** The right-hand pane: what one item was, field by field, and its payload as JSON, text, hex and base64. */
export const DetailPane = memo(function DetailPane({
  boardName,
  load,
  seq,
  notes,
  focusKey,
  onLeave,
  onWide,
}: {
  /** The shown board's name (the rows are its). */
  boardName: string;
  /** Reads one row of the shown board's log with its bytes. */
  load: (seq: number) => Promise<Result<FrameDetail>>;
  seq: number | undefined;
  notes: number;
  focusKey: number;
  onLeave: () => void;
  /** The hex dump needs about 560 px for 16 bytes a line: the page widens the pane while it is shown. */
  onWide: (wide: boolean) => void;
}) {
  // Kept with the loader it came from: a row of the board shown before is never shown for this one.
  const [got, setGot] = useState<{ load: typeof load; detail: FrameDetail } | undefined>();
  const detail = got?.load === load ? got.detail : undefined;
  const [error, setError] = useState<string | undefined>();
  const [tab, setTab] = useState<TabId>('json');
  const bodyRef = useRef<HTMLPreElement>(null);

  // Enter in the table asks for focus; the body may still be loading, so try again once it is there.
  const focused = useRef(0);
  useEffect(() => {
    if (focusKey > focused.current && bodyRef.current) {
      focused.current = focusKey;
      bodyRef.current.focus();
    }
  });

  const wide = seq !== undefined && tab === 'hex';
  useEffect(() => onWide(wide), [wide, onWide]);

  useEffect(() => {
    if (seq === undefined) return;
    let live = true;
    void load(seq).then((r) => {
      if (!live) return;
      setGot(r.ok ? { load, detail: r.value } : undefined);
      setError(r.ok ? undefined : r.error.message);
    });
    return () => {
      live = false;
    };
    // Notes may arrive after the row (a missing PONG): refetch when this row's note count changes.
  }, [load, seq, notes]);

  if (seq === undefined) {
    return (
      <Box sx={{ p: 2, color: 'text.secondary', fontSize: 13 }}>
        Select a row to see its bytes. <br />
        ↑/↓ move, Enter opens the detail.
      </Box>
    );
  }
  if (error)
    return (
      <Alert severity="info" sx={{ m: 1 }}>
        {error}
      </Alert>
    );
  if (!detail || detail.row.seq !== seq)
    return <Box sx={{ p: 2, color: 'text.secondary' }}>Loading #{seq}…</Box>;

  const r = detail.row;
  const shown: TabId =
    tab === 'json' && detail.json === undefined
      ? detail.text !== undefined
        ? 'text'
        : 'hex'
      : tab === 'text' && detail.text === undefined
        ? 'hex'
        : tab;
  const body =
    shown === 'json'
      ? detail.json
      : shown === 'text'
        ? detail.text
        : shown === 'hex'
          ? detail.hexDump
          : detail.base64;
  const fields: Array<[string, React.ReactNode]> = [
    ['Time', clockTime(r.t, true)],
    ['Direction', <DirMark key="d" dir={r.dir} />],
    ['Kind', r.kind === 'frame' ? `${r.opName} (0x${r.opcode.toString(16)})` : r.kind],
  ];
  if (r.kind === 'frame') {
    fields.push(
      ['FIN · RSV', `${r.fin ? 1 : 0} · ${rsvBits(r)}`],
      ['Mask key', r.masked ? r.maskKey : 'not masked'],
      ['Length', `${r.length} B${r.truncated ? ` (first ${detail.keptBytes} B kept)` : ''}`],
      ['Header', r.header],
    );
  } else if (r.kind === 'http') fields.push(['Length', `${r.length} B`]);
  if (detail.framesInChunk > 1)
    fields.push(['TCP read', `${detail.framesInChunk} frames in one chunk (#${r.chunk})`]);
  fields.push(['Connection', connectionName(boardName, r.link)]);

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
      data-testid="frame-detail"
    >
      <Box sx={{ px: 1.5, pt: 1 }}>
        <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
          #{r.seq} · {r.preview.length > 60 ? `${r.preview.slice(0, 59)}…` : r.preview}
        </Typography>
        <Box
          component="dl"
          sx={{
            display: 'grid',
            gridTemplateColumns: '84px 1fr',
            columnGap: 1,
            rowGap: 0.25,
            m: 0,
            fontSize: 12,
          }}
        >
          {fields.map(([k, v]) => (
            <Box key={k} sx={{ display: 'contents' }}>
              <Box component="dt" sx={{ color: 'text.secondary' }}>
                {k}
              </Box>
              <Box
                component="dd"
                sx={{
                  m: 0,
                  fontFamily: k === 'Header' || k === 'Mask key' ? mono : undefined,
                  wordBreak: 'break-all',
                }}
              >
                {v}
              </Box>
            </Box>
          ))}
        </Box>
        {r.notes.map((n) => (
          <Alert key={n} severity="warning" variant="outlined" sx={{ mt: 0.75, py: 0, fontSize: 12 }}>
            {n}
          </Alert>
        ))}
      </Box>
      <Tabs
        value={shown}
        onChange={(_e, v: TabId) => setTab(v)}
        variant="fullWidth"
        sx={{
          minHeight: 32,
          mt: 0.5,
          '& .MuiTab-root': { minHeight: 32, minWidth: 0, py: 0.5, fontSize: 12, textTransform: 'none' },
        }}
      >
        <Tab value="json" label="JSON" disabled={detail.json === undefined} />
        <Tab value="text" label="Text" disabled={detail.text === undefined} />
        <Tab value="hex" label="Hex" />
        <Tab value="base64" label="Base64" />
      </Tabs>
      {shown === 'json' && r.msgType === 'telemetry' && (
        <Typography
          variant="caption"
          color="text.secondary"
          sx={{ px: 1.5, pt: 0.5 }}
          data-testid="json-note"
        >
          The firmware&apos;s float32 fields are shown as it meant them (55.31, not 55.310001373291016); the
          Text tab has the bytes as sent.
        </Typography>
      )}
      <Box
        component="pre"
        ref={bodyRef}
        tabIndex={0}
        aria-label="Payload"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onLeave();
        }}
        data-testid="frame-detail-body"
        sx={{
          flex: 1,
          m: 0,
          p: 1.5,
          overflow: 'auto',
          fontFamily: mono,
          lineHeight: 1.45,
          whiteSpace: shown === 'hex' ? 'pre' : 'pre-wrap',
          fontSize: shown === 'hex' ? 11.5 : 12,
          wordBreak: 'break-all',
          bgcolor: 'rgba(0,0,0,0.25)',
        }}
      >
        {body === '' ? <span style={{ opacity: 0.6 }}>(empty payload)</span> : body}
      </Box>
    </Box>
  );
});
