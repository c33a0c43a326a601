import { TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { firmwareField } from '../../../../shared/telemetry/fields';
import { mono } from '../../ui/theme';

interface Props {
  readonly name: string;
  /** The unit in force ('' for none). */
  readonly unit: string;
  /** Saves a unit; answers with the reason when it was refused. */
  readonly onSave: (field: string, unit: string) => Promise<string | undefined>;
}

/** A field's unit: fixed for the firmware's own fields, editable (kept in the settings) for any other. */
export function UnitField({ name, unit, onSave }: Props) {
  const [text, setText] = useState(unit);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setText(unit), [unit]);
  if (firmwareField(name))
    return (
      <Typography
        variant="caption"
        color="text.secondary"
        title="Unit set by the firmware"
        sx={{ fontFamily: mono, pl: 4, display: 'block' }}
      >
        unit: {unit || 'none (a plain number)'}
      </Typography>
    );
  const save = () => {
    if (text.trim() === unit) return setText(unit);
    void onSave(name, text).then((problem) => {
      setError(problem);
      if (problem) setText(unit);
    });
  };
  return (
    <TextField
      size="small"
      variant="standard"
      placeholder="unit"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') save();
        if (e.key === 'Escape') setText(unit);
      }}
      error={error !== undefined}
      helperText={error}
      sx={{ ml: 4, width: 'calc(100% - 32px)' }}
      slotProps={{
        htmlInput: {
          'aria-label': `Unit of ${name}`,
          maxLength: 16,
          spellCheck: false,
          style: { fontFamily: mono, fontSize: 12 },
        },
      }}
    />
  );
}
