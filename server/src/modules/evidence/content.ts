import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../errors.js';

// What an evidence file is, read from its bytes (SPEC §9: "checked by content, not by name"),
// and the name it is kept under. The uploader's file name and Content-Type are never trusted.

interface Kind {
  /** The extension given to a name that has none of `extensions`. */
  ext: string;
  /** Extensions that already fit this type (lower case). */
  extensions: readonly string[];
}

const kind = (ext: string, ...more: string[]): Kind => ({ ext, extensions: [ext, ...more] });

/**
 * The types accepted as evidence, as file-type names them: what phones and laptops produce for
 * screenshots, photos, documents, recordings and videos. Anything a browser might run (HTML, SVG,
 * XML, scripts, executables) is not among them.
 */
const accepted: Record<string, Kind> = {
  'image/jpeg': kind('jpg', 'jpeg', 'jpe', 'jfif'),
  'image/png': kind('png'),
  'image/gif': kind('gif'),
  'image/webp': kind('webp'),
  'image/heic': kind('heic', 'heif'),
  'image/heic-sequence': kind('heic', 'heif', 'heics'),
  'image/heif': kind('heif', 'heic'),
  'image/heif-sequence': kind('heif', 'heic', 'heifs'),
  'application/pdf': kind('pdf'),
  'video/mp4': kind('mp4', 'm4v'),
  'video/x-m4v': kind('m4v', 'mp4'),
  'video/quicktime': kind('mov', 'qt'),
  'video/webm': kind('webm'),
  'video/ogg': kind('ogv', 'ogg'),
  'audio/mpeg': kind('mp3'),
  'audio/x-m4a': kind('m4a', 'mp4', 'aac'),
  'audio/mp4': kind('m4a', 'mp4', 'aac'),
  'audio/aac': kind('aac', 'm4a'),
  'audio/ogg': kind('ogg', 'oga', 'opus'),
  'audio/ogg; codecs=opus': kind('opus', 'ogg', 'oga'),
  'audio/wav': kind('wav', 'wave'),
  'text/plain': kind('txt', 'text', 'log', 'md', 'csv'),
};

const describeAccepted =
  'Upload a picture (JPEG, PNG, GIF, WebP, HEIC), a PDF, a video (MP4, MOV, WebM), ' +
  'a recording (MP3, M4A, AAC, OGG, WAV) or plain text.';

// Markup a browser would render or run if it ever treated the text as a page. Plain-text
// evidence is sent with nosniff and as an attachment anyway; refusing it keeps a stored page
// from ever being one download setting away.
const leadingMarkup = /^\s*<[!?a-zA-Z]/;
const markupTag = /<\s*(?:html|svg|script|iframe|object|embed)\b/i;

/** Plain text: valid UTF-8 without NUL bytes, and not a web page or SVG in disguise. */
function textKind(data: Buffer): 'text/plain' | 'markup' | null {
  if (data.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return null;
  }
  if (leadingMarkup.test(text) || markupTag.test(text)) return 'markup';
  return 'text/plain';
}

/**
 * The content type of an evidence file from its bytes; throws 400 when it is empty, 413 when it
 * is larger than `maxBytes`, 415 when it is not a type evidence may have.
 */
export async function evidenceType(data: Buffer, maxBytes: number): Promise<string> {
  if (data.length === 0) {
    throw new AppError('validation_failed', 'The file is empty.', [
      { field: 'body', message: 'Choose a file that is not empty' },
    ]);
  }
  if (data.length > maxBytes) {
    throw new AppError(
      'payload_too_large',
      `An evidence file may be at most ${formatBytes(maxBytes)}; this one is ${formatBytes(data.length)}.`,
    );
  }
  const detected = await fileTypeFromBuffer(data);
  if (detected) {
    if (detected.mime in accepted) return detected.mime;
    throw new AppError(
      'unsupported_media_type',
      `Files of this type (${detected.ext}) cannot be evidence. ${describeAccepted}`,
    );
  }
  const text = textKind(data);
  if (text === 'text/plain') return text;
  if (text === 'markup') {
    throw new AppError(
      'unsupported_media_type',
      `Web pages, SVG and XML cannot be evidence. Save a screenshot or a PDF instead. ${describeAccepted}`,
    );
  }
  throw new AppError(
    'unsupported_media_type',
    `This file's type could not be recognized. ${describeAccepted}`,
  );
}

/** The Content-Type to send stored evidence with. */
export const sendableType = (contentType: string) =>
  contentType === 'text/plain' ? 'text/plain; charset=utf-8' : contentType;

export const FILE_NAME_MAX = 120;

// Kept: letters and combining marks of any script, digits, spaces, . - _ ( ).
const disallowed = /[^\p{L}\p{M}\p{N} ._\-()]/gu;

/**
 * The name a file is kept under: the last part of a path, without control or format characters
 * (no bidirectional overrides) or anything outside letters, digits, spaces and `. - _ ( )`; at
 * most 120 characters; ending in an extension of its sniffed type; never empty.
 */
export function sanitizeFileName(original: string | undefined, contentType: string): string {
  const fits = accepted[contentType] ?? kind('bin');
  const base = (original ?? '')
    .normalize('NFC')
    .split(/[/\\]/)
    .pop()!
    .replace(/\p{C}/gu, '')
    .replace(disallowed, '')
    .replace(/\s+/g, ' ')
    // No hidden files, no names Windows would trim.
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (base === '') return `evidence.${fits.ext}`;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const hasExt = fits.extensions.includes(ext);
  const suffix = hasExt ? '' : `.${fits.ext}`;
  const chars = Array.from(base);
  if (chars.length + suffix.length <= FILE_NAME_MAX) return base + suffix;
  if (hasExt) {
    // Shorten the stem and keep the extension.
    const stem = Array.from(base.slice(0, dot)).slice(0, FILE_NAME_MAX - ext.length - 1);
    return `${stem.join('').trimEnd()}.${base.slice(dot + 1)}`;
  }
  return (
    chars
      .slice(0, FILE_NAME_MAX - suffix.length)
      .join('')
      .trimEnd() + suffix
  );
}

/** The SHA-256 of the bytes, hex: kept with the evidence so a copy can be shown to be the same. */
export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * A Content-Disposition that downloads the file under its name in every browser: an ASCII
 * fallback in `filename` (quotes and backslashes cannot occur: sanitizeFileName removed them) and
 * the real name in `filename*`, percent-encoded.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}
