import { useMemo } from 'react';
import { Typography } from '@mantine/core';
import { demoteHeadings } from '../../events/code-of-conduct';
import classes from './detail.module.css';

/**
 * Markdown as the server rendered and sanitized it (a report's description, a comment): the only
 * user text that goes into the page as HTML. Its headings go below the section's.
 */
export function RenderedMarkdown({ html }: { html: string }) {
  const placed = useMemo(() => demoteHeadings(html, 3), [html]);
  return (
    <Typography>
      <div className={classes.html} dangerouslySetInnerHTML={{ __html: placed }} />
    </Typography>
  );
}
