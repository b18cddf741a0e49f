import { Typography } from '@mantine/core';
import classes from './code-of-conduct.module.css';

/**
 * A code of conduct as the server rendered it from Markdown. The server sanitizes it (no scripts,
 * styles or event handlers), so it can go into the page as HTML.
 */
export function CodeOfConduct({ html }: { html: string }) {
  return (
    <Typography>
      <div className={classes.text} dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
