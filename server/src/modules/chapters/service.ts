import { decide, type ActorFacts, type ResourceOf } from '@steward/permissions';
import type { Database, Executor } from '../../db/connection.js';
import type { ServiceContext } from '../../context.js';
import { recordAudit } from '../../audit/record.js';
import { loadChapterResource } from '../../authz/facts.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../errors.js';
import { deleteScopeInvitations } from '../invitations/repository.js';
import { deleteScopeAssignments } from '../roles/repository.js';
import * as leaders from '../roles/leaders.js';
import { slugTaken } from '../organizations/service.js';
import * as repo from './repository.js';

type ActingContext = ServiceContext & { actor: { userId: string } };
type ChapterResource = ResourceOf<'chapter'>;

const noSuchChapter = () => new AppError('not_found', 'No such chapter.');

/** A chapter as its page shows it to this actor: leaders and what the actor may do. */
export async function presentChapter(
  db: Executor,
  actor: ActorFacts,
  { row, resource: chapter }: { row: repo.ChapterRow; resource: ChapterResource },
) {
  const now = new Date();
  const may = (action: Parameters<typeof decide>[1]) => decide(actor, action, chapter, now).allowed;
  return {
    id: chapter.id,
    name: chapter.name ?? '',
    slug: row.slug,
    organization: { id: chapter.organization.id, name: chapter.organization.name ?? '' },
    eventCount: chapter.eventCount,
    leaders: await leaders.presentLeaders(db, actor, chapter),
    can: {
      update: may('chapter.update'),
      manageLeaders: may('chapter.leaders.manage'),
      delete: may('chapter.delete'),
      createEvent: may('event.create'),
    },
  };
}

/** Loads a chapter for a change, locked; 404 when it is gone. */
async function lockedChapter(tx: Executor, id: string) {
  await repo.lockChapter(tx, id);
  const loaded = await loadChapterResource(tx, id);
  if (!loaded) throw noSuchChapter();
  return loaded;
}

async function reload(tx: Executor, actor: ActorFacts, id: string) {
  const loaded = await loadChapterResource(tx, id);
  if (!loaded) throw noSuchChapter();
  return presentChapter(tx, actor, loaded);
}

function chapterSlugTaken(error: unknown): never {
  if (isUniqueViolation(error, 'chapters_org_slug')) throw slugTaken('chapter');
  throw error;
}

/** Creates a chapter in an organization (the route authorized chapter.create). */
export async function createChapter(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  organizationId: string,
  input: { name: string; slug: string; reason?: string | null | undefined },
) {
  return db
    .transaction(async (tx) => {
      if (await repo.slugTaken(tx, organizationId, input.slug)) throw slugTaken('chapter');
      const row = await repo.insertChapter(tx, {
        organizationId,
        name: input.name,
        slug: input.slug,
      });
      await recordAudit(tx, ctx, {
        scope: { type: 'organization', id: organizationId },
        action: 'chapter.create',
        target: { type: 'chapter', id: row.id },
        after: { name: row.name, slug: row.slug },
        reason: input.reason ?? null,
      });
      return reload(tx, actor, row.id);
    })
    .catch(chapterSlugTaken);
}

/** Renames a chapter or changes its slug; audited old → new. */
export async function updateChapter(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  input: {
    name?: string | undefined;
    slug?: string | undefined;
    reason?: string | null | undefined;
  },
) {
  return db
    .transaction(async (tx) => {
      const { row } = await lockedChapter(tx, id);
      const next: { name?: string; slug?: string } = {};
      if (input.name !== undefined && input.name !== row.name) next.name = input.name;
      if (input.slug !== undefined && input.slug !== row.slug) next.slug = input.slug;
      if (Object.keys(next).length > 0) {
        if (next.slug && (await repo.slugTaken(tx, row.organizationId, next.slug, id))) {
          throw slugTaken('chapter');
        }
        await repo.updateChapter(tx, id, next);
        await recordAudit(tx, ctx, {
          scope: { type: 'chapter', id },
          action: 'chapter.update',
          target: { type: 'chapter', id },
          before: Object.fromEntries(Object.keys(next).map((k) => [k, row[k as 'name' | 'slug']])),
          after: next,
          reason: input.reason ?? null,
        });
      }
      return reload(tx, actor, id);
    })
    .catch(chapterSlugTaken);
}

/**
 * Deletes a chapter that holds no events, with its leaders' assignments and invitations. The
 * emptiness is checked again under the lock: an event created a moment ago keeps it.
 */
export async function deleteChapter(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    const { row, resource } = await lockedChapter(tx, id);
    const decision = decide(actor, 'chapter.delete', resource, new Date());
    if (!decision.allowed) throw chapterNotEmptyOr(decision);
    const leaders = await deleteScopeAssignments(tx, 'chapter', id);
    await deleteScopeInvitations(tx, 'chapter', id);
    await repo.deleteChapter(tx, id);
    await recordAudit(tx, ctx, {
      scope: { type: 'organization', id: row.organizationId },
      action: 'chapter.delete',
      target: { type: 'chapter', id },
      before: { name: row.name, slug: row.slug, leaders: leaders.map((l) => l.userId) },
      reason,
    });
  });
}

/** The 409 of a chapter that still holds events, or the engine's own refusal. */
export function chapterNotEmptyOr(decision: { condition: string | null; reason: string }) {
  if (decision.condition === 'chapter_empty') {
    return new AppError(
      'not_empty',
      'This chapter still holds events. Move or delete them first: a chapter is deleted only when empty.',
    );
  }
  return new AppError('forbidden', decision.reason);
}

/** Makes the account with this email address a leader of the chapter (SPEC §6). */
export async function addLeader(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  input: {
    email: string;
    expiresAt?: string | null | undefined;
    reason?: string | null | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const { resource } = await lockedChapter(tx, id);
    await leaders.addLeader(tx, ctx, actor, resource, input);
    return reload(tx, actor, id);
  });
}

/** Removes a leader from the chapter. */
export async function removeLeader(
  db: Database,
  ctx: ActingContext,
  actor: ActorFacts,
  id: string,
  userId: string,
  reason: string | null,
) {
  return db.transaction(async (tx) => {
    const { resource } = await lockedChapter(tx, id);
    await leaders.removeLeader(tx, ctx, actor, resource, userId, reason);
    return reload(tx, actor, id);
  });
}

/** One page of an organization's chapters: all of them, or only those the actor leads. */
export async function listChapters(
  db: Database,
  actor: ActorFacts,
  organizationId: string,
  only: readonly string[] | null,
  query: { q?: string | undefined; page: number; pageSize: number },
) {
  const { ids, total } = await repo.searchChapters(db, organizationId, only, query);
  const items = [];
  for (const id of ids) {
    const loaded = await loadChapterResource(db, id);
    if (loaded) items.push(await presentChapter(db, actor, loaded));
  }
  return { items, total };
}
