import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressAllowed, urlProblem, type UrlPolicy } from './url-policy.js';

// One POST to a webhook. Node's http(s) client rather than fetch: its `lookup` hook checks the
// very address a connection goes to, so a name that resolves to a private address — at the
// time of sending, whatever it resolved to when it was saved — is refused before connecting.
// Redirects are not followed (a 3xx is a failure): a redirect could lead anywhere.

export interface SendResult {
  ok: boolean;
  /** The HTTP status, when the receiver answered. */
  status: number | null;
  error: string | null;
}

/** A lookup that refuses every address the policy does not allow. */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const refused = list.find((a) => !addressAllowed(a.address, policy));
      if (refused || !list.length) {
        const e = Object.assign(
          new Error(`refused: ${hostname} resolves to a non-public address`),
          {
            code: 'EWEBHOOKADDRESS',
          },
        );
        return callback(e, '', 0);
      }
      if (options.all) return callback(null, list as never);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** POSTs `body` to `url` within `timeoutMs`; success is a 2xx answer. Never throws. */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; policy: UrlPolicy },
): Promise<SendResult> {
  // Saved URLs were checked; this also covers literal addresses, which skip the lookup below.
  const problem = urlProblem(url, opts.policy);
  if (problem) return { ok: false, status: null, error: `refused: ${problem}` };
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;

  return new Promise<SendResult>((resolve) => {
    const signal = AbortSignal.timeout(opts.timeoutMs);
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(opts.policy),
        signal,
        // No connection reuse between deliveries to different receivers.
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The answer's body is not kept (it is the receiver's business); it is read to the end
        // so the socket closes cleanly, up to a limit.
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) response.destroy();
        });
        const done = () =>
          resolve(
            status >= 200 && status < 300
              ? { ok: true, status, error: null }
              : { ok: false, status, error: `HTTP ${status}${statusText(response.statusMessage)}` },
          );
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) {
        resolve({ ok: false, status: null, error: `timed out after ${opts.timeoutMs} ms` });
      } else {
        resolve({ ok: false, status: null, error: describe(error) });
      }
    });
    request.end(body);
  });
}

const statusText = (message: string | undefined) =>
  message ? ` ${message.replace(/[^\x20-\x7e]/g, '').slice(0, 80)}` : '';

function describe(error: NodeJS.ErrnoException): string {
  if (error.code === 'EWEBHOOKADDRESS') return error.message;
  const text = error.code ? `${error.code}: ${error.message}` : error.message;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
