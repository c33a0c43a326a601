import { Box, Button, Checkbox, FormControlLabel, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { fromHex } from '../../../../shared/frames/bytes';
import { FRAME_TEMPLATES, type FrameTemplate } from '../../../../shared/frames/templates';
import { mono } from '../../ui/theme';
import { TextHexToggle, type TextOrHex } from '../../components/TextHexToggle';
import type { ComposerRequests, SendOutcome } from './board-frames';
import { PickList } from './PickList';

/** The templates that probe the board's frame parser. */
const PROBES = FRAME_TEMPLATES.filter((t): t is Extract<FrameTemplate, { kind: 'raw' }> => t.kind === 'raw');

const OPS: Array<[number, string]> = [
  [0, '0 continuation'],
  [1, '1 text'],
  [2, '2 binary'],
  [3, '3 reserved'],
  [8, '8 close'],
  [9, '9 ping'],
  [10, '10 pong'],
  [11, '11 reserved'],
];

/** Hand-built frames, written to the socket as they are: FIN/RSV/opcode/mask/length all under the user's control. */
export function RawComposer({
  requests,
  disabled,
  onOutcome,
}: {
  requests: ComposerRequests;
  disabled: boolean;
  onOutcome: (o: SendOutcome) => void;
}) {
  const [fin, setFin] = useState(true);
  const [rsv, setRsv] = useState([false, false, false]);
  const [opcode, setOpcode] = useState(1);
  const [mask, setMask] = useState(true);
  const [maskKey, setMaskKey] = useState('');
  const [as, setAs] = useState<TextOrHex>('text');
  const [payload, setPayload] = useState('{"type":"led-command","led":"yellow","state":true}');
  const [lengthOverride, setLengthOverride] = useState('');

  const keyOk = maskKey === '' || /^[0-9a-fA-F]{8}$/.test(maskKey);
  const hexOk = as === 'text' || fromHex(payload) !== undefined;
  const lenOk = lengthOverride === '' || /^\d{1,15}$/.test(lengthOverride);
  const send = async () => {
    const r = await requests.sendRaw({
      fin,
      rsv1: rsv[0],
      rsv2: rsv[1],
      rsv3: rsv[2],
      opcode,
      mask,
      maskKey: mask && maskKey ? maskKey : undefined,
      ...(as === 'hex' ? { payloadHex: payload } : { payloadText: payload }),
      lengthOverride: lengthOverride === '' ? undefined : Number(lengthOverride),
    });
    onOutcome(
      r.ok
        ? { ok: true, text: `Raw frame written: ${r.value.bytes} B, header ${r.value.header}` }
        : { ok: false, text: r.error.message },
    );
  };

  return (
    <Box
      sx={{
        mt: 0.5,
        p: 1,
        border: 1,
        borderColor: 'warning.main',
        borderRadius: 1,
        bgcolor: 'rgba(255,179,0,0.06)',
      }}
      data-testid="raw-composer"
    >
      <Typography variant="caption" sx={{ color: 'warning.main', display: 'block', mb: 0.5 }}>
        ⚠ Bytes go to the socket exactly as built here. Malformed frames can desynchronise the link or make
        the board drop it.
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <FormControlLabel
          control={<Checkbox size="small" checked={fin} onChange={(e) => setFin(e.target.checked)} />}
          label="FIN"
        />
        {['RSV1', 'RSV2', 'RSV3'].map((name, i) => (
          <FormControlLabel
            key={name}
            control={
              <Checkbox
                size="small"
                checked={rsv[i]}
                onChange={(e) => setRsv(rsv.map((v, j) => (j === i ? e.target.checked : v)))}
              />
            }
            label={name}
          />
        ))}
        <TextField
          select
          size="small"
          label="Opcode"
          value={opcode}
          onChange={(e) => setOpcode(Number(e.target.value))}
          sx={{ width: 140 }}
        >
          {OPS.map(([v, l]) => (
            <MenuItem key={v} value={v} dense>
              {l}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={<Checkbox size="small" checked={mask} onChange={(e) => setMask(e.target.checked)} />}
          label="Mask"
        />
        <TextField
          size="small"
          label="Mask key"
          placeholder="random"
          disabled={!mask}
          value={maskKey}
          error={!keyOk}
          onChange={(e) => setMaskKey(e.target.value.trim())}
          slotProps={{ htmlInput: { maxLength: 8, style: { fontFamily: mono } } }}
          sx={{ width: 110 }}
        />
        <TextField
          size="small"
          label="Length field"
          placeholder="real length"
          value={lengthOverride}
          error={!lenOk}
          onChange={(e) => setLengthOverride(e.target.value.trim())}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ width: 140 }}
        />
        <PickList
          label="Probe"
          items={PROBES}
          onPick={(t) => {
            setFin(t.fin);
            setOpcode(t.opcode);
            setMask(t.mask);
            setAs('text');
            setPayload(t.payloadText);
            onOutcome({ ok: true, text: t.note });
          }}
          width={150}
        />
      </Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mt: 0.5 }}>
        <TextHexToggle value={as} onChange={setAs} label="Payload as" />
        <TextField
          size="small"
          fullWidth
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
          error={!hexOk}
          helperText={hexOk ? undefined : 'Hex payload: pairs of hex digits, spaces allowed'}
          slotProps={{
            htmlInput: {
              'aria-label': 'Raw payload',
              spellCheck: false,
              style: { fontFamily: mono, fontSize: 12 },
            },
          }}
        />
        <Button
          variant="contained"
          color="warning"
          size="small"
          disabled={disabled || !keyOk || !hexOk || !lenOk}
          onClick={() => void send()}
          sx={{ whiteSpace: 'nowrap' }}
        >
          Send raw
        </Button>
      </Box>
    </Box>
  );
}
