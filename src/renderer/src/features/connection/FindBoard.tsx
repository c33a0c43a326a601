import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, Chip, CircularProgress, Typography } from '@mui/material';
import { useState } from 'react';
import type { DiscoveryResult } from '../../../../shared/bridge/contracts/links';
import { profilesStore } from './use-connection-stores';

/**
 * Asks the bench network for the board by its names (lab-web.local over mDNS, lab-web over LLMNR) and offers
 * each address that answered; picking one fills the host field.
 */
export function FindBoard({ onPick }: { onPick: (address: string) => void }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'searching' }
    | { kind: 'done'; result: DiscoveryResult }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });

  const search = async () => {
    setState({ kind: 'searching' });
    const r = await profilesStore.discover();
    setState(r.ok ? { kind: 'done', result: r.value } : { kind: 'error', message: r.error.message });
  };

  const addresses = state.kind === 'done' ? [...new Set(state.result.found.map((f) => f.address))] : [];
  return (
    <Box data-testid="find-board" sx={{ display: 'flex', flexDirection: 'column', gap: 0.75, mb: 1.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Button
          size="small"
          variant="outlined"
          startIcon={state.kind === 'searching' ? <CircularProgress size={14} /> : <SearchIcon />}
          disabled={state.kind === 'searching'}
          onClick={() => void search()}
          data-testid="find-board-button"
        >
          {state.kind === 'searching' ? 'Asking the network…' : 'Find lab-web on the network'}
        </Button>
        {addresses.map((address) => {
          const via = state.kind === 'done' ? state.result.found.filter((f) => f.address === address) : [];
          return (
            <Chip
              key={address}
              size="small"
              color="primary"
              variant="outlined"
              label={`${address} · ${via.map((f) => `${f.via} ${f.name}`).join(', ')}`}
              onClick={() => onPick(address)}
              data-testid="find-board-result"
            />
          );
        })}
      </Box>
      {state.kind === 'done' && (
        <Typography variant="caption" color="text.secondary" data-testid="find-board-words">
          {addresses.length
            ? 'Click an address to use it.'
            : `No board answered lab-web.local (mDNS) or lab-web (LLMNR) within ${(state.result.waitedMs / 1000).toFixed(1)} s. ` +
              'Type its address instead; the firmware’s own is 192.168.0.50.'}
          {state.result.problems.map((p) => ` ${p}`).join('')}
        </Typography>
      )}
      {state.kind === 'error' && (
        <Typography variant="caption" color="error" data-testid="find-board-words">
          {state.message}
        </Typography>
      )}
    </Box>
  );
}
