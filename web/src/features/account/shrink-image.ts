/** What the server takes for a profile picture (see server/src/modules/account/avatar.ts). */
export const AVATAR_MAX_BYTES = 512 * 1024;

// Larger than any place a profile picture is shown, even on a dense screen.
const MAX_SIDE = 512;

/**
 * A picture too large to send (a phone camera's photo is megabytes), drawn smaller in the
 * browser, as WebP where the browser can write it and JPEG otherwise. Null when the browser
 * cannot read the picture or the result is still too large.
 */
export async function shrinkImage(file: Blob): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function') return null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const toBlob = (type: string) =>
      new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.85));
    // A browser that cannot write WebP answers with a PNG instead: then JPEG is smaller.
    let blob = await toBlob('image/webp');
    if (blob?.type !== 'image/webp') blob = await toBlob('image/jpeg');
    return blob && blob.size <= AVATAR_MAX_BYTES ? blob : null;
  } finally {
    bitmap.close();
  }
}
