import { useAddLeader, useRemoveLeader, type Chapter } from '../../api/chapters';
import { ScopeLeaders } from '../shared/scope-leaders';

/** A chapter's leaders; removing one (where allowed) and adding one by email (where allowed). */
export function ChapterLeaders({ chapter }: { chapter: Chapter }) {
  const add = useAddLeader(chapter.id);
  const remove = useRemoveLeader(chapter.id);
  return (
    <ScopeLeaders
      scope={{ noun: 'the chapter', name: chapter.name }}
      leaders={chapter.leaders}
      canManage={chapter.can.manageLeaders}
      add={add}
      remove={remove}
      removeExplanation="They stop leading the chapter at once, with what that gave them in its events. Their other roles stay."
    />
  );
}
