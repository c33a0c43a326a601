import { Alert } from '@mui/material';
import type { PoolFeedState } from '../../../../shared/bridge/contracts/memory';
import { useLinks } from '../connection/links-context';

/** Where the live figures come from, or plainly that there are none. */
export function PoolStateBanner({ pools }: { pools?: PoolFeedState }) {
  const { profiles } = useLinks();
  if (!pools) return null;
  const sourceName = (s: PoolFeedState['source']) => {
    if (s.kind === 'virtual') return 'the virtual board';
    const name = profiles?.profiles.find((p) => p.id === s.id)?.name;
    return `board “${name ?? s.id}”`;
  };
  if (pools.kind === 'none') {
    return (
      <Alert severity="info" variant="outlined" data-testid="pools-state" data-state="none" sx={{ py: 0 }}>
        This board does not report its pools; the map below is the firmware&apos;s static layout.{' '}
        {pools.source.kind === 'virtual'
          ? pools.reason
          : 'Boards that send a pool-status message (docs/pool-status.md) show live gauges here.'}
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
        ? `Pool figures from ${sourceName(pools.source)} are old: its last pool-status arrived at ${last}.`
        : `Live pools from ${sourceName(pools.source)}.`}
      {pools.skipped.length > 0 && ` Skipped: ${pools.skipped.join('; ')}.`}
    </Alert>
  );
}
