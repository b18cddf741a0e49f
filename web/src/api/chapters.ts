import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { PageOf } from './page';
import { organizationKey } from './organizations';
import type { Leader, LeaderAddition } from './leaders';

export type ChapterLeader = Leader;

export interface Chapter {
  id: string;
  name: string;
  slug: string;
  organization: { id: string; name: string };
  eventCount: number;
  leaders: ChapterLeader[];
  can: {
    update: boolean;
    manageLeaders: boolean;
    /** Allowed, and the chapter has no events. */
    delete: boolean;
    createEvent: boolean;
  };
}

const chapterKey = (chapterId: string) => ['chapter', chapterId] as const;
const chaptersKey = (orgId: string) => [...organizationKey(orgId), 'chapters'] as const;
const chapterPath = (chapterId: string) => `/api/chapters/${encodeURIComponent(chapterId)}`;

/** One page of an organization's chapters. */
export function useChapters(orgId: string, page: number, pageSize?: number) {
  const size = pageSize ? `&pageSize=${pageSize}` : '';
  return useQuery({
    queryKey: [...chaptersKey(orgId), page, pageSize],
    queryFn: () =>
      api<PageOf<Chapter>>(
        `/api/organizations/${encodeURIComponent(orgId)}/chapters?page=${page}${size}`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** One chapter with its leaders. */
export function useChapter(chapterId: string, opts: { enabled: boolean }) {
  return useQuery({
    enabled: opts.enabled,
    queryKey: chapterKey(chapterId),
    queryFn: () => api<{ chapter: Chapter }>(chapterPath(chapterId)).then((r) => r.chapter),
  });
}

/**
 * After a chapter changed: its page shows the answer; the organization's chapters and members
 * (leaders are members) are read again.
 */
function useChapterSaved() {
  const queryClient = useQueryClient();
  return async ({ chapter }: { chapter: Chapter }) => {
    queryClient.setQueryData(chapterKey(chapter.id), chapter);
    await queryClient.invalidateQueries({ queryKey: organizationKey(chapter.organization.id) });
  };
}

/** Creates a chapter in an organization. */
export function useCreateChapter(orgId: string) {
  const saved = useChapterSaved();
  return useMutation({
    mutationFn: (body: { name: string; slug: string }) =>
      api<{ chapter: Chapter }>(`/api/organizations/${encodeURIComponent(orgId)}/chapters`, {
        method: 'POST',
        body,
      }),
    onSuccess: saved,
  });
}

/** Renames a chapter or changes its slug. */
export function useUpdateChapter(chapterId: string) {
  const saved = useChapterSaved();
  return useMutation({
    mutationFn: (body: { name?: string; slug?: string }) =>
      api<{ chapter: Chapter }>(chapterPath(chapterId), { method: 'PATCH', body }),
    onSuccess: saved,
  });
}

/** Makes someone with an account a leader of the chapter. */
export function useAddLeader(chapterId: string) {
  const saved = useChapterSaved();
  return useMutation({
    mutationFn: (body: LeaderAddition) =>
      api<{ chapter: Chapter }>(`${chapterPath(chapterId)}/leaders`, { method: 'PUT', body }),
    onSuccess: saved,
  });
}

/** Removes a leader from the chapter. */
export function useRemoveLeader(chapterId: string) {
  const saved = useChapterSaved();
  return useMutation({
    mutationFn: ({ userId, reason }: { userId: string; reason: string }) =>
      api<{ chapter: Chapter }>(`${chapterPath(chapterId)}/leaders/${encodeURIComponent(userId)}`, {
        method: 'DELETE',
        body: { reason: reason.trim() || null },
      }),
    onSuccess: saved,
  });
}

/** Deletes a chapter without events. */
export function useDeleteChapter(chapter: Chapter) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<void>(chapterPath(chapter.id), {
        method: 'DELETE',
        body: { reason: reason.trim() || null },
      }),
    // The chapter's own page is left (not read again: it is gone); its organization's lists
    // are read again.
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: organizationKey(chapter.organization.id) }),
  });
}
