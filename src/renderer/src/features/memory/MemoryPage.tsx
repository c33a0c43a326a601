import { Alert, Box, Button, Typography } from '@mui/material';
import { useCallback, useMemo, type ReactNode } from 'react';
import { computeUsage, type MemoryUsage } from '../../../../shared/memory/usage';
import { EmptyState } from '../../components/EmptyState';
import { ShownBoard, useShownBoard } from '../connection/ShownBoard';
import { kindColor, warnColor } from './colors';
import { ImportPanel } from './ImportPanel';
import { MpuTable, ThreadsTable } from './LayoutTables';
import { importRows, modelRows } from './map-rows';
import { PoolGauges } from './PoolGauges';
import { PoolStateBanner } from './PoolStateBanner';
import { RegionMap } from './RegionMap';
import { useBoardMemory } from './use-memory';
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

type Board = NonNullable<ReturnType<typeof useShownBoard>>;

/** Memory regions, pools and their live use; a what-if; a user's own build: all of the focused board. */
export function MemoryPage() {
  const board = useShownBoard();
  return (
    <Box sx={{ p: 1.5, display: 'grid', gap: 1.25, maxWidth: 1800, minWidth: 0 }} data-testid="memory-page">
      <ShownBoard page="Memory" />
      {board ? (
        // Keyed by board: nothing of one board's page survives into another's.
        <BoardMemoryView key={board.id} board={board} />
      ) : (
        <EmptyState title="No board is shown">Choose a board in the app bar to see its memory.</EmptyState>
      )}
    </Box>
  );
}

function BoardMemoryView({ board }: { board: Board }) {
  const { data, store } = useBoardMemory(board.id);
  const { model, config, build } = data;
  const whatIf = useMemo(() => {
    if (!model) return undefined;
    try {
      return computeUsage(model.layout, config);
    } catch {
      return model.usage;
    }
  }, [model, config]);
  // Worked out once per import and drawn by memoised components: pool events come 4 times a second, and redrawing
  // a big build's map and table on each kept the page busy for good.
  const buildRows = useMemo(() => (build ? importRows(build) : undefined), [build]);
  const onPick = useCallback(
    (kind: 'linkerScript' | 'mapFile', file: File) => void store.pick(board.id, kind, file),
    [store, board.id],
  );

  if (data.error && !model) return <EmptyState title="Memory model unavailable">{data.error}</EmptyState>;
  if (!model || !whatIf) return <EmptyState title="Loading the memory model…" />;
  const pools = data.pools && data.pools.kind !== 'none' ? data.pools : undefined;
  const modified = Object.keys(config).length > 0;
  const buildFiles = [data.files.linkerScript?.name, data.files.mapFile?.name].filter(Boolean).join(' + ');

  return (
    <>
      <PoolStateBanner pools={data.pools} board={board} />
      <Warnings usage={whatIf} />
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 400px' },
          gap: 1.25,
          alignItems: 'start',
        }}
      >
        <Card
          title={
            build
              ? `Region map · your build (${buildFiles})`
              : modified
                ? 'Region map · what-if'
                : 'Region map · firmware as built'
          }
          extra={build ? undefined : <Legend />}
          testId="region-map-card"
        >
          {buildRows ? (
            <Box sx={{ display: 'grid', gap: 1 }}>
              <RegionMap rows={buildRows} />
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Typography variant="caption" color="text.secondary" sx={{ flex: 1, minWidth: 200 }}>
                  The regions and sections of the build you imported. The what-if works on the firmware&apos;s
                  own layout: show it again to see a what-if here.
                </Typography>
                <Button size="small" onClick={() => store.clearImport(board.id)} data-testid="clear-import">
                  Show the firmware&apos;s layout
                </Button>
              </Box>
            </Box>
          ) : (
            <RegionMap rows={modelRows(whatIf)} />
          )}
        </Card>
        <Card title="What if" testId="what-if-card">
          <WhatIfPanel
            board={board}
            layout={model.layout}
            asBuilt={model.usage}
            whatIf={whatIf}
            data={data}
            onChange={(c) => store.setConfig(board.id, c)}
            onApply={() => void store.apply(board.id)}
            onReset={() => store.reset(board.id)}
          />
        </Card>
      </Box>
      <Card
        title={
          pools
            ? `Pools · ${pools.kind === 'stale' ? 'last reported by' : 'live from'} ${board.name}`
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
          // What this board's pools follow: a what-if applied to a virtual board resizes them; a real board's are built in.
          usage={data.applied ?? model.applied}
          pools={pools}
          history={pools ? data.history : []}
        />
      </Card>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', xl: 'minmax(0, 1fr) minmax(0, 1fr)' },
          gap: 1.25,
          alignItems: 'start',
        }}
      >
        <Card title="Threads" testId="threads-card">
          <ThreadsTable layout={model.layout} />
        </Card>
        <Card title="MPU regions" testId="mpu-card">
          <MpuTable layout={model.layout} />
        </Card>
      </Box>
      <Card title="Import a build">
        <ImportPanel files={data.files} build={build} error={data.importError} onPick={onPick} />
      </Card>
    </>
  );
}
