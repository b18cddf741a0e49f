import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../errors.js';

/** Profile pictures: small, and only formats every browser shows. */
export const AVATAR_MAX_BYTES = 512 * 1024;
const allowed = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * The image type of an uploaded avatar, read from its bytes (never from its name or the
 * declared Content-Type, which a client chooses); refuses anything else.
 */
export async function avatarType(data: Buffer): Promise<string> {
  if (data.length === 0) throw new AppError('validation_failed', 'The picture is empty.');
  if (data.length > AVATAR_MAX_BYTES) {
    throw new AppError(
      'payload_too_large',
      `A picture may be at most ${AVATAR_MAX_BYTES / 1024} KB.`,
    );
  }
  const detected = await fileTypeFromBuffer(data);
  if (!detected || !allowed.has(detected.mime)) {
    throw new AppError('unsupported_media_type', 'Use a PNG, JPEG, WebP or GIF picture.');
  }
  return detected.mime;
}
