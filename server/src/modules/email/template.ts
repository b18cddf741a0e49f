/**
 * A tiny helper for writing an email once and getting both bodies: plain text for every client,
 * and HTML in which every interpolated value is escaped. No sanitizer: nothing a user typed is
 * ever trusted as markup, it is only ever escaped.
 */

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** Markup that is already safe (made by `html`), so it is not escaped a second time. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/**
 * A tagged template for HTML: `html`<p>Hello ${name}</p>`` escapes `name`. Nested `html` results
 * and arrays of them are inserted as they are; null and undefined become nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += interpolate(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

function interpolate(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join('');
  return escapeHtml(String(value));
}

/** The three parts every message needs. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface EmailLayout {
  subject: string;
  /** The opening line, e.g. `Hello Ada,`. */
  greeting?: string;
  /** The body, one paragraph each, as plain text. */
  paragraphs: string[];
  /** The link back to the object the email is about; every notification should carry one. */
  action?: { label: string; url: string };
  /** A closing line in small print: why the reader got this email. */
  footer?: string;
}

/**
 * Renders Steward's one email layout into a subject, a plain text body and an HTML body. Every
 * string is plain text; it is escaped for the HTML body. The action URL must be http(s), so a
 * link can never become `javascript:`.
 */
export function renderEmail(layout: EmailLayout): EmailContent {
  const subject = layout.subject.replace(/[\r\n]+/g, ' ').trim();
  const action = layout.action ? { ...layout.action, url: checkUrl(layout.action.url) } : null;

  const text = [
    layout.greeting,
    ...layout.paragraphs,
    action ? `${action.label}:\n${action.url}` : null,
    layout.footer ? `--\n${layout.footer}` : null,
  ]
    .filter((part): part is string => Boolean(part))
    .join('\n\n');

  const paragraph = (p: string) => html`<p style="margin:0 0 16px">${lines(p)}</p>`;
  const body = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${subject}</title>
      </head>
      <body
        style="margin:0;padding:24px;font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff"
      >
        <div style="max-width:560px;margin:0 auto">
          ${layout.greeting ? paragraph(layout.greeting) : null}${layout.paragraphs.map(paragraph)}${
            action
              ? html`<p style="margin:24px 0">
                    <a
                      href="${action.url}"
                      style="display:inline-block;padding:10px 18px;background:#1864ab;color:#ffffff;text-decoration:none;border-radius:4px"
                      >${action.label}</a
                    >
                  </p>
                  <p style="margin:0 0 16px;font-size:14px;color:#495057">
                    Or open this address:
                    <a href="${action.url}" style="color:#1864ab">${action.url}</a>
                  </p>`
              : null
          }${
            layout.footer
              ? html`<p style="margin:32px 0 0;font-size:13px;color:#495057">
                  ${lines(layout.footer)}
                </p>`
              : null
          }
        </div>
      </body>
    </html> `;
  return { subject, text: `${text}\n`, html: body.value };
}

// Line breaks inside a paragraph stay line breaks in HTML.
function lines(text: string): SafeHtml {
  return html`${text.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br />${line}`))}`;
}

function checkUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`An email link must be http(s), got ${parsed.protocol}`);
  }
  return parsed.href;
}
