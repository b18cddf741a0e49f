/** Every scope a role can be held in (SPEC §1). Regions stand beside the organization tree. */
export const scopes = ['system', 'organization', 'chapter', 'event', 'region', 'location'] as const;
export type Scope = (typeof scopes)[number];
