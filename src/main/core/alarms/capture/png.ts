// A minimal PNG encoder (8-bit RGB, no interlace) for the capture bundle's charts: the core draws them without a
// browser (the headless agent has none), so it writes the file itself with node:zlib.
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes `rgb` (width × height pixels, 3 bytes each, rows top to bottom) as a PNG. `text`: tEXt chunks
 * (keyword → Latin-1 value), e.g. what the picture shows.
 */
export function encodePng(
  width: number,
  height: number,
  rgb: Uint8Array,
  text: Readonly<Record<string, string>> = {},
): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`A PNG is at least 1 × 1 pixels (asked for ${width} × ${height}).`);
  if (rgb.length !== width * height * 3)
    throw new RangeError(
      `${width} × ${height} RGB pixels are ${width * height * 3} bytes, not ${rgb.length}.`,
    );
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // compression, filter and interlace methods stay 0
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter type 0 (none) before each row: flat charts compress well without it.
    raw[y * (stride + 1)] = 0;
    raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const texts = Object.entries(text).map(([k, v]) => chunk('tEXt', Buffer.from(`${k}\0${v}`, 'latin1')));
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    ...texts,
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
