import { Box, Typography } from '@mui/material';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useBoxSize } from '../../ui/use-box-size';
import type { RunMarker } from '../../../../shared/bridge/contracts/runs';
import { fieldUnit, firmwareField, type FieldUnits } from '../../../../shared/telemetry/fields';
import type { DrawnSeries } from '../telemetry/chart-layers';
import { AXIS_W, ChartFrame, RIGHT_PAD } from '../telemetry/ChartFrame';
import { formatSample, formatTime, seriesColor } from '../telemetry/format';
import { LiveView } from '../telemetry/live-view';
import { valueAxis } from '../telemetry/value-axis';
import { mono } from '../../ui/theme';
import { COMPARED, placeNotes, rowAt, type ReviewView } from './chart-data';
import { difference, type Window } from './review-time';

/** The compared run's lines: one colour for all, dashed look by a lighter tone, so they never pass for the run's. */
const COMPARE_COLOR = '#FF8A65';
const CURSOR_COLOR = '#FFFFFF';
const MARKER_COLOR = '#CE93D8';
/** A press that moves less than this is a click (the cursor), more is a zoom selection. */
const CLICK_PX = 4;
/** Marker notes: 11 px monospace, one row each, at most this many characters. */
const NOTE_CHAR_PX = 6.8;
const NOTE_ROW_PX = 15;
const NOTE_CHARS = 40;

interface Props {
  readonly view: ReviewView | undefined;
  readonly units: FieldUnits;
  readonly cursor: number;
  readonly markers: readonly RunMarker[];
  readonly compared: boolean;
  /** Moves the cursor (a click, or dragging the cursor line). */
  readonly onCursor: (t: number) => void;
  /** A click on a chart point: show the frames and serial lines of that second. */
  readonly onPoint: (t: number) => void;
  /** Zoom: a dragged selection, or the wheel (factor < 1 in) around a time. */
  readonly onZoomTo: (w: Window) => void;
  readonly onWheelZoom: (at: number, factor: number) => void;
}

/**
 * A reviewed run's charts, one per series (the compared run's same series on the same chart and axis), drawn by
 * the live page's ChartFrame. Over them: the time cursor, the markers with their notes, and a hover box with both
 * runs' values and their difference.
 */
export function ReviewCharts(p: Props) {
  const { view, units, cursor } = p;
  const [box, size] = useBoxSize();
  // A store per answer, holding it from the start: set after the render instead, it had the series layer draw the
  // new axes with the old rows first, then again with the new ones.
  const live = useMemo(() => {
    const l = new LiveView();
    l.set(view, undefined);
    return l;
  }, [view]);

  const own = useMemo(() => (view ? view.series.filter((s) => !s.endsWith(COMPARED)) : []), [view]);
  const chartW = Math.max(200, size.width);
  const leftW = AXIS_W;
  const rightW = p.compared ? AXIS_W : 0;
  const plotW = Math.max(1, chartW - leftW - rightW - RIGHT_PAD);
  const chartH = Math.max(72, Math.floor(size.height / Math.max(1, own.length)) - 2);
  const fromT = view?.fromT ?? 0;
  const span = (view?.toT ?? 1) - fromT || 1;
  const xOf = (t: number) => leftW + ((t - fromT) / span) * plotW;
  const timeAt = useCallback(
    (clientX: number) => {
      const r = box.current?.getBoundingClientRect();
      if (!r) return fromT;
      const f = Math.min(1, Math.max(0, (clientX - r.left - leftW) / plotW));
      return fromT + f * span;
    },
    [box, fromT, span, leftW, plotW],
  );

  const groups = useMemo(() => {
    if (!view) return [];
    return own.map((name) => {
      const i = view.series.indexOf(name);
      const j = view.series.indexOf(name + COMPARED);
      const sa = view.stats[i];
      const sb = j >= 0 ? view.stats[j] : undefined;
      const lo = Math.min(sa?.min ?? Infinity, sb?.min ?? Infinity);
      const hi = Math.max(sa?.max ?? -Infinity, sb?.max ?? -Infinity);
      // One axis for both runs: the difference is read against the same scale.
      const axis = Number.isFinite(lo)
        ? valueAxis(lo, hi, firmwareField(name)?.type === 'integer')
        : valueAxis(0, 1);
      const drawn: DrawnSeries[] = [{ name, i, color: seriesColor(i), axis }];
      if (j >= 0) drawn.push({ name: name + COMPARED, i: j, color: COMPARE_COLOR, axis });
      return drawn;
    });
  }, [view, own]);
  const unitOf = useCallback((name: string) => fieldUnit(name.replace(COMPARED, ''), units), [units]);

  // Press: on the cursor line it drags the cursor (scrub); elsewhere a short press is a click, a longer drag zooms.
  const press = useRef<{ x: number; t: number; scrub: boolean } | undefined>(undefined);
  const [sel, setSel] = useState<{ a: number; b: number } | undefined>();
  const [hover, setHover] = useState<{ t: number; x: number } | undefined>();
  const onDown = (e: MouseEvent) => {
    if (e.button !== 0 || !view) return;
    const r = box.current!.getBoundingClientRect();
    const scrub = Math.abs(e.clientX - r.left - xOf(cursor)) <= 6;
    press.current = { x: e.clientX, t: timeAt(e.clientX), scrub };
    e.preventDefault();
  };
  const onMove = (e: MouseEvent) => {
    const t = timeAt(e.clientX);
    const r = box.current!.getBoundingClientRect();
    setHover({ t, x: e.clientX - r.left });
    const pr = press.current;
    if (!pr) return;
    if (pr.scrub) p.onCursor(t);
    else if (Math.abs(e.clientX - pr.x) > CLICK_PX) setSel({ a: pr.t, b: t });
  };
  const onUp = (e: MouseEvent) => {
    const pr = press.current;
    press.current = undefined;
    setSel(undefined);
    if (!pr) return;
    const t = timeAt(e.clientX);
    if (pr.scrub) p.onCursor(t);
    else if (Math.abs(e.clientX - pr.x) > CLICK_PX)
      p.onZoomTo({ fromT: Math.min(pr.t, t), toT: Math.max(pr.t, t) });
    else {
      p.onCursor(t);
      p.onPoint(t);
    }
  };
  // The wheel zooms around the pointer; a non-passive listener, so the page does not scroll as well.
  const wheel = useRef(p.onWheelZoom);
  useLayoutEffect(() => {
    wheel.current = p.onWheelZoom;
  });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const on = (e: WheelEvent) => {
      e.preventDefault();
      wheel.current(timeAt(e.clientX), e.deltaY > 0 ? 1.25 : 0.8);
    };
    el.addEventListener('wheel', on, { passive: false });
    return () => el.removeEventListener('wheel', on);
  }, [box, timeAt]);

  const inView = (t: number) => view !== undefined && t >= view.fromT && t <= view.toT;
  // Each marker's note, in rows so none covers another (a long one cut short; its line's tooltip has it whole).
  const shownMarkers = p.markers.filter((m) => inView(m.t));
  const texts = shownMarkers.map((m) => {
    const t = `⚑ ${m.note || m.kind}`;
    return t.length > NOTE_CHARS ? `${t.slice(0, NOTE_CHARS - 1)}…` : t;
  });
  const places = placeNotes(
    shownMarkers.map((m, k) => ({ x: xOf(m.t), width: texts[k]!.length * NOTE_CHAR_PX + 8 })),
    leftW + plotW,
    // Short charts (a small window) keep most of their height for the lines.
    chartH < 120 ? 2 : 4,
  );
  const notes = shownMarkers.map((m, k) => ({ m, text: texts[k]!, place: places[k]! }));
  const hovered = view && hover ? rowAt(view, hover.t) : undefined;
  return (
    <Box
      ref={box}
      data-testid="review-charts"
      data-from={view?.fromT}
      data-to={view?.toT}
      // The time axis, for the PNG export's marker lines (png-export.ts).
      data-axis-from={fromT}
      data-axis-to={fromT + span}
      data-plot-left={leftW}
      data-plot-width={plotW}
      sx={{
        position: 'relative',
        flex: 1,
        minHeight: 0,
        overflow: 'hidden',
        cursor: 'crosshair',
        userSelect: 'none',
      }}
      onMouseDown={onDown}
      onMouseMove={onMove}
      onMouseUp={onUp}
      onMouseLeave={() => {
        setHover(undefined);
        press.current = undefined;
        setSel(undefined);
      }}
      title="Click a point: its second's frames and serial lines · drag: zoom · wheel: zoom · drag the white line: scrub"
    >
      {view &&
        groups.map((series, k) => (
          <div key={series[0]!.name} style={{ position: 'relative' }} data-testid="review-chart">
            <ChartFrame
              width={chartW}
              height={chartH}
              fromT={view.fromT}
              toT={view.toT}
              lead={0}
              plotW={plotW}
              series={series}
              overlaid
              unitOf={unitOf}
              leftW={leftW}
              first={k === 0}
              last={k === groups.length - 1}
              marks={view.marks}
              sel={sel}
              live={live}
              axisLabels={!p.compared}
            />
          </div>
        ))}
      {view && (
        <Box sx={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
          {notes.map(({ m, text, place }) => (
            <Box
              key={`${m.t}-${m.note}`}
              data-testid="chart-marker"
              title={`${formatTime(m.t)} · ${m.note || m.kind}`}
              sx={{
                position: 'absolute',
                top: 0,
                bottom: 0,
                left: xOf(m.t),
                borderLeft: `1px dashed ${MARKER_COLOR}`,
              }}
            >
              {place.row !== undefined && (
                <Typography
                  component="span"
                  sx={{
                    position: 'absolute',
                    bottom: 24 + place.row * NOTE_ROW_PX,
                    ...(place.leftward ? { right: 3 } : { left: 3 }),
                    fontSize: 11,
                    lineHeight: `${NOTE_ROW_PX - 1}px`,
                    fontFamily: mono,
                    color: MARKER_COLOR,
                    whiteSpace: 'nowrap',
                    bgcolor: 'rgba(16,18,20,0.85)',
                    px: 0.5,
                  }}
                >
                  {text}
                </Typography>
              )}
            </Box>
          ))}
          {inView(cursor) && (
            <Box
              data-testid="review-cursor"
              data-t={cursor}
              sx={{
                position: 'absolute',
                top: 0,
                bottom: 0,
                left: xOf(cursor) - 1,
                width: 2,
                bgcolor: CURSOR_COLOR,
                opacity: 0.85,
              }}
            />
          )}
        </Box>
      )}
      {hovered && hover && (
        <Box
          data-testid="review-hover"
          sx={{
            position: 'absolute',
            top: 20,
            ...(hover.x > chartW / 2 ? { right: chartW - hover.x + 14 } : { left: hover.x + 14 }),
            zIndex: 2,
            pointerEvents: 'none',
            bgcolor: '#171a1d',
            border: '1px solid #3a4048',
            fontFamily: mono,
            fontSize: 12,
            p: 1,
            fontVariantNumeric: 'tabular-nums',
          }}
        >
          <div>
            {formatTime(hovered.t)}
            {p.compared ? ' · Δ = compared − this run' : ''}
          </div>
          {groups.map(([a, b]) => {
            const va = hovered.values[a!.i];
            const vb = b ? hovered.values[b.i] : undefined;
            const d = difference(va, vb);
            const unit = unitOf(a!.name);
            return (
              <div key={a!.name} style={{ color: a!.color }}>
                {a!.name}: {formatSample(a!.name, va)}
                {unit ? ` ${unit}` : ''}
                {b && (
                  <>
                    <span style={{ color: COMPARE_COLOR }}> · compared {formatSample(a!.name, vb)}</span>
                    <span style={{ color: '#e0e0e0' }}>
                      {' '}
                      · Δ {d === undefined ? '—' : `${d >= 0 ? '+' : ''}${Number(d.toPrecision(6))}`}
                    </span>
                  </>
                )}
              </div>
            );
          })}
        </Box>
      )}
    </Box>
  );
}
