import { imageType } from '../../images.js';

/** Profile pictures: small, and only formats every browser shows. */
export const AVATAR_MAX_BYTES = 512 * 1024;

/** The image type of an uploaded avatar, read from its bytes; refuses anything else. */
export const avatarType = (data: Buffer): Promise<string> =>
  imageType(data, { maxBytes: AVATAR_MAX_BYTES, what: 'picture' });
