import { Button, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { ToolRow } from '../../components/ToolRow';
import { TextHexToggle, type TextOrHex } from '../../components/TextHexToggle';
import { mono } from '../../ui/theme';
import type { SerialStore } from './serial-store';

type Ending = 'none' | 'lf' | 'cr' | 'crlf';
const ENDINGS: { value: Ending; label: string }[] = [
  { value: 'none', label: 'No ending' },
  { value: 'lf', label: '\\n (LF)' },
  { value: 'cr', label: '\\r (CR)' },
  { value: 'crlf', label: '\\r\\n (CR LF)' },
];

/** A line to send to board `boardId`'s console, as text or hex, with a chosen line ending. */
export function SendBar({
  store,
  boardId,
  canSend,
}: {
  store: SerialStore;
  boardId: string | undefined;
  canSend: boolean;
}) {
  const [text, setText] = useState('');
  const [mode, setMode] = useState<TextOrHex>('text');
  const [ending, setEnding] = useState<Ending>('crlf');
  const hexOk =
    mode === 'text' || (/^[0-9a-fA-F\s]*$/.test(text) && text.replace(/\s+/g, '').length % 2 === 0);

  const send = async () => {
    if (boardId === undefined) return;
    if (await store.send(boardId, mode === 'text' ? { text } : { hex: text }, ending)) setText('');
  };

  return (
    <ToolRow edge="top" sx={{ py: 1 }}>
      <TextHexToggle value={mode} onChange={setMode} label="Send as" />
      <TextField
        size="small"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && canSend && hexOk && text) void send();
        }}
        placeholder={mode === 'hex' ? '48 65 6C 6C 6F' : 'Text to send'}
        error={!hexOk}
        disabled={!canSend}
        sx={{ flex: 1, minWidth: 240 }}
        slotProps={{ htmlInput: { 'aria-label': 'Line to send', style: { fontFamily: mono } } }}
      />
      <TextField
        select
        size="small"
        value={ending}
        onChange={(e) => setEnding(e.target.value as Ending)}
        sx={{ width: 140 }}
        aria-label="Line ending"
      >
        {ENDINGS.map((e) => (
          <MenuItem key={e.value} value={e.value}>
            {e.label}
          </MenuItem>
        ))}
      </TextField>
      <Button variant="outlined" onClick={() => void send()} disabled={!canSend || !hexOk || !text}>
        Send
      </Button>
      <Typography variant="caption" color="text.secondary" sx={{ width: '100%' }}>
        The NUCLEO-MEM firmware does not read its UART (TX only), so it ignores what you send; other firmware
        may listen.
      </Typography>
    </ToolRow>
  );
}
