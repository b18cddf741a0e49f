// The leaders of a chapter or a region, as the API lists, adds and removes them.

/** A leader of a chapter or a region, as the API lists them. */
export interface Leader {
  /** Only for those who may manage the leaders (who alone remove one); null for others. */
  userId: string | null;
  name: string;
  /** Their picture; null without one, and, as userId, for those who may not manage. */
  image: string | null;
  grantedAt: string;
  expiresAt: string | null;
  canRemove: boolean;
}

/** What adding a leader sends: an account's address, an optional end and reason. */
export interface LeaderAddition {
  email: string;
  expiresAt?: string;
  reason?: string;
}

/** Whom removing a leader removes, and why. */
export interface LeaderRemoval {
  userId: string;
  reason: string;
}
