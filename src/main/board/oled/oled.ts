import type { OledStatusRegions } from '../../../shared/oled';

/** What the SSD1306 shows (docs/firmware-protocol.md §10). */
export type OledScreen =
  | { readonly kind: 'off' }
  | { readonly kind: 'logo'; readonly lines: readonly [string, string] }
  | { readonly kind: 'tag-id'; readonly lines: readonly [string] }
  | { readonly kind: 'message'; readonly lines: readonly [string, string] }
  | {
      readonly kind: 'status';
      readonly regions: OledStatusRegions;
    }
  | { readonly kind: 'error'; readonly lines: readonly [string, string] };

/** The boot screens before the RTOS starts, with their nominal durations (ms). */
export const BOOT_SCREENS: readonly { screen: OledScreen; ms: number }[] = [
  { screen: { kind: 'logo', lines: ['Intector', 'the technical edge'] }, ms: 1000 },
  { screen: { kind: 'tag-id', lines: ['TAG-ID'] }, ms: 1000 },
  { screen: { kind: 'message', lines: ['*** Info ***', 'start initializing'] }, ms: 100 },
  ...['Ethernet init', 'OCTOSPI1 init', 'PSRAM init', 'PSRAM mapping', 'PSRAM Bus Verify', 'PSRAM test'].map(
    (t) => ({
      screen: { kind: 'message', lines: ['*** Info ***', t] } as OledScreen,
      ms: 50,
    }),
  ),
  { screen: { kind: 'message', lines: ['*** Initialization done ***', 'starting AZ-RTOS'] }, ms: 50 },
];

export const IP_LINE = 'IP: 192.168.0.50 / 255.255.255.0';

/** The OLED as state with change events. */
export class Oled {
  private screen: OledScreen = { kind: 'off' };
  private readonly listeners = new Set<(s: OledScreen) => void>();

  get(): OledScreen {
    return this.screen;
  }

  show(screen: OledScreen): void {
    this.screen = screen;
    for (const l of this.listeners) l(screen);
  }

  /** The run-time status screen with the link text (`> connected <` or `disconnected`). */
  showStatus(linkUp: boolean): void {
    this.show({
      kind: 'status',
      regions: {
        lt: 'WPT-State',
        lm: 'disabled',
        rt: 'ETHERNET',
        rm: linkUp ? '> connected <' : 'disconnected',
        bl: IP_LINE,
      },
    });
  }

  onChange(listener: (s: OledScreen) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
