import { Alert } from '@mui/material';
import type { LinksState } from '../../../../shared/bridge/contracts/links';
import type { PoolFeedState } from '../../../../shared/bridge/contracts/memory';

/** Where the live figures come from, or plainly that the shown board has none. */
export function PoolStateBanner({ pools, board }: { pools?: PoolFeedState; board: LinksState['board'] }) {
  if (!board) return null;
  const name = board.name;
  const sizes = "The map and pool sizes below are the firmware's build, not figures read from the board.";
  if (!pools || pools.kind === 'none') {
    const why = !pools
      ? `Waiting for the pool state of ${name}…`
      : board.virtual
        ? `No live pool figures: ${pools.reason}`
        : `${board.name} does not report its pools (it sends no pool-status message, docs/pool-status.md): no live figures.`;
    return (
      <Alert severity="info" variant="outlined" data-testid="pools-state" data-state="none" sx={{ py: 0 }}>
        {why} {sizes}
      </Alert>
    );
  }
  const last = new Date(pools.at).toLocaleTimeString('en-GB', { hour12: false });
  return (
    <Alert
      severity={pools.kind === 'stale' ? 'warning' : 'success'}
      variant="outlined"
      data-testid="pools-state"
      data-state={pools.kind}
      sx={{ py: 0 }}
    >
      {pools.kind === 'stale'
        ? `Pool figures from ${board.virtual ? name : `board “${name}”`} are old: its last pool-status arrived at ${last}.`
        : `Live pools from ${board.virtual ? name : `board “${name}”`}.`}
      {pools.skipped.length > 0 && ` Skipped: ${pools.skipped.join('; ')}.`}
    </Alert>
  );
}
