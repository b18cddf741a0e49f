import { describe, expect, it } from 'vitest';
import { serializeRequest } from './logger.js';

describe('request log lines', () => {
  it('show the path and never the query, which may quote a report', () => {
    const line = serializeRequest({
      method: 'GET',
      url: '/api/events/e1/reports?q=groped+at+the+party&sort=newest',
      ip: '203.0.113.9',
    });
    expect(line).toEqual({
      method: 'GET',
      url: '/api/events/e1/reports',
      remoteAddress: '203.0.113.9',
    });
    expect(JSON.stringify(line)).not.toContain('groped');
  });
});
