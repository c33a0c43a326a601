import { Alert, Box, Typography } from '@mui/material';
import { useMemo, useState, type ReactNode } from 'react';
import type { PoolFeedState } from '../../../../shared/bridge/contracts/memory';
import type { MemoryConfig } from '../../../../shared/memory/config';
import { computeUsage, type MemoryUsage } from '../../../../shared/memory/usage';
import { EmptyState } from '../../components/EmptyState';
import { ShownBoard, useShownBoard } from '../connection/ShownBoard';
import { kindColor, warnColor } from './colors';
import { ImportPanel } from './ImportPanel';
import { MpuTable, ThreadsTable } from './LayoutTables';
import { modelRows } from './map-rows';
import { PoolGauges } from './PoolGauges';
import { PoolStateBanner } from './PoolStateBanner';
import { RegionMap } from './RegionMap';
import { useMemory } from './use-memory';
import { WhatIfPanel } from './WhatIfPanel';

function Card({
  title,
  extra,
  children,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box
      component="section"
      aria-label={title}
      data-testid={testId}
      sx={{
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'background.paper',
        p: 1.25,
        minWidth: 0,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, mb: 1 }}>
        <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700 }}>
          {title}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {extra}
      </Box>
      {children}
    </Box>
  );
}

function Legend() {
  const items: Array<[string, string]> = [
    ['packet pool', kindColor['packet-pool']],
    ['byte pool', kindColor['byte-pool']],
    ['buffer', kindColor.buffer],
    ['DMA risk', warnColor],
  ];
  return (
    <Box sx={{ display: 'flex', gap: 1.5 }}>
      {items.map(([label, color]) => (
        <Typography
          key={label}
          variant="caption"
          color="text.secondary"
          sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
        >
          <Box
            component="span"
            aria-hidden
            sx={{ width: 10, height: 10, bgcolor: color, borderRadius: 0.25, display: 'inline-block' }}
          />
          {label}
        </Typography>
      ))}
    </Box>
  );
}

function Warnings({ usage }: { usage: MemoryUsage }) {
  if (usage.warnings.length === 0) return null;
  return (
    <Box data-testid="memory-warnings" sx={{ display: 'grid', gap: 0.5 }}>
      {usage.warnings.map((w) => (
        <Alert
          key={w.subject + w.text}
          severity={w.severity}
          variant="outlined"
          sx={{ py: 0, fontSize: 12.5 }}
        >
          {w.text}
        </Alert>
      ))}
    </Box>
  );
}

/** True when `pools` describes the board `boardId`. */
function poolsOf(pools: PoolFeedState, boardId: string): boolean {
  return pools.source.kind !== 'none' && pools.source.id === boardId;
}

/** Memory regions, pools and their live use; a what-if; a user's own build. */
export function MemoryPage() {
  const { model, error, pools: anyPools, history: anyHistory } = useMemory();
  const board = useShownBoard();
  // Only the shown board's pools, never another board's (a state in flight during a switch).
  const mine = anyPools && board && poolsOf(anyPools, board.id) ? anyPools : undefined;
  const pools = mine && mine.kind !== 'none' ? mine : undefined;
  const history = pools ? anyHistory : [];
  const [config, setConfig] = useState<MemoryConfig>({});
  // What the virtual board's pools follow (changes with "apply"); the pool cards describe the board, not the what-if.
  const [applied, setApplied] = useState<MemoryUsage>();
  const whatIf = useMemo(() => {
    if (!model) return undefined;
    try {
      return computeUsage(model.layout, config);
    } catch {
      return model.usage;
    }
  }, [model, config]);

  if (error) return <EmptyState title="Memory model unavailable">{error}</EmptyState>;
  if (!model || !whatIf) return <EmptyState title="Loading the memory model…" />;
  const modified = Object.keys(config).length > 0;

  return (
    <Box sx={{ p: 1.5, display: 'grid', gap: 1.25, maxWidth: 1800 }}>
      <ShownBoard page="Memory" />
      <PoolStateBanner pools={mine} board={board} />
      <Warnings usage={whatIf} />
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 400px' },
          gap: 1.25,
          alignItems: 'start',
        }}
      >
        <Card
          title={modified ? 'Region map · what-if' : 'Region map · firmware as built'}
          extra={<Legend />}
          testId="region-map-card"
        >
          <RegionMap rows={modelRows(whatIf)} />
        </Card>
        <Card title="What if" testId="what-if-card">
          <WhatIfPanel
            layout={model.layout}
            config={config}
            onChange={setConfig}
            asBuilt={model.usage}
            whatIf={whatIf}
            onApplied={setApplied}
          />
        </Card>
      </Box>
      <Card
        title={
          pools
            ? `Pools · ${pools.kind === 'stale' ? 'last reported by' : 'live from'} ${board?.name ?? 'the board'}`
            : 'Pools · firmware as built (no live figures)'
        }
        testId="pools-card"
        extra={
          <Typography variant="caption" color="text.secondary">
            white tick = high-water
          </Typography>
        }
      >
        <PoolGauges
          layout={model.layout}
          // A what-if applied resizes the virtual board's pools only; any other board is shown as the firmware built it.
          usage={board?.virtual ? (applied ?? model.applied) : model.usage}
          pools={pools}
          history={history}
        />
      </Card>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' },
          gap: 1.25,
          alignItems: 'start',
        }}
      >
        <Card title="Threads">
          <ThreadsTable layout={model.layout} />
        </Card>
        <Card title="MPU regions">
          <MpuTable layout={model.layout} />
        </Card>
      </Box>
      <Card title="Import a build">
        <ImportPanel />
      </Card>
    </Box>
  );
}
