import { describe, expect, it } from 'vitest';
import { demoteHeadings } from './code-of-conduct';

describe('demoteHeadings', () => {
  it('puts the headings of a code of conduct below the page’s, h6 at most', () => {
    expect(demoteHeadings('<h1>Be kind</h1><h2>Scope</h2><h5>x</h5><h6>y</h6>', 3)).toBe(
      '<h3>Be kind</h3><h4>Scope</h4><h6>x</h6><h6>y</h6>',
    );
  });

  it('leaves text and other tags alone', () => {
    const html = '<p>&lt;h1&gt; is a heading; <a href="https://h1.example">hr</a></p><hr />';
    expect(demoteHeadings(html, 3)).toBe(html);
  });
});
