import { Box, Button } from '@mui/material';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useLinks, useNow } from '../connection/links-context';
import { ShownBoard } from '../connection/ShownBoard';
import { ProfileDialog } from '../connection/ProfileDialog';
import { InjectGroup } from '../../components/InjectGroup';
import { LedCard } from './LedCard';
import { LinksCard } from './LinksCard';
import { freshness } from '../connection/freshness';
import { TelemetryCards } from './TelemetryCards';

/** LEDs, telemetry cards and link state of the focused board, and only of that board (the links store's view). */
export function DashboardPage() {
  const { state, leds, telemetry, lost } = useLinks();
  const [adding, setAdding] = useState(false);
  const now = useNow(250);
  const board = state?.board;
  const noVirtual = board?.virtual && state?.ws.kind === 'failed';

  if (!state || !board || noVirtual) {
    return (
      <>
        <EmptyState
          title="Start a virtual board or add a real one"
          action={
            <Button
              variant="contained"
              sx={{ textTransform: 'none' }}
              onClick={() => setAdding(true)}
              data-testid="dashboard-add-board"
            >
              Add real board…
            </Button>
          }
        >
          {noVirtual ? `${state.ws.kind === 'failed' ? state.ws.reason : ''} ` : ''}
          Start a virtual board on the Board page (the board selector chooses which), or add a real board (its
          address and ports) to watch its LEDs and telemetry here.
        </EmptyState>
        {adding && <ProfileDialog open onClose={() => setAdding(false)} />}
      </>
    );
  }

  // While the core is lost its wires read stale; nothing can be sent then, so the LEDs are not "connected".
  const connected = !lost && (state.ws.kind === 'open' || state.ws.kind === 'stale');
  const fresh = freshness(state, telemetry, lost);
  return (
    <Box
      sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5, maxWidth: 1400 }}
      data-testid="dashboard"
    >
      <ShownBoard page="Dashboard" />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(260px, 1fr) minmax(300px, 1.3fr)', gap: 1.5 }}>
        <LinksCard state={state} telemetry={telemetry} fresh={fresh} />
        <LedCard
          key={board.id}
          boardId={board.id}
          leds={leds}
          connected={connected}
          live={!lost && state.ws.kind === 'open'}
          lostCore={Boolean(lost)}
        />
      </Box>
      <TelemetryCards telemetry={telemetry} fresh={fresh} now={now} />
      {board.virtual && <InjectGroup boardId={board.id} />}
    </Box>
  );
}
