import { Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { VirtualBadge } from '../connection/BoardSelector';
import { useLinks, useNow } from '../connection/links-context';
import { ProfileDialog } from '../connection/ProfileDialog';
import { InjectGroup } from '../../components/InjectGroup';
import { LedCard } from './LedCard';
import { LinksCard } from './LinksCard';
import { freshness } from '../connection/freshness';
import { TelemetryCards } from './TelemetryCards';

/** LEDs, telemetry cards and link state of the selected board. */
export function DashboardPage() {
  const { state, leds, telemetry } = useLinks();
  const [adding, setAdding] = useState(false);
  const now = useNow(250);
  const board = state?.board;
  const noVirtual = board?.virtual && state?.ws.kind === 'failed';

  if (!state || !board || noVirtual) {
    return (
      <>
        <EmptyState
          title="Start the virtual board or add a real one"
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
          Start the virtual board on the Board page, or add a real board (its address and ports) to watch its
          LEDs and telemetry here.
        </EmptyState>
        {adding && <ProfileDialog open onClose={() => setAdding(false)} />}
      </>
    );
  }

  const connected = state.ws.kind === 'open' || state.ws.kind === 'stale';
  return (
    <Box
      sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5, maxWidth: 1400 }}
      data-testid="dashboard"
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="h6" component="h2">
          {board.name}
        </Typography>
        <Typography color="text.secondary">{board.host}</Typography>
        {board.virtual && <VirtualBadge />}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(260px, 1fr) minmax(300px, 1.3fr)', gap: 1.5 }}>
        <LinksCard state={state} telemetry={telemetry} />
        <LedCard leds={leds} connected={connected} live={state.ws.kind === 'open'} />
      </Box>
      <TelemetryCards telemetry={telemetry} fresh={freshness(state, telemetry)} now={now} />
      {board.virtual && <InjectGroup boardId={board.id} />}
    </Box>
  );
}
