import { Box, Chip, Tooltip, Typography } from '@mui/material';
import type { SerialFirmwareEvent } from '../../../../shared/bridge/contracts/serial';
import type { FirmwareSeverity } from '../../../../shared/serial/firmware-events';
import { formatTime } from './serial-scrollback';

const color: Record<FirmwareSeverity, 'default' | 'success' | 'warning' | 'error'> = {
  info: 'default',
  ok: 'success',
  warn: 'warning',
  error: 'error',
};
const word: Record<FirmwareSeverity, string> = { info: 'info', ok: 'ok', warn: 'warning', error: 'error' };

/** Recognised firmware lines, newest first, each a chip with its explanation; a click shows the line. */
export function FirmwareEventList({
  events,
  onSelect,
}: {
  events: readonly SerialFirmwareEvent[];
  onSelect: (seq: number) => void;
}) {
  return (
    <Box
      component="aside"
      aria-label="Firmware events"
      sx={{
        width: 300,
        flex: 'none',
        borderLeft: 1,
        borderColor: 'divider',
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
      }}
    >
      <Typography variant="overline" sx={{ px: 1.5, pt: 1, color: 'text.secondary' }}>
        Firmware events
      </Typography>
      {events.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ px: 1.5 }}>
          Recognised lines (boot, speed tests, WebSocket errors, LED commands) appear here with what they
          mean.
        </Typography>
      ) : (
        <Box sx={{ overflow: 'auto', flex: 1, px: 1, pb: 1 }} data-testid="serial-events">
          {[...events].reverse().map((e) => (
            <Box key={`${e.seq}-${e.kind}-${e.t}`} sx={{ py: 0.75, borderBottom: 1, borderColor: 'divider' }}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Tooltip title={`${word[e.severity]}: ${e.line || e.summary}`}>
                  <Chip
                    size="small"
                    color={color[e.severity]}
                    variant={e.severity === 'info' ? 'outlined' : 'filled'}
                    label={e.summary}
                    onClick={() => onSelect(e.seq)}
                    data-testid="serial-event-chip"
                    data-kind={e.kind}
                    sx={{ maxWidth: 220 }}
                  />
                </Tooltip>
                <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto' }}>
                  {formatTime(e.t).slice(0, 8)}
                </Typography>
              </Box>
              <Typography
                variant="caption"
                component="p"
                color="text.secondary"
                sx={{ mt: 0.5, lineHeight: 1.35 }}
              >
                {e.detail}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
