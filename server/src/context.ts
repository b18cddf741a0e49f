/** Where a change came from, recorded with every audit entry. */
export interface RequestOrigin {
  requestId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

/** The signed-in person a request acts for. */
export interface Actor {
  userId: string;
}

/** What every service verb receives besides its input: who acts, and from where. */
export interface ServiceContext {
  actor: Actor | null;
  origin: RequestOrigin;
}

/** For verbs that tell people by email: the address links in emails start from. */
export interface LinkContext {
  publicUrl: string;
}
