// Node 20's TextDecoder decodes windows-1252 (the WHATWG meaning of "iso-8859-1" and
// "latin1" too) as plain ISO-8859-1, turning curly quotes, dashes and € into C1 controls.
// This module supplies the correct mapping until the runtime gets it right.

/** WHATWG windows-1252 code points for bytes 0x80–0x9F; every other byte maps to itself. */
const HIGH_CONTROLS = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

let nativeIsCorrect: boolean | undefined;

/** True when the runtime's own windows-1252 decoder maps 0x80 to €. */
function isNativeDecoderCorrect(): boolean {
  nativeIsCorrect ??= new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '\u20ac';
  return nativeIsCorrect;
}

/** Decodes windows-1252 bytes to a string per the WHATWG Encoding Standard. */
export function decodeWindows1252(bytes: Uint8Array): string {
  if (isNativeDecoderCorrect()) return new TextDecoder('windows-1252').decode(bytes);
  const units = new Uint16Array(bytes.length);
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0;
    units[index] = byte >= 0x80 && byte <= 0x9f ? (HIGH_CONTROLS[byte - 0x80] ?? byte) : byte;
  }
  return new TextDecoder('utf-16le').decode(units);
}
