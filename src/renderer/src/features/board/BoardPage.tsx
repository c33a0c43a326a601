import { Box, Typography } from '@mui/material';
import { useState } from 'react';
import { api } from '../../bridge';
import { InjectGroup } from '../../components/InjectGroup';
import { BoardHeader } from './BoardHeader';
import { BoardLedsCard } from './BoardLedsCard';
import { BoardSettings, defaultSettings, type BoardSettingsValue } from './BoardSettings';
import { EndpointsCard } from './EndpointsCard';
import { NotSelectedNote } from './NotSelectedNote';
import { OledCard } from './OledCard';
import { SerialLogCard } from './SerialLogCard';
import { StoppedView, type StartChoice } from './StoppedView';
import { useDrivenVirtualBoard, useVirtualBoard } from './use-virtual-board';

/**
 * A virtual board (the one shown, or the first one while a real board is): start and stop it, its endpoints,
 * LEDs, OLED, serial log and faults.
 */
export function BoardPage() {
  const driven = useDrivenVirtualBoard();
  const vb = useVirtualBoard(driven.id);
  const boardId = driven.id;
  const [choice, setChoice] = useState<StartChoice>({ ...defaultSettings, wsPort: '', tickScale: 1 });
  const [stopping, setStopping] = useState(false);
  const board = vb.status?.kind === 'running' ? vb.status.board : undefined;

  if (!board) {
    return (
      <StoppedView
        name={driven.name}
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

  const settings: BoardSettingsValue = {
    profile: board.profile,
    telemetryMs: board.telemetryMs,
    serial: board.serial,
  };
  const stop = async () => {
    setStopping(true);
    // Remember the running settings for the next start.
    setChoice((c) => ({ ...c, ...settings, tickScale: board.tickScale }));
    await vb.run(() => api.invoke('vboard:stop', { boardId }));
    setStopping(false);
  };
  return (
    <Box
      sx={{
        p: 2,
        display: 'flex',
        flexDirection: 'column',
        gap: 1.5,
        minHeight: '100%',
        boxSizing: 'border-box',
      }}
      data-testid="board-page"
      data-board-id={boardId}
      data-telemetry-ms={board.telemetryMs}
      data-profile={board.profile}
      data-serial={board.serial}
    >
      <NotSelectedNote name={driven.name} />
      <BoardHeader name={driven.name} board={board} stopping={stopping} onStop={() => void stop()} />
      <BoardSettings
        value={settings}
        onChange={(patch) => void vb.run(() => api.invoke('vboard:configure', { ...patch, boardId }))}
      />
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
          gridTemplateColumns: { xs: '1fr', md: '480px minmax(0, 1fr)', xl: '580px minmax(0, 1fr)' },
          minHeight: 0,
        }}
      >
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, minWidth: 0 }}>
          <OledCard oled={board.oled} />
          <BoardLedsCard
            board={board}
            onGpio={(led, on) => void vb.run(() => api.invoke('vboard:set-gpio', { boardId, led, on }))}
          />
          <InjectGroup boardId={boardId} />
        </Box>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, minWidth: 0 }}>
          <EndpointsCard board={board} />
          <SerialLogCard uart={vb.uart} logs={vb.logs} />
        </Box>
      </Box>
    </Box>
  );
}
