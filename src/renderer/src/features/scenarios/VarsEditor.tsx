import { Box, TextField, Typography } from '@mui/material';

/** The file's `vars` with their values as written, each with a box to give another value for the next run. */
export function VarsEditor({
  vars,
  overrides,
  disabled,
  onChange,
}: {
  vars: Readonly<Record<string, string>>;
  overrides: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (name: string, value: string) => void;
}) {
  const names = Object.keys(vars);
  if (names.length === 0) return null;
  return (
    <Box data-testid="scenario-vars" component="section" aria-label="Variables">
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        Variables for the next run (empty: the file’s value)
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 1 }}>
        {names.map((name) => (
          <TextField
            key={name}
            size="small"
            label={name}
            value={overrides[name] ?? ''}
            placeholder={vars[name]}
            disabled={disabled}
            onChange={(e) => onChange(name, e.target.value)}
            slotProps={{
              inputLabel: { shrink: true },
              htmlInput: { 'data-testid': `scenario-var-${name}`, spellCheck: false },
            }}
          />
        ))}
      </Box>
    </Box>
  );
}
