import ImageIcon from '@mui/icons-material/ImageOutlined';
import TableViewIcon from '@mui/icons-material/TableView';
import { Button, Tooltip } from '@mui/material';
import { memo, useState, type RefObject } from 'react';
import type { ReviewedRun } from '../../../../shared/bridge/contracts/runs';
import { fieldUnit, nameWithUnit, type FieldUnits } from '../../../../shared/telemetry/fields';
import { offerDownload } from '../../bridge/downloads';
import { formatDate, formatRange, formatTime, seriesColor, utcOffset } from '../telemetry/format';
import { exportChartsPng } from '../telemetry/png-export';
import { runLine } from './run-words';
import type { Window } from './review-time';
import { runs } from './use-runs';

interface Props {
  readonly review: ReviewedRun;
  /** The window on screen: what both exports cover. */
  readonly view: Window;
  /** The charts' element (the PNG draws what is in it); absent when another tab is shown. */
  readonly charts: RefObject<HTMLElement | null>;
  readonly units: FieldUnits;
  readonly onMessage: (text: string) => void;
}

/** "Export CSV" and "Export PNG" of the reviewed window, as the live Telemetry page has them. */
export const ReviewExports = memo(function ReviewExports({ review, view, charts, units, onMessage }: Props) {
  const [busy, setBusy] = useState(false);
  const csv = async () => {
    setBusy(true);
    const r = await runs.exportCsv({ reviewId: review.reviewId, fromT: view.fromT, toT: view.toT });
    setBusy(false);
    if (!r.ok) return onMessage(r.error.message);
    offerDownload(r.value.download);
    onMessage(`Exported ${r.value.rows} rows, ${formatRange(view.fromT, view.toT)}, to ${r.value.file}.`);
  };
  const png = async () => {
    const root = charts.current;
    if (!root) return onMessage('Show the Telemetry tab to export its charts.');
    const now = Date.now();
    const name = `session-${review.run.boardId}-${new Date(now).toISOString().replace(/[:.]/g, '-')}.png`;
    try {
      const drawn = await exportChartsPng(root, name, {
        title: `Recorded run — ${runLine(review.run)}`,
        range: `${formatRange(view.fromT, view.toT)} · ${formatDate(view.fromT)}, local time (${utcOffset(view.fromT)}) · reviewed`,
        legend: review.series.map((s, i) => ({
          text: nameWithUnit(s, fieldUnit(s, units)),
          color: seriesColor(i),
        })),
        footer: `Exported ${formatDate(now)} ${formatTime(now).slice(0, 8)} (${utcOffset(now)}) by NUCLEO-MEM Bench`,
        markers: review.markers,
      });
      onMessage(`Downloaded ${name} (${drawn.markers} ${drawn.markers === 1 ? 'marker' : 'markers'} drawn).`);
    } catch (e) {
      onMessage(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Tooltip
        describeChild
        title="Export the window on screen as CSV: every sample, the live export's columns, the markers in a marker column"
      >
        <Button size="small" startIcon={<TableViewIcon />} onClick={() => void csv()} disabled={busy}>
          Export CSV
        </Button>
      </Tooltip>
      <Tooltip
        describeChild
        title="Download the charts of the window on screen, with the markers, as a PNG image"
      >
        <Button size="small" startIcon={<ImageIcon />} onClick={() => void png()}>
          Export PNG
        </Button>
      </Tooltip>
    </>
  );
});
