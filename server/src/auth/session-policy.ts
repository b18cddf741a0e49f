// How long a session lives. An incident platform holds data about people's safety: sessions end
// on their own, even on a device that is never signed out. See docs/decisions.md.

/** Idle expiry: a session not used for this long ends. */
export const SESSION_IDLE_SECONDS = 3 * 24 * 60 * 60;
/** How often use of a session pushes its idle expiry back (one write per hour at most). */
export const SESSION_REFRESH_SECONDS = 60 * 60;
/** Absolute expiry: however active, a session ends this long after sign-in. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
