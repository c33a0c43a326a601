import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import UploadIcon from '@mui/icons-material/FileUploadOutlined';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { ANY_BOARD, type AlarmRule } from '../../../../shared/alarms/rules';
import type { AlarmRulesView } from '../../../../shared/bridge/contracts/alarms';
import { EmptyState } from '../../components/EmptyState';
import { useBoardProfiles } from '../connection/links-context';
import { downloadText } from './download-text';
import { KINDS, ruleSummary } from './rule-words';
import { RuleEditor } from './RuleEditor';
import { SeverityChip } from './SeverityChip';
import { alarms } from './use-alarms';
import type { Say } from './alarm-words';

/** Largest rules file read from the page (the core takes up to 2 MB of text). */
const MAX_FILE_BYTES = 2_000_000;

/** The rules: a table with on/off, edit and delete; add; import from a file and export to one. */
export function RulesTab({ view, say }: { view: AlarmRulesView; say: Say }) {
  const [editing, setEditing] = useState<AlarmRule | 'new' | undefined>();
  const [deleting, setDeleting] = useState<AlarmRule | undefined>();
  const [importing, setImporting] = useState<{ name: string; text: string } | undefined>();
  const [importError, setImportError] = useState<string | undefined>();
  const picker = useRef<HTMLInputElement>(null);
  const profiles = useBoardProfiles();
  const boardName = (id: string) =>
    id === ANY_BOARD ? 'Every board' : (profiles?.profiles.find((p) => p.id === id)?.name ?? `${id} (gone)`);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES)
      return setImportError(
        `${file.name} is ${Math.ceil(file.size / 1000)} kB; a rules file is at most 2 MB.`,
      );
    setImportError(undefined);
    setImporting({ name: file.name, text: await file.text() });
  };
  const runImport = async (replace: boolean) => {
    if (!importing) return;
    const failed = await alarms.importRules(importing.text, replace);
    setImporting(undefined);
    setImportError(failed ? `${importing.name} was not imported: ${failed}` : undefined);
    if (!failed) say(`Imported the rules of ${importing.name}.`, 'info');
  };
  const runExport = async () => {
    const r = await alarms.exportRules();
    if (!r.ok) return say(`The rules could not be exported: ${r.error.message}`);
    downloadText(r.value.fileName, r.value.text);
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1, flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setEditing('new')}
          data-testid="rule-add"
        >
          Add rule
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 200 }}>
          {view.rules.length} rule{view.rules.length === 1 ? '' : 's'}, kept in the bench's settings.
        </Typography>
        <Button
          startIcon={<UploadIcon />}
          variant="outlined"
          onClick={() => picker.current?.click()}
          data-testid="rules-import"
        >
          Import…
        </Button>
        <input
          ref={picker}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="rules-import-file"
          onChange={(e) => {
            void pick(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Button
          startIcon={<DownloadIcon />}
          variant="outlined"
          onClick={() => void runExport()}
          disabled={view.rules.length === 0}
          data-testid="rules-export"
        >
          Export
        </Button>
      </Box>
      {importError && (
        <Alert
          severity="error"
          onClose={() => setImportError(undefined)}
          sx={{ mx: 2, mb: 1 }}
          data-testid="rules-import-error"
        >
          {importError}
        </Alert>
      )}
      {view.problems.length > 0 && (
        <Alert severity="warning" sx={{ mx: 2, mb: 1 }}>
          Some saved rules could not be used and were kept aside: {view.problems.join(' ')}
        </Alert>
      )}
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {view.rules.length === 0 ? (
          <EmptyState title="No rules yet">
            A rule watches a board for you: a temperature over a limit, telemetry going quiet, a link down, a
            reboot, a pool filling up. Add one, or import a rules file (*.alarms.json).
          </EmptyState>
        ) : (
          <Table size="small" stickyHeader aria-label="Alarm rules" data-testid="rules-table">
            <TableHead>
              <TableRow>
                <TableCell>On</TableCell>
                <TableCell>Name</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Board</TableCell>
                <TableCell>Raised when</TableCell>
                <TableCell>Severity</TableCell>
                <TableCell>Capture</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {view.rules.map((r) => (
                <TableRow
                  key={r.id}
                  hover
                  data-testid="rule-row"
                  data-rule-id={r.id}
                  sx={{ opacity: r.enabled ? 1 : 0.6 }}
                >
                  <TableCell padding="checkbox">
                    <Switch
                      size="small"
                      checked={r.enabled}
                      onChange={(e) => void alarms.setEnabled(r.id, e.target.checked).then(say)}
                      slotProps={{
                        input: { 'aria-label': `${r.enabled ? 'Turn off' : 'Turn on'} ${r.name}` },
                      }}
                    />
                  </TableCell>
                  <TableCell>
                    {r.name}
                    <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                      {r.id}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {KINDS.find((k) => k.kind === r.kind)?.label}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{boardName(r.board)}</TableCell>
                  <TableCell>{ruleSummary(r)}</TableCell>
                  <TableCell>
                    <SeverityChip severity={r.severity} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {r.capture ? `${r.capture.preS} s before, ${r.capture.postS} s after` : '—'}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title="Edit">
                      <IconButton size="small" aria-label={`Edit ${r.name}`} onClick={() => setEditing(r)}>
                        <EditIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title="Delete">
                      <IconButton size="small" aria-label={`Delete ${r.name}`} onClick={() => setDeleting(r)}>
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
      {editing && (
        <RuleEditor
          rule={editing === 'new' ? undefined : editing}
          taken={view.rules.map((r) => r.id)}
          onSave={(rule, replacing) => alarms.saveRule(rule, replacing)}
          onClose={() => setEditing(undefined)}
        />
      )}
      <Dialog open={deleting !== undefined} onClose={() => setDeleting(undefined)}>
        <DialogTitle>Delete this rule?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {deleting ? `"${deleting.name}" (${ruleSummary(deleting)}). ` : ''}Alarms it raised stay in the
            list.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDeleting(undefined)}>Keep it</Button>
          <Button
            color="error"
            onClick={() => {
              if (deleting) void alarms.deleteRule(deleting.id).then(say);
              setDeleting(undefined);
            }}
          >
            Delete
          </Button>
        </DialogActions>
      </Dialog>
      <Dialog open={importing !== undefined} onClose={() => setImporting(undefined)}>
        <DialogTitle>Import {importing?.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Add its rules to the {view.rules.length} kept (a rule with an id already kept replaces it), or
            replace every kept rule with them.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setImporting(undefined)}>Cancel</Button>
          <Button color="warning" onClick={() => void runImport(true)} data-testid="rules-import-replace">
            Replace all
          </Button>
          <Button variant="contained" onClick={() => void runImport(false)} data-testid="rules-import-add">
            Add
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
