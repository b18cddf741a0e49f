import type { EventFacts, OrganizationFacts, ReportFacts, Resource } from './facts.js';

/** The scope chain and records a decision reads, pulled out of any resource once. */
export interface ResourceContext {
  resource: Resource;
  organization: OrganizationFacts | null;
  chapterId: string | null;
  event: EventFacts | null;
  report: ReportFacts | null;
  regionId: string | null;
}

/** Extracts the scope chain of a resource: system → organization → chapter → event → report. */
export function contextOf(resource: Resource): ResourceContext {
  switch (resource.type) {
    case 'system':
      return chain(resource, null, null, null, null, null);
    case 'organization':
      return chain(resource, resource, null, null, null, null);
    case 'chapter':
      return chain(resource, resource.organization, resource.id, null, null, null);
    case 'event':
      return chain(
        resource,
        resource.organization,
        resource.chapter?.id ?? null,
        resource,
        null,
        null,
      );
    case 'report':
      return fromReport(resource, resource);
    case 'comment':
    case 'evidence':
      return fromReport(resource, resource.report);
    case 'region':
      return chain(resource, null, null, null, null, resource.id);
    case 'location':
      return chain(resource, null, null, null, null, resource.region?.id ?? null);
  }
}

function fromReport(resource: Resource, report: ReportFacts): ResourceContext {
  const event = report.event;
  return chain(resource, event.organization, event.chapter?.id ?? null, event, report, null);
}

function chain(
  resource: Resource,
  organization: OrganizationFacts | null,
  chapterId: string | null,
  event: EventFacts | null,
  report: ReportFacts | null,
  regionId: string | null,
): ResourceContext {
  return { resource, organization, chapterId, event, report, regionId };
}
