import DownloadIcon from '@mui/icons-material/Download';
import { Box, Button, Typography } from '@mui/material';
import type { ScenarioCheck } from '../../../../shared/bridge/contracts/scenarios';
import type { ScenarioRunView } from './scenarios-store';

/** The run's counts and its JUnit report, or what the file holds before a run. */
export function RunSummary({
  run,
  check,
  fileName,
}: {
  run: ScenarioRunView | undefined;
  check: ScenarioCheck | undefined;
  fileName: string | undefined;
}) {
  if (!run)
    return (
      <Typography variant="body2" color="text.secondary" data-testid="scenario-summary">
        {check?.ok
          ? `"${check.name}": ${check.steps.length} steps as written${fileName ? ` in ${fileName}` : ''}.`
          : check
            ? 'The file has problems: see them under the editor.'
            : 'No scenario checked yet.'}
      </Typography>
    );
  const steps = run.steps.filter(Boolean);
  const d = run.done;
  const count = (st: string) => steps.filter((x) => x.status === st).length;
  const words = d
    ? `${d.stopped ? 'Stopped' : 'Done'} in ${duration(d.ms)}: ${d.passed} passed, ${d.failed} failed, ${d.skipped} skipped`
    : `Running: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped so far`;
  const download = () => {
    if (!d) return;
    const url = URL.createObjectURL(new Blob([d.junit], { type: 'application/xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = d.junitFileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
      <Typography
        variant="subtitle2"
        data-testid="scenario-summary"
        data-state={d ? (d.failed > 0 ? 'failed' : d.stopped ? 'stopped' : 'passed') : 'running'}
        sx={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {run.name} on {run.board} — {words}
      </Typography>
      {d && (
        <Button size="small" startIcon={<DownloadIcon />} onClick={download} data-testid="scenario-junit">
          Download JUnit
        </Button>
      )}
    </Box>
  );
}

/** A run's time: ms under a second, else seconds with one decimal. */
export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
