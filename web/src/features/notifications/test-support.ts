import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type { AppNotification, NotificationPage } from '../../api/notifications';

/**
 * A stand-in for the browser's EventSource that a test drives: `emit` sends a named event,
 * `fail` an error; every instance made is kept, so a test sees how many were opened and closed.
 */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readyState = FakeEventSource.CONNECTING;
  onerror: ((event: Event) => void) | null = null;
  onopen: ((event: Event) => void) | null = null;
  private listeners = new Map<string, Set<(event: MessageEvent) => void>>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.get(type)?.delete(listener);
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }

  get closed() {
    return this.readyState === FakeEventSource.CLOSED;
  }

  emit(type: string, data: unknown) {
    act(() => {
      this.readyState = FakeEventSource.OPEN;
      const event = new MessageEvent(type, { data: JSON.stringify(data) });
      this.listeners.get(type)?.forEach((listener) => listener(event));
    });
  }

  fail({ closed = false } = {}) {
    act(() => {
      this.readyState = closed ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
      this.onerror?.(new Event('error'));
    });
  }

  /** The one stream still open (the test fails when there is none, or more than one). */
  static open(): FakeEventSource {
    const open = FakeEventSource.instances.filter((s) => !s.closed);
    if (open.length !== 1) throw new Error(`${open.length} open event streams`);
    return open[0]!;
  }
}

/** Puts the fake in place of window.EventSource for one test (undone by vi.unstubAllGlobals). */
export function stubEventSource() {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
}

export const aNotification = (over: Partial<AppNotification> = {}): AppNotification => ({
  id: 'n-1',
  kind: 'report.new',
  title: 'New report #12 at RustFest Berlin: Slides with insults',
  link: '/reports/r-12',
  createdAt: '2026-06-03T10:15:00.000Z',
  readAt: null,
  event: { id: 'ev-1', name: 'RustFest Berlin' },
  actor: null,
  ...over,
});

export const notificationPage = (
  items: AppNotification[],
  { page = 1, pageSize = 20, total = items.length, unread = 0 } = {},
): NotificationPage => ({ items, page, pageSize, total, unread });
