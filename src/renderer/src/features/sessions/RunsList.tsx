import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { RunSummary } from '../../../../shared/bridge/contracts/runs';
import { mono, signal } from '../../ui/theme';
import { formatBytes, formatSpan, formatStart, runLine } from './run-words';

const num = { fontFamily: mono, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** The kept runs, newest first: board, start, length, size, markers; Open and Delete for each. */
export function RunsList({
  runs,
  onOpen,
  onDelete,
}: {
  runs: readonly RunSummary[];
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  const [asked, setAsked] = useState<RunSummary | undefined>();
  return (
    <>
      <Table size="small" stickyHeader aria-label="Kept sessions" data-testid="runs-table">
        <TableHead>
          <TableRow>
            <TableCell>Board</TableCell>
            <TableCell>Started</TableCell>
            <TableCell align="right">Length</TableCell>
            <TableCell align="right">Size</TableCell>
            <TableCell align="right">Markers</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.map((r) => (
            <TableRow
              key={r.id}
              hover
              data-testid="run-row"
              data-run-id={r.id}
              data-live={r.live || undefined}
            >
              <TableCell>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                  <span>{r.boardName}</span>
                  {r.boardKind === 'virtual' && <Chip size="small" variant="outlined" label="virtual" />}
                  {r.live && (
                    <Chip
                      size="small"
                      label="● recording now"
                      sx={{ bgcolor: signal.error, color: '#fff', fontWeight: 600 }}
                    />
                  )}
                  {r.source === 'file' && <Chip size="small" variant="outlined" label="from a file" />}
                </Box>
                {r.note && (
                  <Typography variant="caption" sx={{ display: 'block', color: signal.warn }}>
                    {r.note}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={num}>
                {/* Date over time: the row stays narrow enough for an 800 px window. */}
                <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: 12 }}>
                  {formatStart(r.started).slice(0, 10)}
                </Box>
                {formatStart(r.started).slice(11)}
              </TableCell>
              <TableCell align="right" sx={num}>
                {formatSpan(r.ended - r.started)}
                {r.live && (
                  <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: 12 }}>
                    so far
                  </Box>
                )}
              </TableCell>
              <TableCell align="right" sx={num}>
                {formatBytes(r.bytes)}
              </TableCell>
              <TableCell align="right" sx={num}>
                {r.markers}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button size="small" variant="outlined" onClick={() => onOpen(r.id)}>
                  Open
                </Button>
                <Tooltip
                  title={
                    r.live
                      ? 'Being recorded: it can be deleted once its board is no longer watched'
                      : 'Delete'
                  }
                >
                  <span>
                    <IconButton
                      size="small"
                      aria-label={`Delete the session of ${r.boardName} started ${formatStart(r.started)}`}
                      disabled={r.live}
                      onClick={() => setAsked(r)}
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={asked !== undefined} onClose={() => setAsked(undefined)}>
        <DialogTitle>Delete this session?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {asked ? `${runLine(asked)} · ${formatBytes(asked.bytes)}. ` : ''}
            The file is removed from disk; this cannot be undone.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsked(undefined)}>Keep it</Button>
          <Button
            color="error"
            onClick={() => {
              if (asked) onDelete(asked.id);
              setAsked(undefined);
            }}
          >
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
