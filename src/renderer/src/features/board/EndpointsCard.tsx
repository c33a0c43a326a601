import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Box, Button, Card, CardContent, LinearProgress, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { VirtualBoardView } from '../../../../shared/bridge/contracts/board';
import { mono } from '../../ui/theme';
import { CopyButton } from './CopyButton';

const GB = 1e9;
const gb = (bytes: number) => `${(bytes / GB).toFixed(bytes < 10 * GB ? 2 : 1)} GB`;

function Endpoint({
  name,
  url,
  id,
  extra,
  booting,
}: {
  name: string;
  url: string | undefined;
  id: string;
  extra?: ReactNode;
  booting?: boolean;
}) {
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: '44px minmax(0, 1fr) auto',
        alignItems: 'center',
        columnGap: 1,
        minHeight: 30,
      }}
    >
      <Typography variant="caption" color="text.secondary">
        {name}
      </Typography>
      {url ? (
        <Typography sx={{ fontFamily: mono, fontSize: 13 }} noWrap title={url} data-testid={`endpoint-${id}`}>
          {url}
        </Typography>
      ) : (
        <Typography variant="caption" color="text.disabled" data-testid={`endpoint-${id}`}>
          {booting ? 'listens once the boot completes' : 'not served by this virtual board'}
        </Typography>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        {extra}
        {url && <CopyButton text={url} what={`${name} address`} testId={`copy-${id}`} />}
      </Box>
    </Box>
  );
}

function Figure({ label, children, tip }: { label: string; children: ReactNode; tip?: string }) {
  const body = (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div" noWrap>
        {label}
      </Typography>
      <Typography variant="body2" component="div" noWrap>
        {children}
      </Typography>
    </Box>
  );
  return tip ? <Tooltip title={tip}>{body}</Tooltip> : body;
}

/** Where the virtual board listens, who is connected, and its WS packet pool and eMMC. */
export function EndpointsCard({ board }: { board: VirtualBoardView }) {
  const wsPort = /:(\d+)$/.exec(board.ws)?.[1];
  // During the first boot no server listens yet, so there is no address to show.
  const booting = board.phase === 'booting';
  const clients = board.clients.length;
  const emmc = board.emmc;
  const usedPct = emmc && emmc.capacityBytes > 0 ? (100 * emmc.usedBytes) / emmc.capacityBytes : 0;
  return (
    <Card variant="outlined">
      <CardContent sx={{ p: 1.5, pb: '12px !important' }}>
        <Typography variant="overline" color="text.secondary">
          Endpoints · loopback only
        </Typography>
        <Endpoint name="WS" url={board.ws} id="ws" booting={booting} />
        <Endpoint
          name="HTTP"
          url={board.http}
          id="http"
          booting={booting}
          extra={
            board.http &&
            wsPort && (
              <Button
                size="small"
                variant="text"
                href={`${board.http}/?ws=${wsPort}`}
                target="_blank"
                rel="noopener"
                endIcon={<OpenInNewIcon fontSize="inherit" />}
                sx={{ textTransform: 'none', px: 0.5, py: 0 }}
                data-testid="open-web-page"
              >
                Open the board&apos;s web page
              </Button>
            )
          }
        />
        <Endpoint name="FTP" url={board.ftp} id="ftp" booting={booting} />

        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 1, mt: 1 }}>
          <Figure
            label="WS clients"
            tip={
              board.clients
                .map(
                  (c) =>
                    `#${c.id} ${c.remote} since ${new Date(c.since).toLocaleTimeString('en-GB', { hour12: false })}`,
                )
                .join('\n') || 'No client connected'
            }
          >
            <span data-testid="ws-clients">{clients} connected</span>
          </Figure>
          <Figure
            label="Held connections"
            tip="The firmware serves one WebSocket client at a time; further connections are held without an answer until it leaves (up to 4)."
          >
            <span data-testid="ws-pending">
              {board.profile === 'firmware' ? `${board.pendingClients} waiting` : 'none (compliant)'}
              {board.profile === 'firmware' && (
                <Typography component="span" variant="caption" color="text.secondary">
                  {' '}
                  (single-client firmware)
                </Typography>
              )}
            </span>
          </Figure>
          <Figure label="HTTP sessions" tip="NetX serves one or two HTTP requests at a time; others queue.">
            {board.httpSessions
              ? `${board.httpSessions.active}/${board.httpSessions.max} active · ${board.httpSessions.queued} queued`
              : '—'}
          </Figure>
          <Figure
            label="WS packet pool"
            tip="Free / total 1024-byte packets of the WS Server Packet Pool; high-water is the most ever in use; failures are sends dropped for want of a packet."
          >
            <span data-testid="ws-pool">
              {board.pool.free}/{board.pool.total} free · hw {board.pool.highWater}
            </span>
          </Figure>
          <Figure label="Pool failures">
            <Box component="span" sx={{ color: board.pool.failures > 0 ? 'warning.main' : undefined }}>
              {board.pool.failures}
            </Box>
          </Figure>
          <Figure label="FTP clients">
            {board.ftpClients !== undefined ? `${board.ftpClients} of 4` : '—'}
          </Figure>
        </Box>

        {emmc && (
          <Box sx={{ mt: 1.25 }} data-testid="emmc">
            <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
              <Typography variant="caption" color="text.secondary">
                eMMC
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {gb(emmc.usedBytes)} used · {gb(Math.max(0, emmc.capacityBytes - emmc.usedBytes))} free of{' '}
                {gb(emmc.capacityBytes)}
              </Typography>
            </Box>
            <LinearProgress
              variant="determinate"
              value={Math.min(100, usedPct)}
              aria-label="eMMC space used"
              sx={{ height: 6, borderRadius: 3, mt: 0.5 }}
            />
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
