import { Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import type { Fault } from './inject-store';
import { injectStore, useTelemetryStalled } from './use-inject';

const faults: ReadonlyArray<{
  id: string;
  fault: (stalled: boolean) => Fault;
  label: (stalled: boolean) => string;
  what: string;
}> = [
  {
    id: 'drop-link',
    fault: () => ({ kind: 'drop-link' }),
    label: () => 'Drop link',
    what: 'The board resets the WebSocket connection.',
  },
  {
    id: 'stall-telemetry',
    fault: (stalled) => ({ kind: 'stall-telemetry', on: !stalled }),
    label: (stalled) => (stalled ? 'Resume telemetry' : 'Stall telemetry'),
    what: 'The board stops sending telemetry; the link goes stale.',
  },
  {
    id: 'reboot',
    fault: () => ({ kind: 'reboot' }),
    label: () => 'Reboot',
    what: 'The board restarts: uptime goes back to 0.',
  },
  {
    id: 'temperature-spike',
    fault: () => ({ kind: 'temperature-spike', deltaC: 25 }),
    label: () => 'Temperature spike',
    what: 'Junction temperature jumps by 25 °C and decays over about 20 s.',
  },
  {
    id: 'shrink-ws-pool',
    fault: () => ({ kind: 'pool-packets', packets: 0 }),
    label: () => 'Exhaust WS pool',
    what: 'The WebSocket packet pool is emptied: every send is dropped, as NetX drops NX_NO_WAIT sends.',
  },
  {
    id: 'pool-restore',
    fault: () => ({ kind: 'pool-restore' }),
    label: () => 'Restore WS pool',
    what: 'The WebSocket pool returns to 18 packets.',
  },
];

/** Fault injection into virtual board `boardId`, kept apart so nobody mistakes it for a board control. */
export function InjectGroup({ boardId }: { boardId: string }) {
  const [status, setStatus] = useState<{ text: string; error: boolean }>();
  const stalled = useTelemetryStalled(boardId);
  const inject = async (fault: Fault, label: string) => {
    const r = await injectStore.inject(boardId, fault);
    setStatus(r.ok ? { text: `${label}: done.`, error: false } : { text: r.error.message, error: true });
  };
  return (
    <Box
      component="section"
      aria-label="Inject faults into the virtual board"
      data-testid="inject-group"
      sx={{ border: '1px dashed', borderColor: 'warning.main', borderRadius: 1, p: 1.5 }}
    >
      <Typography variant="overline" color="warning.main">
        Inject — virtual board only
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
        {faults.map((f) => (
          <Button
            key={f.id}
            size="small"
            variant="outlined"
            color="warning"
            title={f.what}
            onClick={() => void inject(f.fault(stalled), f.label(stalled))}
            data-testid={`fault-${f.id}`}
          >
            {f.label(stalled)}
          </Button>
        ))}
      </Box>
      <Typography
        variant="caption"
        color={status?.error ? 'error' : 'text.secondary'}
        role="status"
        sx={{ display: 'block', mt: 1, minHeight: 18 }}
      >
        {status?.text ?? 'These act on the emulator only; a real board is never touched.'}
      </Typography>
    </Box>
  );
}
