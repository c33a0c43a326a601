import RefreshIcon from '@mui/icons-material/Refresh';
import { Autocomplete, Box, Button, IconButton, MenuItem, TextField, Tooltip } from '@mui/material';
import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  BAUD_PRESETS,
  type SerialConsoleState,
  type SerialPortEntry,
  type SerialSettings,
} from '../../../../shared/bridge/contracts/serial';
import { LinkChip } from '../../components/LinkChip';
import { ToolRow } from '../../components/ToolRow';
import { describeSerialState } from './serial-state';
import type { SerialStore } from './serial-store';

type Draft = Omit<SerialSettings, 'path' | 'baudRate'> & { path: string; baud: string };

const DEFAULTS: Draft = {
  path: '',
  baud: '115200',
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  flowControl: 'none',
  reconnect: true,
};

function portLabel(p: SerialPortEntry): string {
  const usb = p.vendorId ? ` · ${p.vendorId}:${p.productId ?? '????'}` : '';
  return `${p.path}${p.stLink ? ' · ST-LINK' : ''}${p.manufacturer && !p.stLink ? ` · ${p.manufacturer}` : ''}${usb}`;
}

/**
 * Port picker (listed ports or a typed path such as a pty), line settings, connect/disconnect and the state chip of
 * board `boardId`'s console: a device opened here belongs to that board.
 */
export function SerialConnectBar({
  store,
  boardId,
  state,
}: {
  store: SerialStore;
  boardId: string | undefined;
  state: SerialConsoleState | undefined;
}) {
  const { ports, listFailed } = useSyncExternalStore(store.subscribe, store.ports);
  const [draft, setDraft] = useState<Draft>(DEFAULTS);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const input = state?.input;
  const active = input?.kind === 'device' && input.link.kind !== 'closed' && input.link.kind !== 'failed';

  useEffect(() => {
    if (input?.kind !== 'device' || input.link.kind !== 'lost') return;
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, [input]);

  // Show the settings of the port that is open (the page may have been opened after it was connected); another
  // board starts from the defaults, not from what was typed for the board before.
  const openSettings = input?.kind === 'device' ? input.settings : undefined;
  useEffect(() => {
    if (!openSettings) return setDraft(DEFAULTS);
    const { baudRate, ...rest } = openSettings;
    setDraft({ ...rest, baud: String(baudRate) });
  }, [openSettings, boardId]);

  const refresh = () => void store.listPorts();
  useEffect(() => {
    void store.listPorts();
  }, [store]);
  // An ST-LINK listed is the likely port: offered when nothing is typed.
  useEffect(() => {
    const first = ports[0];
    if (first?.stLink) setDraft((d) => (d.path === '' ? { ...d, path: first.path } : d));
  }, [ports, boardId]);

  const baud = Number(draft.baud);
  const baudOk = Number.isInteger(baud) && baud >= 50 && baud <= 20_000_000;

  const connect = async () => {
    if (boardId === undefined) return;
    setBusy(true);
    const { baud: _b, ...rest } = draft;
    await store.open(boardId, { ...rest, path: draft.path.trim(), baudRate: baud });
    setBusy(false);
  };
  const disconnect = async () => {
    if (boardId === undefined) return;
    setBusy(true);
    await store.close(boardId);
    setBusy(false);
  };

  const chip = describeSerialState(state, now);
  const select = <K extends keyof Draft>(
    key: K,
    label: string,
    values: readonly Draft[K][],
    width: number,
    show: (v: Draft[K]) => string = String,
  ) => (
    <TextField
      select
      size="small"
      label={label}
      value={String(draft[key])}
      onChange={(e) => setDraft({ ...draft, [key]: values.find((v) => String(v) === e.target.value)! })}
      disabled={active}
      sx={{ width }}
      slotProps={{ htmlInput: { 'data-testid': `serial-${key}` } }}
    >
      {values.map((v) => (
        <MenuItem key={String(v)} value={String(v)}>
          {show(v)}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <ToolRow sx={{ py: 1.5 }}>
      <Autocomplete
        freeSolo
        size="small"
        options={ports.map((p) => p.path)}
        getOptionLabel={(path) => {
          const p = ports.find((x) => x.path === path);
          return p ? portLabel(p) : path;
        }}
        renderOption={(props, path) => {
          const p = ports.find((x) => x.path === path);
          const { key, ...rest } = props as typeof props & { key: string };
          return (
            <li
              key={key}
              {...rest}
              style={{ fontWeight: p?.stLink ? 700 : undefined, color: p?.stLink ? '#4FC3F7' : undefined }}
            >
              {p ? portLabel(p) : path}
            </li>
          );
        }}
        inputValue={draft.path}
        onInputChange={(_e, v, reason) => reason !== 'reset' && setDraft((d) => ({ ...d, path: v }))}
        onChange={(_e, v) => setDraft((d) => ({ ...d, path: v ?? '' }))}
        disabled={active}
        sx={{ width: 250 }}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Port"
            placeholder={ports.length ? 'Pick a port or type a path' : 'Type a path: /dev/ttyACM0, COM3'}
            // Said once, quietly, where it matters: a typed path still works.
            helperText={
              listFailed ? (
                <span data-testid="serial-list-failed">Ports could not be listed: type the path.</span>
              ) : undefined
            }
            slotProps={{
              ...params.slotProps,
              inputLabel: { shrink: true },
              htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'serial-path' },
            }}
          />
        )}
      />
      <Tooltip title="Refresh the port list (pseudo-terminals are never listed: type their path)">
        <span>
          <IconButton size="small" aria-label="Refresh ports" onClick={refresh} disabled={active}>
            <RefreshIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Autocomplete
        freeSolo
        size="small"
        options={BAUD_PRESETS.map(String)}
        inputValue={draft.baud}
        onInputChange={(_e, v) => setDraft((d) => ({ ...d, baud: v.replace(/[^0-9]/g, '') }))}
        disabled={active}
        disableClearable
        sx={{ width: 128 }}
        renderInput={(params) => <TextField {...params} label="Baud" error={!baudOk} />}
      />
      {select('dataBits', 'Data', [8, 7, 6, 5] as const, 70)}
      {select('parity', 'Parity', ['none', 'even', 'odd', 'mark', 'space'] as const, 92)}
      {select('stopBits', 'Stop', [1, 1.5, 2] as const, 70)}
      {select(
        'flowControl',
        'Flow',
        ['none', 'rtscts', 'xonxoff'] as const,
        108,
        (v) => ({ none: 'none', rtscts: 'RTS/CTS', xonxoff: 'XON/XOFF' })[v],
      )}
      {active ? (
        <Button
          variant="outlined"
          onClick={() => void disconnect()}
          disabled={busy}
          data-testid="serial-disconnect"
        >
          Disconnect
        </Button>
      ) : (
        <Button
          variant="contained"
          onClick={() => void connect()}
          disabled={busy || boardId === undefined || !draft.path.trim() || !baudOk}
          data-testid="serial-connect"
        >
          Connect
        </Button>
      )}
      <Box sx={{ flex: 1 }} />
      <LinkChip
        label="Serial"
        word={chip.word}
        tone={chip.tone}
        detail={chip.detail}
        testId="serial-page-chip"
      />
    </ToolRow>
  );
}
