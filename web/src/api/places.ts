/** A location as events and sessions show it: basic details only, never the private ones. */
export interface LocationRef {
  id: string;
  name: string;
  address: string;
  region: { id: string; name: string } | null;
  /** Kept where it was used, but no longer offered in the picker. */
  archived: boolean;
}
