import { describe, expect, it } from 'vitest';
import { escapeHtml, html, renderEmail } from './template.js';
import { retryDelayMs } from './worker.js';

// Whitespace between tags means nothing in HTML (and the formatter re-indents templates).
const squash = (markup: string) => markup.replace(/>\s+</g, '><').trim();

describe('email templates', () => {
  it('escapes every interpolated value in HTML', () => {
    const name = `<script>alert("x")</script> & 'friends'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;</p>',
    );
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });

  it('inserts nested markup once, and arrays and empty values as they are', () => {
    const items = ['a<', 'b'].map((s) => html`<li>${s}</li>`);
    expect(
      squash(
        html`<ul>
            ${items}
          </ul>
          ${null}${undefined}${false}`.value,
      ),
    ).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
  });

  it('renders a plain text and an HTML body with the link back to the object', () => {
    const email = renderEmail({
      subject: 'New report in <RustConf>\r\nBcc: evil@example.org',
      greeting: 'Hello Ada,',
      paragraphs: ['Someone reported an incident at <RustConf>.', 'First line\nsecond line'],
      action: { label: 'Open the report', url: 'https://steward.example.org/reports/1?a=1&b=2' },
      footer: 'You get this email because you are on the response team.',
    });
    expect(email.subject).toBe('New report in <RustConf> Bcc: evil@example.org');
    expect(email.text).toBe(
      [
        'Hello Ada,',
        'Someone reported an incident at <RustConf>.',
        'First line\nsecond line',
        'Open the report:\nhttps://steward.example.org/reports/1?a=1&b=2',
        '--\nYou get this email because you are on the response team.',
      ].join('\n\n') + '\n',
    );
    expect(email.html).toContain('incident at &lt;RustConf&gt;.');
    expect(email.html).not.toContain('<RustConf>');
    expect(email.html).toContain('First line<br />second line');
    expect(email.html).toContain('href="https://steward.example.org/reports/1?a=1&amp;b=2"');
    expect(squash(email.html)).toMatch(/>\s*Open the report\s*<\/a\s*>/);
    expect(email.html).toMatch(/^<!doctype html>/);
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderEmail({
        subject: 'x',
        paragraphs: [],
        action: { label: 'Click', url: 'javascript:alert(1)' },
      }),
    ).toThrow(/http\(s\)/);
  });
});

describe('retry backoff', () => {
  it('doubles from 30 seconds up to an hour', () => {
    expect([1, 2, 3, 4, 8, 20].map((n) => retryDelayMs(n))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
    expect(retryDelayMs(2, { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 1500 })).toBe(1500);
  });
});
