import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { realBoardInputSchema, type RealBoardProfile } from '../../../../shared/bridge/contracts/links';
import { profilesStore } from './use-connection-stores';
import { FindBoard } from './FindBoard';

type Field = 'name' | 'host' | 'wsPort' | 'httpPort' | 'ftpPort' | 'ftpUser' | 'ftpPassword' | 'serialPath';
type Form = Record<Field, string>;

const blank: Form = {
  name: '',
  host: '192.168.0.50',
  wsPort: '8080',
  httpPort: '80',
  ftpPort: '21',
  ftpUser: 'anonymous',
  ftpPassword: 'anonymous',
  serialPath: '',
};
const ports: readonly Field[] = ['wsPort', 'httpPort', 'ftpPort'];

function toInput(f: Form, id?: string) {
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  return {
    id,
    name: f.name,
    host: f.host.trim(),
    wsPort: num(f.wsPort),
    httpPort: num(f.httpPort),
    ftpPort: num(f.ftpPort),
    ftpUser: f.ftpUser,
    ftpPassword: f.ftpPassword,
    serialPath: f.serialPath.trim(),
  };
}

/** Field → the first problem with it, checked with the same schema the core uses. */
function problems(f: Form): Partial<Record<Field, string>> {
  const r = realBoardInputSchema.safeParse(toInput(f));
  const out: Partial<Record<Field, string>> = {};
  if (!r.success) for (const i of r.error.issues) out[i.path[0] as Field] ??= i.message;
  return out;
}

/** Adds or edits a real board: name, address, ports, FTP login, serial path; problems shown under each field. */
export function ProfileDialog({
  open,
  profile,
  onClose,
}: {
  open: boolean;
  profile?: RealBoardProfile;
  onClose: (saved?: RealBoardProfile) => void;
}) {
  const [form, setForm] = useState<Form>(() =>
    profile
      ? { ...blank, ...Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, String(v)])) }
      : blank,
  );
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errs = problems(form);
  const shown = (k: Field) => (submitted || touched[k] ? errs[k] : undefined);

  const save = async () => {
    setSubmitted(true);
    if (Object.keys(errs).length > 0) return;
    setBusy(true);
    setError(undefined);
    const r = await profilesStore.save(toInput(form, profile?.id));
    setBusy(false);
    if (r.ok) onClose(r.value);
    else setError(r.error.message);
  };

  const field = (
    k: Field,
    label: string,
    extra: { type?: string; helper?: string; autoFocus?: boolean; width?: number } = {},
  ) => (
    <TextField
      label={label}
      value={form[k]}
      size="small"
      autoFocus={extra.autoFocus}
      type={extra.type ?? 'text'}
      onChange={(e) => setForm({ ...form, [k]: e.target.value })}
      onBlur={() => setTouched({ ...touched, [k]: true })}
      error={Boolean(shown(k))}
      helperText={shown(k) ?? extra.helper ?? ' '}
      slotProps={{
        htmlInput: { 'data-testid': `profile-${k}`, inputMode: ports.includes(k) ? 'numeric' : undefined },
      }}
      sx={{ width: extra.width, flex: extra.width ? undefined : 1 }}
    />
  );

  return (
    <Dialog
      open={open}
      onClose={() => onClose()}
      maxWidth="sm"
      fullWidth
      aria-labelledby="profile-dialog-title"
    >
      <DialogTitle id="profile-dialog-title">
        {profile ? `Edit ${profile.name}` : 'Add a real board'}
      </DialogTitle>
      <DialogContent>
        <Box
          component="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, pt: 1 }}
        >
          {field('name', 'Name', {
            autoFocus: true,
            helper: 'Shown in the board selector, e.g. "Bench 3 NUCLEO".',
          })}
          {field('host', 'Host or IP address', {
            helper: 'Firmware default 192.168.0.50; or lab-web.local via mDNS.',
          })}
          <FindBoard
            onPick={(address) =>
              // The board's own name is a fair first name for its profile; one the user typed is kept.
              setForm((f) => ({ ...f, host: address, name: f.name.trim() ? f.name : `lab-web (${address})` }))
            }
          />
          <Box sx={{ display: 'flex', gap: 1.5 }}>
            {field('wsPort', 'WebSocket port')}
            {field('httpPort', 'HTTP port')}
            {field('ftpPort', 'FTP port')}
          </Box>
          <Box sx={{ display: 'flex', gap: 1.5 }}>
            {field('ftpUser', 'FTP user', { helper: 'The firmware accepts any login.' })}
            {field('ftpPassword', 'FTP password', { type: 'password' })}
          </Box>
          {field('serialPath', 'Serial console (optional)', {
            helper: 'e.g. /dev/ttyACM0 or COM3; opened at 115200 8N1 when this board is selected.',
          })}
          {error && (
            <Alert severity="error" data-testid="profile-error">
              {error}
            </Alert>
          )}
          <button type="submit" hidden />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="profile-save">
          {profile ? 'Save' : 'Add and connect'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
