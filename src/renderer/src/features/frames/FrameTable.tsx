import { Box } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { FrameRow } from '../../../../shared/frames/types';
import { mono, signal } from '../../ui/theme';
import { clockTime, connectionName, rsvBits } from './format';

const ROW_H = 22;
const HEADER_H = 24;
/** Below this width the table scrolls sideways (the hex dump widens the detail pane). */
const TABLE_MIN_WIDTH = 888;
/** seq, time, dir, connection, FIN, RSV, opcode, mask, length, header, preview: at 1280 px beside the detail pane,
 *  the meaning keeps its 160 px without scrolling sideways. */
export const COLUMNS = '56px 100px 48px 124px 36px 40px 72px 72px 52px 128px minmax(160px, 1fr)';

/** Direction in words and colour: ↑ tx (app → board) blue, ↓ rx (board → app) green. */
export function DirMark({ dir }: { dir: FrameRow['dir'] }) {
  if (!dir)
    return (
      <Box component="span" sx={{ color: 'text.disabled' }}>
        —
      </Box>
    );
  return (
    <Box component="span" sx={{ color: dir === 'tx' ? signal.tx : signal.rx, fontWeight: 600 }}>
      {dir === 'tx' ? '↑ tx' : '↓ rx'}
    </Box>
  );
}

const Row = memo(function Row({
  row,
  selected,
  top,
  onSelect,
  notes,
  boardName,
}: {
  boardName: string;
  row: FrameRow;
  selected: boolean;
  top: number;
  onSelect: (seq: number) => void;
  notes: number;
}) {
  const isFrame = row.kind === 'frame';
  const warn = notes > 0 || row.kind === 'decode-error';
  // Plain elements with classes from the table's one stylesheet: per-row sx would make a CSS class per position.
  return (
    <div
      role="row"
      aria-selected={selected}
      data-seq={row.seq}
      data-dir={row.dir ?? 'none'}
      data-kind={row.kind}
      className="fr"
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(row.seq)}
    >
      <span className="c n">{row.seq}</span>
      <span className="c">{clockTime(row.t)}</span>
      <span className="c d">{row.dir === 'tx' ? '↑ tx' : row.dir === 'rx' ? '↓ rx' : '—'}</span>
      {/* A long board name gives way, never the link's number. */}
      <span className="c cn" data-testid="frame-connection" title={connectionName(boardName, row.link)}>
        <span className="bn">{boardName}</span>
        {row.link > 0 && <span className="ln">{` · link ${row.link}`}</span>}
      </span>
      <span className={`c m${isFrame && !row.fin ? ' w' : ''}`}>{isFrame ? (row.fin ? '1' : '0') : ''}</span>
      <span className={`c m${row.rsv ? ' w' : ' s'}`}>{rsvBits(row)}</span>
      <span className={`c${row.kind === 'decode-error' ? ' e' : isFrame ? '' : ' s'}`}>{row.opName}</span>
      <span className="c m s">{isFrame ? (row.masked ? row.maskKey : 'none') : ''}</span>
      <span className="c n">{row.kind === 'event' ? '' : row.length}</span>
      <span className="c m s">{row.header}</span>
      <span className="c" title={warn ? row.notes.join('\n') : undefined}>
        {warn && <span className="warn">⚠ </span>}
        {row.preview}
      </span>
    </div>
  );
});

const HEADINGS = [
  '#',
  'Time',
  'Dir',
  'Connection',
  'FIN',
  'RSV',
  'Opcode',
  'Mask key',
  'Len',
  'Header',
  'Meaning',
];

/** Column headings, sticky inside the scroller so they scroll sideways with the rows. */
const TableHeader = memo(function TableHeader() {
  return (
    <div role="row" className="fh">
      {HEADINGS.map((h, i) => (
        <span key={h} role="columnheader" className={i === 0 || i === 8 ? 'c n' : 'c'}>
          {h}
        </span>
      ))}
    </div>
  );
});

/** The one stylesheet of the table, on a wrapper that does not re-render while scrolling. */
export const tableSx = {
  flex: 1,
  minWidth: 0,
  minHeight: 0,
  display: 'flex',
  '& .frames-scroller': {
    flex: 1,
    minWidth: 0,
    overflow: 'auto',
    position: 'relative',
    fontVariantNumeric: 'tabular-nums',
    '&:focus-visible': { outlineOffset: -2 },
  },
  '& .fh': {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    height: HEADER_H,
    minWidth: TABLE_MIN_WIDTH,
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    fontSize: 11,
    fontWeight: 600,
    color: 'text.secondary',
    bgcolor: 'background.default',
    borderBottom: 1,
    borderColor: 'divider',
    pl: '3px',
  },
  '& .fr': {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: ROW_H,
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    fontSize: 12,
    cursor: 'default',
    borderLeft: '3px solid transparent',
    contain: 'strict',
  },
  '& .fr[data-kind="http"], & .fr[data-kind="event"], & .fr[data-kind="decode-error"]': {
    bgcolor: 'rgba(255,255,255,0.035)',
  },
  '& .fr:hover': { bgcolor: 'rgba(255,255,255,0.06)' },
  '& .fr[aria-selected="true"]': { bgcolor: 'rgba(79,195,247,0.22)' },
  '& .fr[data-dir="tx"]': { borderLeftColor: signal.tx },
  '& .fr[data-dir="rx"]': { borderLeftColor: signal.rx },
  '& .fr[data-dir="tx"] .d': { color: signal.tx, fontWeight: 600 },
  '& .fr[data-dir="rx"] .d': { color: signal.rx, fontWeight: 600 },
  '& .c': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', px: 0.75 },
  '& .n': { textAlign: 'right' },
  '& .cn': { display: 'flex' },
  '& .cn .bn': { overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 },
  '& .cn .ln': { flexShrink: 0, whiteSpace: 'pre' },
  '& .m': { fontFamily: mono },
  '& .s': { color: 'text.secondary' },
  '& .w, & .warn': { color: signal.warn, fontWeight: 600 },
  '& .e': { color: signal.error },
} as const;

/** The virtualized table: a fixed row height, only the visible rows in the DOM, following the tail while at the bottom. */
export function FrameTable({
  rows,
  version,
  selected,
  onSelect,
  onOpen,
  boardName,
}: {
  /** The shown board's name: every row is of its link. */
  boardName: string;
  rows: readonly FrameRow[];
  version: number;
  selected: number | undefined;
  onSelect: (seq: number) => void;
  onOpen: () => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  // TanStack Virtual returns fresh functions each render; the compiler skipping this component is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 6,
    // The column header sticks inside the scroller (so both scroll sideways together); rows start below it.
    paddingStart: HEADER_H,
    scrollPaddingStart: HEADER_H,
  });

  // Scrolls by writing scrollTop from known row offsets: virtualizer.scrollToIndex reads the scroll height (a forced
  // layout) on every try, which cost more than the render itself after a filter change.
  const toBottom = () => {
    if (scrollRef.current) scrollRef.current.scrollTop = virtualizer.getTotalSize();
  };
  const toCenter = (index: number) => {
    const el = scrollRef.current;
    const h = virtualizer.scrollRect?.height ?? 400;
    if (el) el.scrollTop = Math.max(0, HEADER_H + index * ROW_H - h / 2);
  };
  useEffect(() => {
    if (stick.current && rows.length) toBottom();
    // New rows (version) while following the tail; scrolling itself must not pull the view back down.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows.length, version]);

  // A new filter keeps the selected row in sight (or follows the tail).
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  useEffect(() => {
    const at = selectedRef.current === undefined ? -1 : indexOf(rows, selectedRef.current);
    if (at >= 0) {
      stick.current = false;
      toCenter(at);
    } else if (rows.length) {
      stick.current = true;
      toBottom();
    }
    // Only a new row set (a filter, a pause) re-aims; appended rows are handled by the effect above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows]);

  const move = (delta: number) => {
    if (!rows.length) return;
    // The ref, not the prop: two keys pressed before a render must both count.
    const cur = selectedRef.current;
    const found = cur === undefined ? -1 : indexOf(rows, cur);
    const at = found >= 0 ? found : delta > 0 ? -1 : rows.length;
    const next = Math.max(0, Math.min(rows.length - 1, at + delta));
    selectedRef.current = rows[next]!.seq;
    onSelect(rows[next]!.seq);
    stick.current = next === rows.length - 1;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 220) / ROW_H) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      PageDown: () => move(page),
      PageUp: () => move(-page),
      Home: () => move(-rows.length),
      End: () => move(rows.length),
      Enter: onOpen,
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };

  // Plain elements only: this renders on every scroll step, and styles come from the wrapper's one stylesheet.
  return (
    <div
      ref={scrollRef}
      className="frames-scroller"
      role="grid"
      aria-label="WebSocket frames"
      aria-rowcount={rows.length}
      tabIndex={0}
      data-testid="frames-table"
      onKeyDown={onKey}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_H;
      }}
    >
      <TableHeader />
      <div
        style={{
          height: virtualizer.getTotalSize() - HEADER_H,
          position: 'relative',
          minWidth: TABLE_MIN_WIDTH,
        }}
      >
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          return (
            <Row
              key={row.seq}
              row={row}
              top={v.start - HEADER_H}
              selected={row.seq === selected}
              onSelect={onSelect}
              notes={row.notes.length}
              boardName={boardName}
            />
          );
        })}
      </div>
    </div>
  );
}

/** Binary search by seq (rows are sorted). */
export function indexOf(rows: readonly FrameRow[], seq: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = rows[mid]!.seq;
    if (s === seq) return mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
