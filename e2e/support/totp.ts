import { createHmac } from 'node:crypto';

// RFC 6238 one-time codes (SHA-1, 6 digits, 30-second steps), as an authenticator app makes
// them: the browser tests type what a phone would show.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function fromBase32(text: string): Buffer {
  const bytes: number[] = [];
  let buffer = 0;
  let bitCount = 0;
  for (const char of text.toUpperCase().replace(/[\s=]/g, '')) {
    const index = BASE32.indexOf(char);
    if (index === -1) throw new Error(`"${char}" is not base32`);
    buffer = ((buffer << 5) | index) & 0xffff;
    bitCount += 5;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes.push((buffer >> bitCount) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The secret (base32) inside an `otpauth://totp/…?secret=…` URI. */
export function secretFromUri(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new Error(`no secret in ${uri}`);
  return secret;
}

/** The code an authenticator app shows for this base32 secret at this moment. */
export function totpCode(secret: string, now = Date.now()): string {
  const step = Buffer.alloc(8);
  step.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const digest = createHmac('sha1', fromBase32(secret)).update(step).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}
