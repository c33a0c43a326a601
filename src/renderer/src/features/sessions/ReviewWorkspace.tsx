import HistoryIcon from '@mui/icons-material/History';
import { Alert, Box, Button, Snackbar, Typography } from '@mui/material';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReviewedRun, RunsState } from '../../../../shared/bridge/contracts/runs';
import { benchRequested } from '../telemetry/bench-probe';
import { useFocusRequest } from '../../ui/navigation';
import { useFieldUnits } from '../telemetry/use-field-units';
import { formatTime } from '../telemetry/format';
import { reviewView } from './chart-data';
import { ComparePicker } from './ComparePicker';
import { PlayBar } from './PlayBar';
import { ReviewCharts } from './ReviewCharts';
import { ReviewExports } from './ReviewExports';
import { ReviewProbe } from './review-probe';
import { ReviewTabs, type ReviewTabId } from './ReviewTabs';
import { EventsPanel, FramesPanel, SerialPanel } from './ReviewPanels';
import { alignOffset, secondOf, shiftInto, zoomAround, type Alignment, type Window } from './review-time';
import { runLine } from './run-words';
import { useRunEvents, useRunFrames, useRunSerial, useRunTelemetry } from './use-review-data';
import { runs } from './use-runs';
import { useTimeline } from './use-timeline';
import { ValuesAtCursor } from './ValuesAtCursor';

/** The review's colour: never the live pages' accent, so a reviewed run is not taken for a live board. */
export const REVIEW_COLOR = '#7E57C2';
const POINTS = 1600;
const NO_RUNS: RunsState['runs'] = [];

/** A kept run opened for review: one time cursor shared by its telemetry, frames, serial lines and events. */
export function ReviewWorkspace({
  review,
  compare,
  state,
}: {
  review: ReviewedRun;
  compare?: ReviewedRun;
  state?: RunsState;
}) {
  const run = useMemo<Window>(
    () => ({ fromT: review.from, toT: Math.max(review.to, review.from + 1) }),
    [review.from, review.to],
  );
  const { cursor, view, playing, speed, setCursor, setView, setSpeed, togglePlay } = useTimeline(run);
  const [tab, setTab] = useState<ReviewTabId>('telemetry');
  /** A clicked chart point: its second's frames and serial lines are shown until "Back to the charts". */
  const [moment, setMoment] = useState<number | undefined>();
  const [align, setAlign] = useState<Alignment>({ kind: 'start' });
  const [message, setMessage] = useState<string | undefined>();
  const { units } = useFieldUnits();
  const charts = useRef<HTMLDivElement>(null);

  const mark = useCallback(() => {
    void runs.markReview(cursor).then((e) => setMessage(e ?? `Marker added at ${formatTime(cursor)}.`));
  }, [cursor]);
  const pickCompare = useCallback((id: string) => {
    setAlign({ kind: 'start' });
    void runs.openCompare(id).then((e) => e && setMessage(e));
  }, []);
  const whole = useCallback(() => setView(() => run), [setView, run]);
  const stopCompare = useCallback(() => void runs.closeCompare(), []);
  const frameDetail = useCallback(
    (seq: number, t: number) => runs.frameDetail(review.reviewId, seq, t),
    [review.reviewId],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (
        e.target instanceof HTMLElement &&
        e.target.closest('input, textarea, [role="combobox"], [role="slider"]')
      )
        return;
      if (e.key === 'm' || e.key === 'M') {
        e.preventDefault();
        mark();
      } else if (e.code === 'Space' && !(e.target instanceof HTMLElement && e.target.closest('button'))) {
        e.preventDefault();
        togglePlay();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mark, togglePlay]);

  // A jump from elsewhere (an alarm's "Show in session"): the cursor at that moment, the two minutes around it shown.
  useFocusRequest('sessions', (t) => {
    setView(() => shiftInto({ fromT: t - 60_000, toT: t + 60_000 }, run));
    setCursor(t);
  });

  const offset = compare ? alignOffset(review, compare, align) : undefined;
  const shift = offset?.ok ? offset.offset : undefined;
  const a = useRunTelemetry({ reviewId: review.reviewId, fromT: view.fromT, toT: view.toT, points: POINTS });
  const b = useRunTelemetry(
    compare && shift !== undefined
      ? { reviewId: compare.reviewId, fromT: view.fromT - shift, toT: view.toT - shift, points: POINTS }
      : undefined,
  );
  // The charts draw the window their answer is for: while a zoom's answer is out they keep the last one as it was
  // (not its rows stretched over the new window, which drew every zoom twice).
  const shown = a.key;
  const chart = useMemo(
    () =>
      a.value &&
      shown &&
      reviewView(
        a.value,
        shown.fromT,
        shown.toT,
        b.value && shift !== undefined ? { data: b.value, offset: shift } : undefined,
      ),
    [a.value, shown, b.value, shift],
  );
  // `?bench=1`: the benchmark's hooks (review-probe.ts) time the first drawing and the zooms it asks for.
  const [probe] = useState(() =>
    benchRequested()
      ? new ReviewProbe(run, (w) => {
          const shown = shiftInto(w, run);
          setView(() => shown);
          return shown;
        })
      : undefined,
  );
  useEffect(() => () => probe?.dispose(), [probe]);
  const answeredAt = a.pending ? undefined : a.answeredAt;
  useLayoutEffect(() => probe?.committed(chart, answeredAt), [probe, chart, answeredAt]);
  // Frames and serial lines: the clicked second, else a few seconds around the cursor (asked again each second).
  const sec = secondOf(moment ?? cursor);
  const near = moment !== undefined ? sec : { fromT: sec.fromT - 2000, toT: sec.toT + 2000 };
  const wantRows = moment !== undefined || tab === 'frames' || tab === 'serial';
  const rowsKey = wantRows ? { reviewId: review.reviewId, ...near } : undefined;
  const frames = useRunFrames(rowsKey);
  const serial = useRunSerial(rowsKey);
  const events = useRunEvents({ reviewId: review.reviewId, ...run });

  // The same tables in the one-second view and in their tabs.
  const framesPanel = (
    <FramesPanel
      rows={frames.value?.rows ?? []}
      more={frames.value?.more ?? false}
      boardName={review.run.boardName}
      error={frames.error}
      pending={frames.pending}
      loadDetail={frameDetail}
    />
  );
  const serialPanel = (
    <SerialPanel
      lines={serial.value?.lines ?? []}
      more={serial.value?.more ?? false}
      error={serial.error}
      pending={serial.pending}
    />
  );

  return (
    <Box
      sx={{
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        border: `3px solid ${REVIEW_COLOR}`,
      }}
    >
      <Box
        role="banner"
        data-testid="review-banner"
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1,
          px: 1.5,
          py: 0.5,
          bgcolor: REVIEW_COLOR,
          color: '#fff',
        }}
      >
        <HistoryIcon fontSize="small" />
        <Typography sx={{ fontWeight: 600, flex: 1, minWidth: 0, lineHeight: 1.3 }}>
          Reviewing a recorded run — {runLine(review.run)}
          {review.run.live ? ' · still being recorded' : ''}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          onClick={() => void runs.close()}
          sx={{ color: '#fff', borderColor: 'rgba(255,255,255,0.8)', flexShrink: 0 }}
        >
          Close
        </Button>
      </Box>
      {review.run.note && (
        <Alert severity="warning" sx={{ py: 0 }}>
          {review.run.note}
        </Alert>
      )}
      <PlayBar
        run={run}
        view={view}
        cursor={cursor}
        playing={playing}
        speed={speed}
        onPlay={togglePlay}
        onSpeed={setSpeed}
        onCursor={setCursor}
        onWhole={whole}
        onMark={mark}
      />
      {moment !== undefined ? (
        <Box
          sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
          data-testid="review-moment"
          data-from={sec.fromT}
        >
          <Box
            sx={{
              display: 'flex',
              alignItems: 'center',
              gap: 1,
              px: 1.5,
              py: 0.5,
              borderTop: 1,
              borderColor: 'divider',
            }}
          >
            <Button size="small" variant="outlined" onClick={() => setMoment(undefined)}>
              ← Back to the charts
            </Button>
            <Typography variant="body2">
              Frames and serial lines of {formatTime(sec.fromT).slice(0, 8)} (one second)
            </Typography>
          </Box>
          {framesPanel}
          <Box
            sx={{
              height: '35%',
              display: 'flex',
              flexDirection: 'column',
              borderTop: 1,
              borderColor: 'divider',
            }}
          >
            {serialPanel}
          </Box>
        </Box>
      ) : (
        <>
          <Box
            sx={{
              display: 'flex',
              alignItems: 'center',
              flexWrap: 'wrap',
              columnGap: 1,
              px: 1,
              borderTop: 1,
              borderColor: 'divider',
            }}
          >
            <ReviewTabs tab={tab} onTab={setTab} />
            <Box sx={{ flex: 1 }} />
            <ReviewExports review={review} view={view} charts={charts} units={units} onMessage={setMessage} />
            <ComparePicker
              review={review}
              compare={compare}
              runs={state?.runs ?? NO_RUNS}
              align={align}
              why={offset && !offset.ok ? offset.why : undefined}
              onPick={pickCompare}
              onAlign={setAlign}
              onStop={stopCompare}
            />
          </Box>
          <Box sx={{ flex: 1, minHeight: 0, display: 'flex', p: tab === 'telemetry' ? 1 : 0 }}>
            {tab === 'telemetry' && (
              <>
                <Box
                  ref={charts}
                  sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}
                  data-testid="review-telemetry"
                  data-offset={shift}
                >
                  {a.error && <Alert severity="error">{a.error}</Alert>}
                  {b.error && <Alert severity="error">Compared run: {b.error}</Alert>}
                  <ReviewCharts
                    view={chart}
                    units={units}
                    cursor={cursor}
                    markers={review.markers}
                    compared={compare !== undefined && shift !== undefined}
                    onCursor={setCursor}
                    onPoint={setMoment}
                    onZoomTo={(w) => setView(() => shiftInto(w, run))}
                    onWheelZoom={(at, f) => setView((v) => zoomAround(v, at, f, run))}
                  />
                </Box>
                <ValuesAtCursor reviewId={review.reviewId} cursor={cursor} units={units} />
              </>
            )}
            {tab === 'frames' && framesPanel}
            {tab === 'serial' && serialPanel}
            {tab === 'events' && (
              <EventsPanel
                events={events.value?.events ?? []}
                markers={review.markers}
                cursor={cursor}
                onJump={setCursor}
                error={events.error}
                more={events.value?.more ?? false}
              />
            )}
          </Box>
        </>
      )}
      <Snackbar
        open={message !== undefined}
        autoHideDuration={5000}
        onClose={() => setMessage(undefined)}
        message={message}
      />
    </Box>
  );
}
