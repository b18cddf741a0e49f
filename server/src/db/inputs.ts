// Turning what people type, and ids from paths, into safe query inputs.

/** A LIKE pattern matching `text` anywhere: `%`, `_` and `\` typed into a search box match themselves. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are any string; one that is not a UUID names nothing (and must not reach SQL). */
export const isUuid = (id: string) => UUID.test(id);
