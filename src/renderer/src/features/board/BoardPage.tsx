import { Box, Typography } from '@mui/material';
import { useState } from 'react';
import { InjectGroup } from '../../components/InjectGroup';
import { BoardHeader } from './BoardHeader';
import { BoardLedsCard } from './BoardLedsCard';
import { BoardSettings, defaultSettings, type BoardSettingsValue } from './BoardSettings';
import { EndpointsCard } from './EndpointsCard';
import { useShownBoard, ShownBoard } from '../connection/ShownBoard';
import { OledCard } from './OledCard';
import { RealBoardView } from './RealBoardView';
import { SerialLogCard } from './SerialLogCard';
import { StoppedView, type StartChoice } from './StoppedView';
import { useVirtualBoard, virtualBoards } from './use-virtual-board';

/**
 * The focused board: a virtual one is driven here (start and stop it, its endpoints, LEDs, OLED, serial log and
 * faults); for a real one the page says what it offers and where that board's data is.
 */
export function BoardPage() {
  const shown = useShownBoard();
  if (!shown) {
    return (
      <Box sx={{ p: 2 }} data-testid="board-page">
        <ShownBoard page="Board" />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Choose a board in the board selector.
        </Typography>
      </Box>
    );
  }
  if (!shown.virtual) return <RealBoardView name={shown.name} host={shown.host} />;
  // Keyed by board: another board's page starts from nothing, never with the state of the one left.
  return <VirtualBoardPage key={shown.id} boardId={shown.id} name={shown.name} />;
}

function VirtualBoardPage({ boardId, name }: { boardId: string; name: string }) {
  const vb = useVirtualBoard(boardId);
  const [choice, setChoice] = useState<StartChoice>({ ...defaultSettings, wsPort: '', tickScale: 1 });
  const [stopping, setStopping] = useState(false);
  const board = vb.status?.kind === 'running' ? vb.status.board : undefined;

  if (!board) {
    return (
      <StoppedView
        name={name}
        choice={choice}
        onChoice={(patch) => setChoice((c) => ({ ...c, ...patch }))}
        starting={vb.starting}
        error={vb.error}
        loading={vb.status === undefined && !vb.error}
        onStart={() =>
          void virtualBoards.start(boardId, {
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
    await virtualBoards.stop(boardId);
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
      <BoardHeader board={board} stopping={stopping} onStop={() => void stop()} />
      <BoardSettings value={settings} onChange={(patch) => void virtualBoards.configure(boardId, patch)} />
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
          <BoardLedsCard board={board} onGpio={(led, on) => void virtualBoards.setGpio(boardId, led, on)} />
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
