// Colors chosen for contrast where Mantine's palette falls short (WCAG AA: 4.5:1 for text).

/**
 * A darker orange than the palette's, for filled badges with white text (things waiting: a
 * report acknowledged, high severity, a place on the waitlist): white on orange.9 is only
 * 4.29:1; on this one, 6.6:1.
 */
export const darkOrange = '#a33a0a';
