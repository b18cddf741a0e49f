import type { Action } from '@steward/permissions';
import { authorizeActor } from '../../authz/authorize.js';
import type { RequestActor } from '../../authz/actor.js';
import type { Executor } from '../../db/connection.js';
import { loadEvent, noSuchEvent } from '../events/service.js';

/**
 * The event, once the engine allows `action` on it. The action itself decides: a checkiner may
 * check people in even where the event is not public. Whoever may not do it and may not even see
 * the event gets the 404 of a missing one; whoever sees it gets 403 with the reason.
 */
export async function eventAllowing(
  db: Executor,
  actor: RequestActor,
  eventId: string,
  action: Action,
) {
  const loaded = await loadEvent(db, eventId);
  if (!loaded) throw noSuchEvent();
  const decision = authorizeActor(actor, action, loaded.resource, {
    seeWith: 'event.view',
    what: 'event',
  });
  return { ...loaded, decision };
}
