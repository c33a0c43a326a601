import { Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import type { FaultKind } from '../../../../shared/bridge/contracts/links';
import { api } from '../../bridge';

const faults: ReadonlyArray<{ kind: FaultKind; label: string; what: string }> = [
  { kind: 'drop-link', label: 'Drop link', what: 'The board resets the WebSocket connection.' },
  {
    kind: 'stall-telemetry',
    label: 'Stall telemetry',
    what: 'The board stops sending telemetry; the link goes stale.',
  },
  { kind: 'reboot', label: 'Reboot', what: 'The board restarts: uptime goes back to 0.' },
  { kind: 'temperature-spike', label: 'Temperature spike', what: 'Junction temperature jumps for a while.' },
  {
    kind: 'shrink-ws-pool',
    label: 'Shrink WS pool',
    what: 'The WebSocket packet pool shrinks: messages get dropped.',
  },
];

/** Fault injection into the virtual board, kept apart so nobody mistakes it for a board control. */
export function InjectGroup() {
  const [status, setStatus] = useState<{ text: string; error: boolean }>();
  const inject = async (kind: FaultKind, label: string) => {
    const r = await api.invoke('board:fault', { kind });
    setStatus(r.ok ? { text: `${label}: injected.`, error: false } : { text: r.error.message, error: true });
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
            key={f.kind}
            size="small"
            variant="outlined"
            color="warning"
            title={f.what}
            onClick={() => void inject(f.kind, f.label)}
            data-testid={`fault-${f.kind}`}
          >
            {f.label}
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
