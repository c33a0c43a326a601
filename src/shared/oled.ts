// The SSD1306 status screen's text regions (docs/firmware-protocol.md §10): what the virtual board draws and what
// the bridge carries to the Board page are the same five strings.

/** Left-top, left-middle, right-top, right-middle and bottom regions of the status screen. */
export interface OledStatusRegions {
  readonly lt: string;
  readonly lm: string;
  readonly rt: string;
  readonly rm: string;
  readonly bl: string;
}
