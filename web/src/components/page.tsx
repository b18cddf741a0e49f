import { useEffect, useRef, type ReactNode } from 'react';
import { Stack, Title } from '@mantine/core';

/**
 * A page: sets the document title and its one h1, and moves focus to the heading when the page
 * appears, so screen-reader and keyboard users land on the new content after navigation.
 */
export function Page({
  title,
  heading,
  children,
  wide = false,
}: {
  title: string;
  heading?: string;
  children: ReactNode;
  /** For a page of lists and sections (a dashboard) rather than one column of text or a form. */
  wide?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Steward`;
  }, [title]);
  const text = heading ?? title;
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current === null) {
      // Not on the very first load: the skip link must stay the first stop for keyboard users.
      if (window.history.state?.idx > 0) ref.current?.focus({ preventScroll: false });
    } else if (shown.current !== text) {
      // The page moved to its next step (a form sent, a link checked): announce where we are.
      ref.current?.focus({ preventScroll: false });
    }
    shown.current = text;
  }, [text]);
  return (
    <Stack gap="md" maw={wide ? 960 : 560}>
      <Title order={1} ref={ref} tabIndex={-1} style={{ outline: 'none' }}>
        {text}
      </Title>
      {children}
    </Stack>
  );
}
