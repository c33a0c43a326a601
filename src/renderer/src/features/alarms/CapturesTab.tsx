import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import FolderIcon from '@mui/icons-material/FolderOpenOutlined';
import {
  Alert,
  Box,
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import type { AlarmCapture } from '../../../../shared/bridge/contracts/alarms';
import { formatBytes } from '../../../../shared/format/bytes';
import { offerDownload } from '../../bridge/downloads';
import { EmptyState } from '../../components/EmptyState';
import { mono } from '../../ui/theme';
import { useBoardProfiles } from '../connection/links-context';
import { lasted, when } from './alarm-words';
import type { Say } from './alarm-words';
import { alarms } from './use-alarms';

const num = { fontFamily: mono, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
const STATE = {
  writing: { label: 'writing…', color: 'info' },
  done: { label: 'saved', color: 'success' },
  failed: { label: 'failed', color: 'error' },
} as const;

/** The capture bundles saved around alarms, newest first: their window, files, and a zip or the folder. */
export function CapturesTab({
  captures,
  error,
  say,
}: {
  captures: readonly AlarmCapture[];
  /** Why the bundles could not be listed, if they could not. */
  error: string | undefined;
  say: Say;
}) {
  const profiles = useBoardProfiles();
  const boardName = (id: string) => profiles?.profiles.find((p) => p.id === id)?.name ?? id;
  const open = async (c: AlarmCapture) => {
    if (alarms.canShowFolder) return say(await alarms.showCapture(c.id));
    const r = await alarms.captureZip(c.id);
    if (!r.ok) return say(`The bundle could not be zipped: ${r.error.message}`);
    offerDownload(r.value.download);
  };
  if (error && captures.length === 0)
    return (
      <Alert severity="warning" sx={{ m: 2 }} data-testid="captures-error">
        The bench did not list its capture bundles: {error}
      </Alert>
    );
  if (captures.length === 0)
    return (
      <EmptyState title="No capture bundles yet">
        A rule with "Save the evidence around the moment" writes one when it raises an alarm: the telemetry
        CSV, the frames as pcapng, the serial lines, the pools and a chart of the seconds around it.
      </EmptyState>
    );
  return (
    <Box sx={{ height: '100%', overflow: 'auto' }}>
      <Table size="small" stickyHeader aria-label="Capture bundles" data-testid="captures-table">
        <TableHead>
          <TableRow>
            <TableCell>Raised</TableCell>
            <TableCell>Board</TableCell>
            <TableCell>Rule</TableCell>
            <TableCell>Window saved</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Files</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {captures.map((c) => {
            const bytes = c.files.reduce((n, f) => n + f.bytes, 0);
            return (
              <TableRow key={c.id} hover data-testid="capture-row" data-state={c.state}>
                <TableCell sx={num}>{when(c.t)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{boardName(c.boardId)}</TableCell>
                <TableCell>
                  {c.ruleName}
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    sx={{ display: 'block', fontFamily: mono }}
                  >
                    {c.folder}
                  </Typography>
                </TableCell>
                <TableCell sx={num}>
                  {lasted(c.t - c.fromT)} before, {lasted(c.toT - c.t)} after
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    variant="outlined"
                    color={STATE[c.state].color}
                    label={STATE[c.state].label}
                  />
                  {c.note && (
                    <Typography variant="caption" color="error" sx={{ display: 'block' }}>
                      {c.note}
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={num}>
                  <Tooltip
                    title={
                      c.files.map((f) => `${f.name} (${formatBytes(f.bytes)})`).join(', ') || 'No file yet'
                    }
                  >
                    <span>
                      {c.files.length} file{c.files.length === 1 ? '' : 's'} · {formatBytes(bytes)}
                    </span>
                  </Tooltip>
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Button
                    size="small"
                    variant="outlined"
                    startIcon={alarms.canShowFolder ? <FolderIcon /> : <DownloadIcon />}
                    disabled={c.state === 'writing' || c.files.length === 0}
                    onClick={() => void open(c)}
                    data-testid="capture-open"
                  >
                    {alarms.canShowFolder ? 'Show folder' : 'Download zip'}
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
