import { BantinError } from '../errors.js';
import { decodeWindows1252 } from './decode-windows-1252.js';

export interface DecodeOptions {
  /** Look for <meta charset> / http-equiv instead of the XML declaration. */
  html?: boolean;
}

export interface DecodedBody {
  /** The text, BOM removed, normalized to NFC. */
  text: string;
  /** The WHATWG name of the encoding used, e.g. `utf-8`, `windows-1258` (ISO-8859-1 reads as `windows-1252`). */
  charset: string;
}

// Only the start of a document can carry its declaration; scanning more only costs time.
const DECLARATION_WINDOW = 1024;
const META_WINDOW = 4096;
const NUL_WINDOW = 256;

/** Decodes feed or page bytes by charset (header, BOM, declaration, UTF-8) into NFC text. */
export function decodeBody(bytes: Uint8Array, contentType: string | null, options: DecodeOptions = {}): DecodedBody {
  const charset = detectCharset(bytes, contentType, options);
  try {
    const text = stripBom(charset === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(charset).decode(bytes));
    return { text: text.normalize('NFC'), charset };
  } catch (error) {
    throw new BantinError('decode', 'decode-failed', `cannot decode ${bytes.byteLength} bytes as ${charset}`, { cause: error, context: { charset, contentType } });
  }
}

/** Chooses the encoding: Content-Type charset, then BOM, then the document's own declaration, then UTF-8. */
export function detectCharset(bytes: Uint8Array, contentType: string | null, options: DecodeOptions = {}): string {
  const bom = sniffBom(bytes);
  const fromHeader = resolveCharsetLabel(readContentTypeCharset(contentType));
  // A BOM is byte-level evidence; a header that contradicts it is the usual server misconfiguration.
  if (bom) return bom;
  if (fromHeader && !isMisdeclaredUtf16(fromHeader, bytes)) return fromHeader;
  const declared = options.html ? readMetaCharset(bytes) ?? readXmlEncoding(bytes) : readXmlEncoding(bytes);
  const fromDocument = resolveCharsetLabel(declared) ?? sniffUtf16Declaration(bytes);
  if (fromDocument && !isMisdeclaredUtf16(fromDocument, bytes)) return fromDocument;
  return 'utf-8';
}

/** The WHATWG encoding name for a label, or null when the label is unknown or empty. */
export function resolveCharsetLabel(label: string | null): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header, unquoted, or null. */
export function readContentTypeCharset(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** BOM-less UTF-16 XML starts `<?` with NULs between (XML 1.0 appendix F). */
function sniffUtf16Declaration(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  return null;
}

/**
 * True when a UTF-16 declaration cannot be right: real UTF-16 markup has NUL bytes, so
 * NUL-free bytes are an 8-bit (in practice UTF-8) document that copied a wrong header.
 */
function isMisdeclaredUtf16(charset: string, bytes: Uint8Array): boolean {
  if (charset !== 'utf-16le' && charset !== 'utf-16be') return false;
  return !bytes.subarray(0, NUL_WINDOW).includes(0);
}

function readAsciiPrefix(bytes: Uint8Array, length: number): string {
  // latin1 maps every byte to one char, so ASCII markup stays readable whatever the real charset is.
  return new TextDecoder('latin1').decode(bytes.subarray(0, length));
}

function readXmlEncoding(bytes: Uint8Array): string | null {
  const head = readAsciiPrefix(bytes, DECLARATION_WINDOW);
  const match = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z][\w.:-]*)\s*["']/.exec(head);
  return match?.[1] ?? null;
}

function readMetaCharset(bytes: Uint8Array): string | null {
  const head = readAsciiPrefix(bytes, META_WINDOW);
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z][\w.:-]*)/i.exec(head);
  return match?.[1] ?? null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
