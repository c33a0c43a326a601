import { Box } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { SerialLine } from '../../../../shared/bridge/contracts/serial';
import { parseAnsi, visibleControls } from '../../../../shared/serial/ansi';
import { mono } from '../../ui/theme';
import { clockTime, formatTime, lineHex } from './serial-scrollback';

/** ANSI colours 0–15, tuned to read on the dark background. */
const ANSI = [
  '#8a8a8a',
  '#EF5350',
  '#66BB6A',
  '#FFD54F',
  '#42A5F5',
  '#CE93D8',
  '#4DD0E1',
  '#E0E0E0',
  '#9E9E9E',
  '#FF8A80',
  '#B9F6CA',
  '#FFFF8D',
  '#82B1FF',
  '#EA80FC',
  '#84FFFF',
  '#FFFFFF',
];
const ROW = 18;

/** How the terminal shows lines. */
export interface TerminalOptions {
  readonly hex: boolean;
  readonly wrap: boolean;
  readonly timestamps: boolean;
  /** Case-insensitive search text; matches are highlighted. */
  readonly query: string;
  /** Sequence number of the current search match, scrolled to and outlined. */
  readonly activeSeq: number | undefined;
}

/** The virtualized terminal: 10,000 lines stay smooth because only the visible rows exist in the DOM. */
export function TerminalView({ lines, options }: { lines: readonly SerialLine[]; options: TerminalOptions }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is meant to re-render its host
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW,
    overscan: 20,
    getItemKey: (i) => lines[i]!.seq,
  });

  // Follow the newest line unless the user scrolled up to read.
  useLayoutEffect(() => {
    if (follow.current && lines.length > 0 && options.activeSeq === undefined)
      virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines, virtualizer, options.activeSeq]);

  useEffect(() => {
    if (options.activeSeq === undefined) return;
    const i = lines.findIndex((l) => l.seq === options.activeSeq);
    if (i >= 0) {
      follow.current = false;
      virtualizer.scrollToIndex(i, { align: 'center' });
    }
  }, [options.activeSeq, lines, virtualizer]);

  // Row heights change with wrap/hex/time: measure again, then stay at the bottom when following.
  const count = lines.length;
  useEffect(() => {
    virtualizer.measure();
    if (follow.current && count > 0)
      requestAnimationFrame(() => virtualizer.scrollToIndex(count - 1, { align: 'end' }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the display options change
  }, [options.wrap, options.hex, options.timestamps, virtualizer]);

  const onScroll = () => {
    const el = parentRef.current;
    if (el) follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
  };

  return (
    <Box
      ref={parentRef}
      onScroll={onScroll}
      data-testid="serial-terminal"
      role="log"
      aria-label="Serial output"
      tabIndex={0}
      sx={{
        flex: 1,
        minHeight: 0,
        overflow: 'auto',
        bgcolor: '#0b0d0f',
        fontFamily: mono,
        fontSize: 12.5,
        lineHeight: `${ROW}px`,
        py: 0.5,
      }}
    >
      <Box
        sx={{
          height: virtualizer.getTotalSize(),
          position: 'relative',
          minWidth: '100%',
          width: options.wrap ? '100%' : 'max-content',
        }}
      >
        {virtualizer.getVirtualItems().map((item) => (
          <Box
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            sx={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${item.start}px)`,
            }}
          >
            <Row line={lines[item.index]!} options={options} />
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** Where the console's source changed: "— /dev/pts/4 opened at 14:30:01 —", the earlier lines above it. */
function Separator({ line }: { line: SerialLine }) {
  return (
    <Box
      data-testid="serial-separator"
      data-mark={line.mark}
      role="separator"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1.5, color: '#90a4ae', userSelect: 'none' }}
    >
      <Box sx={{ flex: 1, borderTop: '1px dashed rgba(144,164,174,0.5)' }} />
      <span>
        — {line.text} at {clockTime(line.t)} —
      </span>
      <Box sx={{ flex: 1, borderTop: '1px dashed rgba(144,164,174,0.5)' }} />
    </Box>
  );
}

const Row = memo(function Row({ line, options }: { line: SerialLine; options: TerminalOptions }) {
  if (line.mark) return <Separator line={line} />;
  const active = options.activeSeq === line.seq;
  return (
    <Box
      data-testid="serial-line"
      sx={{
        display: 'flex',
        gap: 1.5,
        px: 1.5,
        whiteSpace: options.wrap ? 'pre-wrap' : 'pre',
        wordBreak: options.wrap ? 'break-all' : 'normal',
        bgcolor: active ? 'rgba(79,195,247,0.18)' : line.hex ? 'rgba(255,179,0,0.06)' : undefined,
        '&:hover': { bgcolor: active ? undefined : 'rgba(255,255,255,0.04)' },
      }}
    >
      {options.timestamps && (
        <Box component="span" sx={{ color: '#6c7a83', flex: 'none', userSelect: 'none' }}>
          {formatTime(line.t)}
        </Box>
      )}
      <Box component="span" sx={{ minWidth: 0, color: '#d6dde2' }}>
        {/* Tags first, so they stay in view when a long line runs off to the right. */}
        {line.overlong && <Tag title="Part of a line longer than the maximum, cut into pieces">cut</Tag>}
        {line.hex && !options.hex && (
          <Tag title="Bytes that are not valid UTF-8 (wrong baud rate?): use the hex view">bad bytes</Tag>
        )}
        {options.hex ? (
          highlight(lineHex(line), options.query)
        ) : (
          <Ansi text={line.text} query={options.query} />
        )}
      </Box>
    </Box>
  );
});

function Ansi({ text, query }: { text: string; query: string }) {
  return (
    <>
      {parseAnsi(text).map((s, i) => (
        <span
          key={i}
          style={{ color: s.fg !== undefined ? ANSI[s.fg] : undefined, fontWeight: s.bold ? 700 : undefined }}
        >
          {highlight(visibleControls(s.text), query)}
        </span>
      ))}
    </>
  );
}

function Tag({ children, title }: { children: ReactNode; title: string }) {
  return (
    <Box
      component="span"
      title={title}
      sx={{
        mr: 1,
        px: 0.5,
        borderRadius: 0.5,
        fontSize: 10.5,
        color: '#FFB300',
        border: '1px solid rgba(255,179,0,0.5)',
        userSelect: 'none',
      }}
    >
      {children}
    </Box>
  );
}

/** Wraps each case-insensitive occurrence of `query` in a <mark>. */
function highlight(text: string, query: string): ReactNode {
  if (!query) return text;
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, i + q.length)) {
    parts.push(
      text.slice(from, i),
      <mark key={i} style={{ background: '#FFD600', color: '#000' }}>
        {text.slice(i, i + q.length)}
      </mark>,
    );
    from = i + q.length;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(from));
  return parts;
}
