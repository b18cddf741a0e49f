import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders headings, lists, emphasis and links', () => {
    const html = renderMarkdown('# Our code\n\n- be **kind**\n- [contact](https://example.org)');
    expect(html).toContain('<h1>Our code</h1>');
    expect(html).toContain('<strong>kind</strong>');
    expect(html).toContain(
      '<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">contact</a>',
    );
  });

  // What a payload may leave behind is text; what it must never leave is a live element.
  const tags = (html: string) => html.match(/<[^>]+>/g) ?? [];

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JAVASCRIPT:alert(1))',
    '[click](  javascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '<a href="https://x" onclick="alert(1)">x</a>',
    '<iframe src="https://evil"></iframe>',
    '<style>body{}</style>',
    '![x](https://tracker.example/pixel.png)',
  ])('keeps %s inert', (source) => {
    for (const tag of tags(renderMarkdown(source))) {
      expect(tag).not.toMatch(/^<(script|img|iframe|style|object|embed|svg)/i);
      expect(tag).not.toMatch(/\son\w+=/i);
      expect(tag).not.toMatch(/href="(?!https?:|mailto:)/i);
    }
  });

  it('shows raw HTML as text rather than dropping what was written', () => {
    expect(renderMarkdown('a <b>bold</b> claim')).toContain('a &lt;b&gt;bold&lt;/b&gt; claim');
  });

  it('renders a text read again (kept) as it did the first time, the empty text included', () => {
    const large = 'x'.repeat(5_000_000); // more than the cache keeps: rendered each time
    const expected: [string, string][] = [
      ['', ''],
      [
        '# Again\n\n<script>x</script> *twice*',
        '<h1>Again</h1>\n<p>&lt;script&gt;x&lt;/script&gt; <em>twice</em></p>\n',
      ],
      [large, `<p>${large}</p>\n`],
    ];
    for (const [source, html] of [...expected, ...expected]) {
      expect(renderMarkdown(source)).toBe(html);
    }
  });
});
