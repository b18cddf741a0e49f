import { useMemo } from 'react';
import { Typography } from '@mantine/core';
import classes from './code-of-conduct.module.css';

/**
 * The code's own headings placed below the page's: its h1 becomes an h`top`, its h2 the level
 * under that, and so on (h6 at most), so the page keeps one h1 and an orderly outline. The HTML
 * is the server's sanitized output, where a "<h" in text is always escaped.
 */
export function demoteHeadings(html: string, top: number): string {
  const shift = top - 1;
  return html.replace(
    /<(\/?)h([1-6])(?=[\s>])/gi,
    (_match, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + shift)}`,
  );
}

/**
 * A code of conduct as the server rendered it from Markdown. The server sanitizes it (no scripts,
 * styles or event handlers), so it can go into the page as HTML. `headingLevel` is the level its
 * top headings take: one below the heading it sits under.
 */
export function CodeOfConduct({ html, headingLevel = 3 }: { html: string; headingLevel?: number }) {
  const placed = useMemo(() => demoteHeadings(html, headingLevel), [html, headingLevel]);
  return (
    <Typography>
      <div className={classes.text} dangerouslySetInnerHTML={{ __html: placed }} />
    </Typography>
  );
}
