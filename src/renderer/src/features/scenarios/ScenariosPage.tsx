import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import FileOpenIcon from '@mui/icons-material/FileOpen';
import { Alert, Box, Button, MenuItem, TextField, Typography } from '@mui/material';
import { useEffect, useRef, type ChangeEvent } from 'react';
import { ToolRow } from '../../components/ToolRow';
import { useNavigation } from '../../ui/navigation';
import { ShownBoard, useShownBoard } from '../connection/ShownBoard';
import { RunSummary } from './RunSummary';
import { StepsList } from './StepsList';
import { VarsEditor } from './VarsEditor';
import { scenarios, useScenarios } from './use-scenarios';

/** A column of the page: it fits the window beside the other, or takes its content's height when stacked. */
const column = {
  display: 'flex',
  flexDirection: 'column',
  minHeight: { xs: 'auto', lg: 0 },
  gap: 1,
} as const;

/** Most bytes of a file opened on the page (the core refuses a scenario over 2 MB). */
const MAX_FILE_BYTES = 2_000_000;

/** Scenarios: pick an example or open a file, check it, run it on the shown board and watch each step. */
export function ScenariosPage() {
  const s = useScenarios();
  const board = useShownBoard();
  const { goTo } = useNavigation();
  const fileInput = useRef<HTMLInputElement>(null);
  const running = s.starting || (s.run !== undefined && s.run.done === undefined);
  const problems = s.check && !s.check.ok ? s.check.problems : [];
  const canRun = !!board && !running && s.check?.ok === true;
  const example = s.examples?.find((x) => x.fileName === s.fileName);
  // An example changed in the editor is no longer the example (the picker says so by showing none).
  const edited = example !== undefined && example.text !== s.text;
  const boardId = board?.id;
  // The shown board's current or last run, even one started before this page opened (or by another window).
  useEffect(() => {
    if (boardId) void scenarios.showBoard(boardId);
  }, [boardId]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      await scenarios.setText('', f.name);
      return;
    }
    await scenarios.setText(await f.text(), f.name);
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <ToolRow>
        <ShownBoard page="Scenarios" dense />
        <Box sx={{ flex: 1 }} />
        <TextField
          select
          size="small"
          label="Example"
          value={example && !edited ? example.fileName : ''}
          onChange={(e) => void scenarios.pickExample(e.target.value)}
          sx={{ minWidth: 220 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'scenario-example' } as object } }}
        >
          {(s.examples ?? []).map((x) => (
            <MenuItem key={x.fileName} value={x.fileName} data-testid={`example-${x.fileName}`}>
              {x.name}
            </MenuItem>
          ))}
        </TextField>
        <Button startIcon={<FileOpenIcon />} onClick={() => fileInput.current?.click()}>
          Open file…
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".yaml,.yml,text/yaml"
          hidden
          data-testid="scenario-file"
          onChange={(e) => void onFile(e)}
        />
        {running ? (
          <Button
            variant="contained"
            color="warning"
            startIcon={<StopIcon />}
            onClick={() => void scenarios.stop()}
            data-testid="scenario-stop"
          >
            Stop
          </Button>
        ) : (
          <Button
            variant="contained"
            startIcon={<PlayArrowIcon />}
            disabled={!canRun}
            onClick={() => board && void scenarios.run(board.id)}
            data-testid="scenario-run"
          >
            Run on {board?.name ?? 'no board'}
          </Button>
        )}
      </ToolRow>
      {s.error && (
        <Alert severity="error" sx={{ m: 1.5, mb: 0 }} data-testid="scenario-error">
          {s.error}
        </Alert>
      )}
      <Box
        sx={{
          flex: 1,
          minHeight: 0,
          display: 'grid',
          // Side by side on a wide window; a narrow one stacks the editor over the steps (the page scrolls).
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(320px, 2fr) minmax(420px, 3fr)' },
          gridAutoRows: { xs: 'auto', lg: 'minmax(0, 1fr)' },
          overflow: { xs: 'auto', lg: 'visible' },
          gap: 1.5,
          p: 1.5,
        }}
      >
        <Box sx={column}>
          <Typography variant="subtitle2" component="h3">
            {s.fileName ?? 'Scenario file'}
            {edited ? ' · edited' : ''}
          </Typography>
          <TextField
            multiline
            minRows={12}
            maxRows={26}
            value={s.text}
            onChange={(e) => void scenarios.setText(e.target.value)}
            placeholder="Pick an example or open a scenario file (YAML, see docs/scenarios.md)."
            slotProps={{
              htmlInput: {
                'data-testid': 'scenario-editor',
                'aria-label': 'Scenario file',
                spellCheck: false,
                // YAML is read by its indentation: lines are not wrapped, the box scrolls sideways.
                wrap: 'off',
                style: { fontFamily: 'monospace', fontSize: 13, whiteSpace: 'pre', overflowX: 'auto' },
              },
            }}
            sx={{ flexShrink: 0 }}
          />
          {s.check?.ok && (
            <VarsEditor
              vars={s.check.vars}
              overrides={s.overrides}
              disabled={running}
              onChange={(name, value) => scenarios.setOverride(name, value)}
            />
          )}
          {problems.length > 0 && (
            <Alert severity="error" data-testid="scenario-problems">
              {problems.slice(0, 20).map((p) => (
                <div key={`${p.line}:${p.column}:${p.message}`}>
                  Line {p.line}:{p.column} — {p.message}
                </div>
              ))}
            </Alert>
          )}
        </Box>
        <Box sx={column}>
          <RunSummary run={s.run} check={s.check} fileName={s.fileName} />
          <Box
            sx={{
              flex: 1,
              minHeight: { xs: 240, lg: 0 },
              overflow: 'auto',
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
            }}
          >
            {s.run || (s.check?.ok && s.check.steps.length > 0) ? (
              <StepsList
                steps={s.run?.steps}
                preview={s.check?.ok ? s.check.steps : []}
                onCharts={(t) => goTo('telemetry', t)}
                onFrames={(t) => goTo('frames', t)}
              />
            ) : (
              <Typography color="text.secondary" sx={{ p: 2 }}>
                The steps of the file show here; run it to watch each one pass or fail.
              </Typography>
            )}
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
