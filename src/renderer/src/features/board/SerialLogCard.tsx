import { Box, Card, FormControlLabel, Switch, Tab, Tabs, Typography } from '@mui/material';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { UartLineView } from '../../../../shared/bridge/contracts/board';
import { mono } from '../../ui/theme';
import type { LogLine } from './board-rules';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Local wall-clock time with milliseconds. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function Lines({
  lines,
  follow,
  onScrolledUp,
  empty,
  testId,
}: {
  lines: readonly { time: number; text: string; key: number }[];
  follow: boolean;
  onScrolledUp: () => void;
  empty: string;
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [lines, follow]);
  return (
    <Box
      ref={box}
      role="log"
      aria-live="off"
      data-testid={testId}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        if (follow && el.scrollHeight - el.scrollTop - el.clientHeight > 24) onScrolledUp();
      }}
      sx={{
        flex: 1,
        minHeight: 0,
        contain: 'size',
        overflow: 'auto',
        fontFamily: mono,
        fontSize: 12,
        lineHeight: '18px',
        px: 1.5,
        py: 0.5,
        bgcolor: '#0c0e10',
      }}
    >
      {lines.length === 0 && (
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'inherit' }}>
          {empty}
        </Typography>
      )}
      {lines.map((l) => (
        <Box key={l.key} sx={{ display: 'flex', gap: 1.5, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          <Box component="span" sx={{ color: 'text.secondary', flexShrink: 0, userSelect: 'none' }}>
            {clockTime(l.time)}
          </Box>
          <span>{l.text || '\u00a0'}</span>
        </Box>
      ))}
    </Box>
  );
}

/** The board's UART (USART3, 115200 8N1) and, apart, the emulator's own notes on what it rejected and why. */
export function SerialLogCard({ uart, logs }: { uart: readonly UartLineView[]; logs: readonly LogLine[] }) {
  const [tab, setTab] = useState<'uart' | 'log'>('uart');
  const [follow, setFollow] = useState(true);
  const [seenLogs, setSeenLogs] = useState(0);
  useEffect(() => {
    if (tab === 'log') setSeenLogs(logs.length);
  }, [tab, logs.length]);
  const unseen = Math.max(0, logs.length - seenLogs);
  const shown =
    tab === 'uart'
      ? {
          lines: uart.map((l) => ({ time: l.time, text: l.text, key: l.seq })),
          empty: 'No output yet.',
          testId: 'uart-log',
        }
      : {
          lines: logs.map((l, i) => ({ time: l.time, text: l.text, key: i })),
          empty:
            'Nothing rejected since this page opened. Malformed commands, refused handshakes and ignored frames appear here with the reason.',
          testId: 'rejected-log',
        };
  return (
    <Card variant="outlined" sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 180 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', borderBottom: 1, borderColor: 'divider', pr: 1.5 }}>
        <Tabs
          value={tab}
          onChange={(_e, v: 'uart' | 'log') => setTab(v)}
          sx={{ minHeight: 36, '& .MuiTab-root': { minHeight: 36, textTransform: 'none', py: 0 } }}
        >
          <Tab value="uart" label={`Serial log (${uart.length})`} data-testid="tab-uart" />
          <Tab
            value="log"
            label={unseen > 0 ? `Rejected input (${unseen} new)` : `Rejected input (${logs.length})`}
            data-testid="tab-rejected"
          />
        </Tabs>
        <Typography
          variant="caption"
          color="text.secondary"
          sx={{ ml: 2, display: { xs: 'none', lg: 'block' } }}
          noWrap
        >
          {tab === 'uart' ? 'USART3 · 115200 8N1 · TX only' : 'emulator diagnostics, not on the UART'}
        </Typography>
        <FormControlLabel
          sx={{ ml: 'auto', mr: 0 }}
          control={
            <Switch
              size="small"
              checked={follow}
              onChange={(e) => setFollow(e.target.checked)}
              data-testid="log-follow"
            />
          }
          label={<Typography variant="caption">Follow</Typography>}
        />
      </Box>
      {/* Keyed by the tab: each list starts at its own end, not at the other's scroll position. */}
      <Lines key={tab} {...shown} follow={follow} onScrolledUp={() => setFollow(false)} />
    </Card>
  );
}
