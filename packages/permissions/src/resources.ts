/** The kinds of thing an action is done to. Scopes, plus the records that live inside events. */
export const resourceTypes = [
  'system',
  'organization',
  'chapter',
  'event',
  'report',
  'comment',
  'evidence',
  'region',
  'location',
] as const;
export type ResourceType = (typeof resourceTypes)[number];

/** The two domains of SPEC §3. Conduct data is reached only through event roles and relations. */
export type Domain = 'conduct' | 'logistics';
