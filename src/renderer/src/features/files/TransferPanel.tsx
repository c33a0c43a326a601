import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/ArrowDownward';
import UploadIcon from '@mui/icons-material/ArrowUpward';
import { Box, Button, IconButton, LinearProgress, Tooltip, Typography } from '@mui/material';
import type { TransferItem, TransfersSnapshot } from '../../../../shared/bridge/contracts/files';
import { signal } from '../../ui/theme';
import { VirtualBadge } from '../connection/BoardSelector';
import { filesStore } from './files-store';
import { formatBytes, formatDuration } from './format';
import { transferTotals } from './transfer-words';

const stateColour: Record<TransferItem['state'], string> = {
  queued: signal.info,
  'waiting-conflict': signal.warn,
  running: '#4FC3F7',
  done: signal.ok,
  skipped: signal.info,
  cancelled: signal.info,
  failed: signal.error,
};

const stateWord: Record<TransferItem['state'], string> = {
  queued: 'queued',
  'waiting-conflict': 'asking',
  running: 'running',
  done: 'done',
  skipped: 'skipped',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** The transfer queue: total progress, speed and time left on top, then one row per file. */
export function TransferPanel({ t }: { t: TransfersSnapshot | undefined }) {
  const items = t?.items ?? [];
  const pct = t && t.totalBytes > 0 ? (100 * t.doneBytes) / t.totalBytes : 0;
  // Running first, then queued in order, then finished with the newest on top.
  const ordered = [...items].sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? b.id - a.id : a.id - b.id));
  return (
    <Box
      data-testid="transfer-panel"
      sx={{
        borderTop: 1,
        borderColor: 'divider',
        display: 'flex',
        flexDirection: 'column',
        height: 190,
        minHeight: 0,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 1.5, py: 0.5 }}>
        <Typography variant="subtitle2" sx={{ whiteSpace: 'nowrap' }}>
          Transfers
        </Typography>
        <Box sx={{ flex: 1, minWidth: 120 }}>
          <LinearProgress
            variant="determinate"
            value={pct}
            aria-label="Total progress"
            sx={{ height: 6, borderRadius: 3, bgcolor: 'rgba(255,255,255,0.08)' }}
          />
        </Box>
        <Typography
          variant="caption"
          data-testid="transfer-total"
          sx={{ whiteSpace: 'nowrap', color: 'text.secondary' }}
        >
          {transferTotals(t)}
          {t?.active &&
            (t.speed > 0
              ? ` · ${formatBytes(Math.round(t.speed))}/s · ${formatDuration(t.etaSeconds)} left`
              : ' · estimating…')}
        </Typography>
        <Button size="small" disabled={!t?.active} onClick={() => void filesStore.cancel()}>
          Cancel all
        </Button>
        <Button
          size="small"
          disabled={!items.some((i) => rank(i) === 2)}
          onClick={() => void filesStore.clearFinished()}
        >
          Clear finished
        </Button>
      </Box>
      <Box sx={{ flex: 1, overflow: 'auto', px: 1.5, pb: 0.5 }}>
        {items.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
            Drop files or folders on the list to upload them to the folder shown; select files and press
            Download to save them.
          </Typography>
        )}
        {ordered.map((i) => (
          <Box
            key={i.id}
            data-testid="transfer-row"
            data-state={i.state}
            sx={{
              display: 'grid',
              gridTemplateColumns:
                '20px minmax(120px, 1.3fr) minmax(90px, 0.6fr) 70px minmax(90px, 1fr) 150px 28px',
              alignItems: 'center',
              gap: 1,
              py: 0.15,
            }}
          >
            {i.direction === 'upload' ? (
              <UploadIcon fontSize="small" sx={{ color: signal.tx }} titleAccess="upload" />
            ) : (
              <DownloadIcon fontSize="small" sx={{ color: signal.rx }} titleAccess="download" />
            )}
            <Typography variant="body2" noWrap title={i.remote}>
              {i.name}
            </Typography>
            <Box
              data-testid="transfer-board"
              sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}
              title={i.board ? `On the eMMC of ${i.board.name}` : undefined}
            >
              <Typography variant="caption" noWrap color="text.secondary">
                {i.board?.name ?? '—'}
              </Typography>
              {i.board?.virtual && <VirtualBadge />}
            </Box>
            <Typography variant="caption" sx={{ color: stateColour[i.state] }}>
              {stateWord[i.state]}
            </Typography>
            {i.message && i.state !== 'running' ? (
              <Tooltip title={i.message}>
                <Typography
                  variant="caption"
                  noWrap
                  color={i.state === 'failed' ? 'error' : 'text.secondary'}
                  data-testid="transfer-message"
                >
                  {i.message}
                </Typography>
              </Tooltip>
            ) : (
              <LinearProgress
                variant="determinate"
                value={i.size ? Math.min(100, (100 * i.bytes) / i.size) : i.state === 'done' ? 100 : 0}
                aria-label={`${i.name} progress`}
                sx={{ bgcolor: 'rgba(255,255,255,0.08)' }}
              />
            )}
            <Typography variant="caption" noWrap color="text.secondary" sx={{ textAlign: 'right' }}>
              {formatBytes(i.bytes)} / {formatBytes(i.size)}
              {i.speed ? ` · ${formatBytes(Math.round(i.speed))}/s` : ''}
            </Typography>
            {rank(i) < 2 ? (
              <IconButton
                size="small"
                aria-label={`Cancel ${i.name}`}
                onClick={() => void filesStore.cancel(i.id)}
              >
                <CloseIcon fontSize="small" />
              </IconButton>
            ) : (
              <span />
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** Running and asking first, then queued, then finished. */
function rank(i: TransferItem): number {
  return i.state === 'running' || i.state === 'waiting-conflict' ? 0 : i.state === 'queued' ? 1 : 2;
}
