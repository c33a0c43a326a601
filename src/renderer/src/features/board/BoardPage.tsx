import { Box, Typography } from '@mui/material';
import { useState } from 'react';
import { api } from '../../bridge';
import { InjectGroup } from '../../components/InjectGroup';
import { BoardHeader } from './BoardHeader';
import { BoardLedsCard } from './BoardLedsCard';
import { BoardSettings, defaultSettings, type BoardSettingsValue } from './BoardSettings';
import { EndpointsCard } from './EndpointsCard';
import { OledCard } from './OledCard';
import { SerialLogCard } from './SerialLogCard';
import { StoppedView, type StartChoice } from './StoppedView';
import { useVirtualBoard } from './use-virtual-board';

/** The virtual board: start and stop it, its endpoints, LEDs, OLED, serial log and faults. */
export function BoardPage() {
  const vb = useVirtualBoard();
  const [choice, setChoice] = useState<StartChoice>({ ...defaultSettings, wsPort: '', tickScale: 1 });
  const [stopping, setStopping] = useState(false);
  const board = vb.status?.kind === 'running' ? vb.status.board : undefined;

  if (!board) {
    return (
      <StoppedView
        choice={choice}
        onChoice={(patch) => setChoice((c) => ({ ...c, ...patch }))}
        starting={vb.starting}
        error={vb.error}
        loading={vb.status === undefined && !vb.error}
        onStart={() =>
          void vb.start({
            profile: choice.profile,
            telemetryMs: choice.telemetryMs,
            serial: choice.serial,
            tickScale: choice.tickScale,
            ...(choice.wsPort.trim() === '' ? {} : { wsPort: Number(choice.wsPort) }),
          })
        }
      />
    );
  }

  const settings: BoardSettingsValue = { profile: board.profile, telemetryMs: board.telemetryMs, serial: board.serial };
  const stop = async () => {
    setStopping(true);
    // Remember the running settings for the next start.
    setChoice((c) => ({ ...c, ...settings, tickScale: board.tickScale }));
    await vb.run(() => api.invoke('vboard:stop', {}));
    setStopping(false);
  };
  return (
    <Box
      sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5, minHeight: '100%', boxSizing: 'border-box' }}
      data-testid="board-page"
      data-telemetry-ms={board.telemetryMs}
      data-profile={board.profile}
    >
      <BoardHeader board={board} stopping={stopping} onStop={() => void stop()} />
      <BoardSettings value={settings} onChange={(patch) => void vb.run(() => api.invoke('vboard:configure', patch))} />
      {vb.error && (
        <Typography variant="body2" color="error" role="alert" data-testid="vboard-error">
          {vb.error}
        </Typography>
      )}
      <Box
        sx={{
          flex: 1,
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: { xs: '1fr', md: 'minmax(440px, 5fr) minmax(0, 7fr)' },
          gridTemplateRows: 'auto auto minmax(260px, 1fr)',
          minHeight: 0,
        }}
      >
        <Box sx={{ gridColumn: { md: 1 }, gridRow: { md: 1 } }}>
          <OledCard oled={board.oled} />
        </Box>
        <Box sx={{ gridColumn: { md: 1 }, gridRow: { md: 2 } }}>
          <BoardLedsCard board={board} onGpio={(led, on) => void vb.run(() => api.invoke('vboard:set-gpio', { led, on }))} />
        </Box>
        <Box sx={{ gridColumn: { md: 1 }, gridRow: { md: 3 } }}>
          <InjectGroup />
        </Box>
        <Box sx={{ gridColumn: { md: 2 }, gridRow: { md: '1 / 3' } }}>
          <EndpointsCard board={board} />
        </Box>
        <Box sx={{ gridColumn: { md: 2 }, gridRow: { md: 3 }, minHeight: 260, display: 'flex', flexDirection: 'column' }}>
          <SerialLogCard uart={vb.uart} logs={vb.logs} />
        </Box>
      </Box>
    </Box>
  );
}
