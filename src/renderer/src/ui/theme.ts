import { createTheme } from '@mui/material/styles';

/** Colours with a meaning, shared by every page (the firmware's own dashboard uses the same LED and log colours). */
export const signal = {
  ledYellow: '#FFD600',
  ledRed: '#FF1744',
  ledGreen: '#00E676',
  ledOff: '#555555',
  tx: '#42A5F5',
  rx: '#66BB6A',
  ok: '#00C853',
  warn: '#FFD600',
  error: '#FF1744',
  info: '#90A4AE',
} as const;

/** Dark, dense, one accent colour; tabular figures so changing numbers never make the layout jump. */
export const theme = createTheme({
  palette: {
    mode: 'dark',
    primary: { main: '#4FC3F7' },
    background: { default: '#101214', paper: '#171a1d' },
    success: { main: '#66BB6A' },
    warning: { main: '#FFB300' },
    error: { main: '#FF5252' },
  },
  shape: { borderRadius: 6 },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 13,
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        body: { fontVariantNumeric: 'tabular-nums' },
        '*:focus-visible': { outline: '2px solid #4FC3F7', outlineOffset: 2 },
      },
    },
    MuiButtonBase: {
      styleOverrides: { root: { '&.Mui-focusVisible': { outline: '2px solid #4FC3F7', outlineOffset: 2 } } },
    },
    MuiTooltip: { defaultProps: { arrow: true } },
  },
});

/** Monospace stack for bytes, logs and addresses. */
export const mono = 'ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace';
