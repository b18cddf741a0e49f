import { randomBytes } from 'node:crypto';
import type { MemberClient } from '../../support/accounts.js';
import { startServer, type RunningServer } from '../../support/server.js';

/**
 * Several Steward processes on one database, as behind a load balancer: the same DATABASE_URL and
 * AUTH_SECRET, each on its own port. They start at the same time, so their migrations race for
 * the advisory lock as they would in a rolling deploy.
 */
export async function startProcesses(
  count: number,
  env: Record<string, string>,
): Promise<RunningServer[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startServer({ env })),
  );
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null)));
    throw failed.reason;
  }
  return started.map((s) => (s as PromiseFulfilledResult<RunningServer>).value);
}

/** A secret both processes share, as a deployment's AUTH_SECRET would be. */
export const newAuthSecret = () => randomBytes(32).toString('base64');

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * One person's browser-like session, sent to whichever process a request names: its cookies are
 * kept here (not per process), so a session made on one process is used on the other. Cookies a
 * process sets (a rotated session) replace the old ones, and ones it expires are dropped.
 */
export class Visitor {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly name: string,
    initial: { name: string; value: string }[] = [],
  ) {
    for (const c of initial) this.cookies.set(c.name, c.value);
  }

  /** Takes over the session of an API client (made through AdminClient.member, say). */
  static async of(name: string, client: MemberClient): Promise<Visitor> {
    const visitor = new Visitor(name, await client.cookies());
    await client.close();
    return visitor;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    server: RunningServer,
    method: string,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    this.take(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed };
  }

  /** A request that must succeed; its JSON body. */
  async ok<T = Record<string, unknown>>(
    server: RunningServer,
    method: string,
    path: string,
    body?: object,
  ): Promise<T> {
    const answer = await this.request(server, method, path, body);
    if (answer.status >= 400) {
      throw new Error(
        `${this.name}: ${method} ${path} on ${server.url}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body as T;
  }

  /** Opens the notification stream on one process; resolves once its headers arrived. */
  async stream(server: RunningServer): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/notifications/stream`, {
      headers: { cookie: this.cookieHeader, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    const renewed = this.take(res.headers);
    if (res.status !== 200 || !res.body) {
      abort.abort();
      throw new Error(`${this.name}: the stream on ${server.url} answered ${res.status}`);
    }
    return new EventStream(res.body, abort, renewed);
  }

  /** Keeps the cookies an answer sets; whether it set any. */
  private take(headers: Headers): boolean {
    const lines = headers.getSetCookie();
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';');
      const cut = pair.indexOf('=');
      const name = pair.slice(0, cut).trim();
      const value = pair.slice(cut + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', v = ''] = a.split('=').map((s) => s.trim());
        if (/^max-age$/i.test(key)) return Number(v) <= 0;
        if (/^expires$/i.test(key)) return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return lines.length > 0;
  }
}

/** What the stream's `unread` event carries. */
export interface Unread {
  unread: number;
  latest: { id: string; kind: string; title: string; link: string } | null;
}

/** A server-sent event stream read with fetch: `next()` waits for the next `unread` event. */
export class EventStream {
  private readonly queued: Unread[] = [];
  private readonly waiting: ((value: Unread) => void)[] = [];
  private ended = false;

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly abort: AbortController,
    /** Whether opening it set a cookie: it was the first read after a change of roles. */
    readonly renewedSession: boolean,
  ) {
    void this.read(body);
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          // Comment lines (keep-alives) and other events are not what the tests wait for.
          if (!block.startsWith('event: unread') || !data) continue;
          const value = JSON.parse(data) as Unread;
          const waiter = this.waiting.shift();
          if (waiter) waiter(value);
          else this.queued.push(value);
        }
      }
    } catch {
      // Aborted by close(), or the server ended the stream: either way nothing more comes.
    } finally {
      this.ended = true;
    }
  }

  /** The next `unread` event, failing after `timeoutMs`. */
  next(timeoutMs = 5000): Promise<Unread> {
    const queued = this.queued.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(new Error(`no notification event within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (value: Unread) => {
        clearTimeout(timer);
        resolve(value);
      };
      this.waiting.push(waiter);
    });
  }

  /** The next event that satisfies `test`, passing over others (a read elsewhere, say). */
  async nextWhere(test: (value: Unread) => boolean, timeoutMs = 5000): Promise<Unread> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.next(Math.max(1, deadline - Date.now()));
      if (test(value)) return value;
    }
  }

  get isEnded() {
    return this.ended;
  }

  close() {
    this.abort.abort();
  }
}

/**
 * A client address of a random /64 in the documentation range (RFC 3849), for X-Forwarded-For:
 * rate limits count IPv6 clients by /64, so no other run shares this one's counters.
 */
export function randomClientIp(): string {
  const hex = randomBytes(4).toString('hex');
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4)}::1`;
}
