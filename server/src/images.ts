import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from './errors.js';

/** Image formats every browser shows. */
const webImages = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * The type of an uploaded picture, read from its bytes (never from its name or the declared
 * Content-Type, which a client chooses); refuses an empty, oversized or non-image upload.
 */
export async function imageType(
  data: Buffer,
  { maxBytes, what }: { maxBytes: number; what: string },
): Promise<string> {
  if (data.length === 0) throw new AppError('validation_failed', `The ${what} is empty.`);
  if (data.length > maxBytes) {
    throw new AppError('payload_too_large', `A ${what} may be at most ${maxBytes / 1024} KB.`);
  }
  const detected = await fileTypeFromBuffer(data);
  if (!detected || !webImages.has(detected.mime)) {
    throw new AppError('unsupported_media_type', `Use a PNG, JPEG, WebP or GIF ${what}.`);
  }
  return detected.mime;
}

/** Logos arrive at most this large and are kept at most LOGO_SIZE pixels on their longer side. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_SIZE = 512;

/**
 * A logo checked by content, then redrawn as a PNG of at most 512 px: what is stored is always
 * an image Steward made itself (no metadata, no surprises in the original file), with its
 * transparency kept.
 */
export async function prepareLogo(data: Buffer): Promise<{ contentType: string; data: Buffer }> {
  await imageType(data, { maxBytes: LOGO_MAX_BYTES, what: 'logo' });
  try {
    const png = await sharp(data, { animated: false, limitInputPixels: 40_000_000 })
      .rotate()
      .resize(LOGO_SIZE, LOGO_SIZE, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer();
    return { contentType: 'image/png', data: png };
  } catch {
    // The header looked like an image but the data does not decode.
    throw new AppError('unsupported_media_type', 'This logo could not be read as an image.');
  }
}
