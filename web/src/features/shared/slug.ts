import { useState } from 'react';

/** What the server takes as a slug: lowercase letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 60;

/** A slug suggested from a name: "Café Berlin 2026!" → "cafe-berlin-2026". */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
}

/**
 * The name and slug of something being created: the slug follows the name until edited by hand,
 * and follows it again once cleared. (An existing slug stays put when its name changes.)
 */
export function useNameAndSlug() {
  const [name, setNameState] = useState('');
  const [slug, setSlugState] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const setName = (value: string) => {
    setNameState(value);
    if (!slugEdited) setSlugState(slugFromName(value));
  };
  const setSlug = (value: string) => {
    setSlugState(value);
    setSlugEdited(value !== '');
  };
  return { name, slug, setName, setSlug };
}
