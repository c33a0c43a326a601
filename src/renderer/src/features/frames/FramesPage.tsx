import ShowChartIcon from '@mui/icons-material/ShowChart';
import { useFocusRequest, useNavigation } from '../../ui/navigation';
import { Alert, Box, Button, Snackbar, useMediaQuery } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { FrameFilter } from '../../../../shared/frames/types';
import { fail } from '../../../../shared/result';
import { EmptyState } from '../../components/EmptyState';
import { PauseButton } from '../../components/PauseButton';
import { ShownBoard, useShownBoard } from '../connection/ShownBoard';
import { Composer } from './Composer';
import { DetailPane } from './DetailPane';
import { ExportMenu } from './ExportMenu';
import { FilterBar } from './FilterBar';
import { FrameTable, tableSx } from './FrameTable';
import { count } from './format';
import { useBoardFrames } from './use-frames';

/** Every WebSocket frame on the shown board's link, both directions, as bytes and as meaning. */
export function FramesPage() {
  const board = useShownBoard();
  const boardId = board?.id;
  // The shown board's log only: another board's rows are in another store, which this page does not read.
  const { frames, store, view } = useBoardFrames(boardId);
  const [filter, setFilter] = useState<FrameFilter>({});
  const [search, setSearch] = useState('');
  // A row picked on one board means nothing on another (each board numbers its own rows).
  const [picked, setPicked] = useState<{ boardId: string | undefined; seq: number }>();
  const selected = picked && picked.boardId === boardId ? picked.seq : undefined;
  const setSelected = useCallback(
    (seq: number | undefined) => setPicked(seq === undefined ? undefined : { boardId, seq }),
    [boardId],
  );
  const [focusDetail, setFocusDetail] = useState(0);
  const [wideDetail, setWideDetail] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const { goTo } = useNavigation();
  // A point on a telemetry chart opens the frame that carried it (once the capture has rows to look in).
  useFocusRequest('frames', (t) => {
    if (view.rows.length === 0) return false;
    const row = store.nearestTelemetry(t);
    if (row) setSelected(row.seq);
  });

  // Opcode chips mean "only frames with these opcodes". A chip applies at once, in the same render as the chip
  // itself; the search waits for a pause in typing.
  const changeFilter = useCallback(
    (f: FrameFilter) => {
      setFilter(f);
      frames.updateFilter({
        dirs: f.dirs,
        opcodes: f.opcodes,
        msgTypes: f.msgTypes,
        regex: f.regex,
        kinds: f.opcodes?.length ? ['frame'] : undefined,
      });
    },
    [frames],
  );
  useEffect(() => {
    const t = setTimeout(() => frames.updateFilter({ search }), search ? 120 : 0);
    return () => clearTimeout(t);
  }, [frames, search]);
  useEffect(() => setError(view.loadError), [view.loadError]);
  const loadDetail = useCallback(
    (seq: number) =>
      boardId === undefined
        ? Promise.resolve(fail('NOT_FOUND', 'No board is selected: choose one in the app bar.'))
        : frames.detail(boardId, seq),
    [frames, boardId],
  );

  const focusTable = useCallback(
    () => document.querySelector<HTMLElement>('[data-testid="frames-table"]')?.focus(),
    [],
  );
  const filtered = Boolean(
    search || filter.dirs?.length || filter.opcodes?.length || filter.msgTypes?.length,
  );
  const selectedRow = selected === undefined ? undefined : store.row(selected);
  // In a narrow window the table needs the width for its Meaning column: the detail pane opens with a selected row.
  const narrow = useMediaQuery('(max-width: 999px)');
  const showDetail = !narrow || selected !== undefined;
  const { stats } = view;

  const title = <ShownBoard page="Frames" dense />;
  if (view.total === 0 && stats.dropped === 0 && !filtered) {
    return (
      <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
        <Box sx={{ px: 1.5, py: 0.75, borderBottom: 1, borderColor: 'divider' }}>{title}</Box>
        <Box sx={{ flex: 1 }}>
          <EmptyState title="No frames captured yet">
            Every WebSocket frame between the app and the board appears here, both directions, as bytes and as
            meaning: the HTTP upgrade, each led-status and telemetry message, your LED commands, pings and
            closes. Connect a board with the selector in the app bar (or start a virtual board on the Board
            page); the capture runs even while this page is closed.
          </EmptyState>
        </Box>
        <Composer requests={frames.composer} />
      </Box>
    );
  }

  return (
    <Box
      sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}
      data-testid="frames-page"
    >
      <Box
        sx={{
          display: 'flex',
          alignItems: 'flex-start',
          gap: 1,
          px: 1,
          py: 0.75,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <FilterBar
            filter={filter}
            onChange={changeFilter}
            types={view.types}
            error={view.filterError}
            search={search}
            onSearch={setSearch}
          />
        </Box>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, flexShrink: 0 }}>
          <PauseButton
            paused={view.paused}
            onClick={() => frames.setPaused(!view.paused)}
            testId="frames-pause"
          />
          <Button
            size="small"
            variant="outlined"
            onClick={() => {
              setSelected(undefined);
              if (boardId !== undefined) void frames.clear(boardId).then((e) => e && setError(e));
            }}
          >
            Clear
          </Button>
          <ExportMenu
            run={(format, seqs) =>
              boardId === undefined
                ? Promise.resolve(fail('NOT_FOUND', 'No board is selected: choose one in the app bar.'))
                : frames.exportLog(boardId, format, seqs)
            }
            shownSeqs={() => view.rows.map((r) => r.seq)}
            filtered={filtered}
            onError={setError}
          />
        </Box>
      </Box>
      <Box
        sx={{
          display: 'flex',
          gap: 2,
          px: 1.5,
          py: 0.25,
          fontSize: 12,
          color: 'text.secondary',
          borderBottom: 1,
          borderColor: 'divider',
          fontVariantNumeric: 'tabular-nums',
          alignItems: 'center',
          flexWrap: 'wrap',
        }}
      >
        {title}
        <span data-testid="frames-count" data-filter-ms={view.filterMs.toFixed(1)}>
          {filtered
            ? `${count(view.rows.length)} of ${count(view.total)} rows match`
            : `${count(view.total)} rows`}
        </span>
        {view.paused && (
          <Box component="span" sx={{ color: 'warning.main' }} data-testid="frames-paused">
            paused — {count(view.newSincePause)} new frames (capture continues)
          </Box>
        )}
        <span>
          {stats.dropped
            ? `${count(stats.dropped)} oldest dropped (this board's log holds ${count(stats.capacity)})`
            : '0 dropped'}
        </span>
        <Box sx={{ flex: 1 }} />
        <span>{(stats.bytes / 1024).toFixed(0)} KiB of payload held</span>
      </Box>
      <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
        {view.rows.length === 0 ? (
          <Box sx={{ flex: 1, display: 'grid', placeItems: 'center', color: 'text.secondary', fontSize: 13 }}>
            No rows match the filter.
          </Box>
        ) : (
          <Box sx={tableSx}>
            <FrameTable
              boardName={board?.name ?? ''}
              rows={view.rows}
              version={view.version}
              selected={selected}
              onSelect={setSelected}
              onOpen={() => setFocusDetail((n) => n + 1)}
            />
          </Box>
        )}
        <Box
          sx={{
            display: showDetail ? 'flex' : 'none',
            width: wideDetail ? 580 : 300,
            flexShrink: 0,
            borderLeft: 1,
            borderColor: 'divider',
            minHeight: 0,
            flexDirection: 'column',
          }}
        >
          {selectedRow?.msgType === 'telemetry' && (
            <Button
              size="small"
              startIcon={<ShowChartIcon />}
              onClick={() => goTo('telemetry', selectedRow.t)}
              data-testid="frame-show-on-chart"
              sx={{ m: 1, mb: 0 }}
            >
              Show on the telemetry chart
            </Button>
          )}
          <Box sx={{ flex: 1, minHeight: 0 }}>
            <DetailPane
              boardName={board?.name ?? ''}
              load={loadDetail}
              seq={selected}
              notes={selectedRow?.notes.length ?? 0}
              focusKey={focusDetail}
              onLeave={focusTable}
              onWide={setWideDetail}
            />
          </Box>
        </Box>
      </Box>
      <Composer requests={frames.composer} />
      <Snackbar open={error !== undefined} autoHideDuration={8000} onClose={() => setError(undefined)}>
        <Alert severity="error" onClose={() => setError(undefined)}>
          {error}
        </Alert>
      </Snackbar>
    </Box>
  );
}
