import { LRUCache } from 'lru-cache';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Markdown written by people (codes of conduct, and later comments) becomes HTML here, on the
// server, once: raw HTML in the source is shown as text, and the output passes an allowlist, so
// no script, no event handler, no style and no javascript: link can reach a browser.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    's',
    'del',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Links leave Steward without telling the other site where they came from.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};
allowed.allowedAttributes = { ...allowed.allowedAttributes, a: ['href', 'title', 'rel', 'target'] };

// The same text renders to the same HTML, and a report or code of conduct is read far more often
// than written: rendering and sanitizing were a tenth of the CPU of opening a report. Recent
// renderings are kept, up to about 16 MB of text (a JavaScript string is two bytes a character).
const rendered = new LRUCache<string, string>({
  maxSize: 8 * 1024 * 1024,
  sizeCalculation: (html, source) => html.length + source.length + 1,
});

/** Markdown source → HTML that is safe to insert into a page. */
export function renderMarkdown(source: string): string {
  let html = rendered.get(source);
  if (html === undefined) {
    html = sanitizeHtml(markdown.render(source), allowed);
    // A text larger than the whole cache is not kept (lru-cache's rule), nor evicts the rest.
    rendered.set(source, html);
  }
  return html;
}
