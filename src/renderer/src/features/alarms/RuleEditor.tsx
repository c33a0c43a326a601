import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { ANY_BOARD, severities, type AlarmRule } from '../../../../shared/alarms/rules';
import { FIRMWARE_FIELDS } from '../../../../shared/telemetry/fields';
import { useBoardProfiles } from '../connection/links-context';
import {
  emptyForm,
  formOf,
  KIND_FIELDS,
  ruleOf,
  type FormErrors,
  type FormField,
  type RuleForm,
} from './rule-form';
import { fieldWords, KINDS } from './rule-words';

const SERIES = Object.keys(FIRMWARE_FIELDS);

/**
 * Adds or edits one rule: the fields of its kind with plain labels, checked by the rules' own schema on Save, each
 * problem under its field. `onSave` answers the core's words when it refused.
 */
export function RuleEditor({
  rule,
  taken,
  onSave,
  onClose,
}: {
  /** The rule edited; undefined for a new one. */
  rule: AlarmRule | undefined;
  /** Every kept rule's id (the edited rule's own included). */
  taken: readonly string[];
  onSave: (rule: AlarmRule, replacing: string | undefined) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const [form, setForm] = useState<RuleForm>(() => (rule ? formOf(rule) : emptyForm()));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const profiles = useBoardProfiles();
  const set = <K extends FormField>(k: K, v: RuleForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined, general: undefined }));
  };
  const save = async () => {
    const made = ruleOf(
      form,
      taken.filter((id) => id !== rule?.id),
    );
    if (!made.ok) return setErrors(made.errors);
    setBusy(true);
    const refused = await onSave(made.rule, rule?.id);
    setBusy(false);
    if (refused) setErrors({ general: refused });
    else onClose();
  };
  const num = (k: FormField, width = 170) => {
    const w = fieldWords(k, form.kind);
    return (
      <TextField
        key={k}
        size="small"
        label={w.label}
        value={form[k]}
        onChange={(e) => set(k, e.target.value)}
        error={Boolean(errors[k])}
        helperText={errors[k] ?? w.help}
        sx={{ width, flexShrink: 0 }}
        slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `rule-${k}` } }}
      />
    );
  };
  const field = (k: FormField) => {
    if (k === 'failures')
      return (
        <FormControlLabel
          key={k}
          control={<Checkbox checked={form.failures} onChange={(e) => set('failures', e.target.checked)} />}
          label={fieldWords(k, form.kind).label}
        />
      );
    if (k === 'series') {
      const w = fieldWords(k, form.kind);
      return (
        <Autocomplete
          key={k}
          freeSolo
          options={SERIES}
          inputValue={form.series}
          onInputChange={(_, v) => set('series', v)}
          sx={{ width: 230 }}
          renderInput={(params) => (
            <TextField
              {...params}
              size="small"
              label={w.label}
              error={Boolean(errors.series)}
              helperText={errors.series ?? w.help}
              slotProps={{
                ...params.slotProps,
                htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'rule-series' },
              }}
            />
          )}
        />
      );
    }
    if (k === 'pool') {
      const w = fieldWords(k, form.kind);
      return (
        <TextField
          key={k}
          size="small"
          label={w.label}
          value={form.pool}
          onChange={(e) => set('pool', e.target.value)}
          error={Boolean(errors.pool)}
          helperText={errors.pool ?? w.help}
          sx={{ width: 200 }}
        />
      );
    }
    return num(k);
  };
  const kind = KINDS.find((k) => k.kind === form.kind)!;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="rule-editor-title">
      <DialogTitle id="rule-editor-title">{rule ? `Edit rule "${rule.name}"` : 'New alarm rule'}</DialogTitle>
      <DialogContent data-testid="rule-editor">
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: 1 }}>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <TextField
              select
              size="small"
              label="Watches"
              value={form.kind}
              onChange={(e) => {
                const next = KINDS.find((k) => k.kind === e.target.value)?.kind ?? form.kind;
                // The common fields stay; the kind's own start from its defaults.
                setForm((f) => ({
                  ...emptyForm(next),
                  id: f.id,
                  name: f.name,
                  board: f.board,
                  enabled: f.enabled,
                  severity: f.severity,
                  forS: f.forS,
                  capture: f.capture,
                  preS: f.preS,
                  postS: f.postS,
                }));
                setErrors({});
              }}
              helperText={kind.about}
              sx={{ width: 230 }}
              slotProps={{ htmlInput: { 'data-testid': 'rule-kind' } }}
            >
              {KINDS.map((k) => (
                <MenuItem key={k.kind} value={k.kind}>
                  {k.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              label={fieldWords('name', form.kind).label}
              value={form.name}
              onChange={(e) => set('name', e.target.value)}
              error={Boolean(errors.name)}
              helperText={errors.name ?? fieldWords('name', form.kind).help}
              sx={{ flex: 1, minWidth: 220 }}
              slotProps={{ htmlInput: { 'data-testid': 'rule-name' } }}
            />
            <TextField
              size="small"
              label={fieldWords('id', form.kind).label}
              value={form.id}
              onChange={(e) => set('id', e.target.value)}
              error={Boolean(errors.id)}
              helperText={errors.id ?? fieldWords('id', form.kind).help}
              sx={{ width: 200 }}
            />
          </Box>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <TextField
              select
              size="small"
              label="Board"
              value={form.board}
              onChange={(e) => set('board', e.target.value)}
              helperText={errors.board ?? 'One board, or every board the bench watches.'}
              error={Boolean(errors.board)}
              sx={{ width: 230 }}
              slotProps={{ htmlInput: { 'data-testid': 'rule-board' } }}
            >
              <MenuItem value={ANY_BOARD}>Every board</MenuItem>
              {(profiles?.profiles ?? []).map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                  {p.kind === 'virtual' ? ' (virtual)' : ''}
                </MenuItem>
              ))}
              {form.board !== ANY_BOARD && !profiles?.profiles.some((p) => p.id === form.board) && (
                <MenuItem value={form.board}>{form.board} (no such board now)</MenuItem>
              )}
            </TextField>
            <TextField
              select
              size="small"
              label="Severity"
              value={form.severity}
              onChange={(e) => set('severity', severities.find((s) => s === e.target.value) ?? form.severity)}
              sx={{ width: 150 }}
            >
              {severities.map((s) => (
                <MenuItem key={s} value={s}>
                  {s}
                </MenuItem>
              ))}
            </TextField>
            {/* A reboot is an event: it is raised at once, so a minimum duration means nothing for it. */}
            {form.kind !== 'reboot' && num('forS', 170)}
            <FormControlLabel
              control={<Switch checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />}
              label={form.enabled ? 'On' : 'Off'}
              sx={{ mt: 0.5 }}
            />
          </Box>
          <Box sx={{ borderTop: 1, borderColor: 'divider', pt: 2 }}>
            <Typography variant="subtitle2" sx={{ mb: 1.5 }}>
              {kind.label}
            </Typography>
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
              {KIND_FIELDS[form.kind].map(field)}
            </Box>
          </Box>
          <Box sx={{ borderTop: 1, borderColor: 'divider', pt: 1.5 }}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={form.capture}
                  onChange={(e) => set('capture', e.target.checked)}
                  slotProps={{ input: { 'aria-describedby': 'rule-capture-help' } }}
                />
              }
              label="Save the evidence around the moment (telemetry, frames, serial lines, pools, a chart)"
            />
            <Typography
              id="rule-capture-help"
              variant="caption"
              color="text.secondary"
              sx={{ display: 'block', mb: 1 }}
            >
              A capture bundle is written when the alarm is raised; the Captures tab lists it.
            </Typography>
            {form.capture && (
              <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                {num('preS')}
                {num('postS')}
              </Box>
            )}
          </Box>
          {errors.general && (
            <Alert severity="error" data-testid="rule-error">
              {errors.general}
            </Alert>
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="rule-save">
          {rule ? 'Save' : 'Add rule'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
