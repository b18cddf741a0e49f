import { useAddRegionLeader, useRemoveRegionLeader, type Region } from '../../api/places';
import { ScopeLeaders } from '../shared/scope-leaders';

/** A region's leaders; removing and adding them where the caller may. */
export function RegionLeaders({ region }: { region: Region }) {
  const add = useAddRegionLeader(region.id);
  const remove = useRemoveRegionLeader(region.id);
  return (
    <ScopeLeaders
      scope={{ noun: 'the region', name: region.name }}
      leaders={region.leaders}
      canManage={region.can.manageLeaders}
      add={add}
      remove={remove}
      removeExplanation="They stop leading the region at once: its locations' private details and changes are no longer theirs. Their other roles stay."
    />
  );
}
