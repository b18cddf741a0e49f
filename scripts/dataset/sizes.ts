/** How many of each thing a scale asks for: scale 1 is the "medium installation". */
export interface Sizes {
  organizations: number;
  chapters: number;
  events: number;
  users: number;
  /** Reports wanted in all; spread over the events that have taken place (see structure.ts). */
  reports: number;
}

// Scale 1: 100 organizations, 300 chapters, 2,000 events, 50,000 users, 200,000 reports.
const perScale = {
  organizations: 100,
  chapters: 300,
  events: 2000,
  users: 50_000,
  reports: 200_000,
};

export function sizesFor(scale: number): Sizes {
  const n = (base: number, min: number) => Math.max(min, Math.round(base * scale));
  return {
    organizations: n(perScale.organizations, 1),
    chapters: n(perScale.chapters, 1),
    events: n(perScale.events, 1),
    // An event's team takes 9 distinct people and its RSVPs up to 140: below 20 people the
    // windows they are drawn from would wrap onto themselves too often to look real.
    users: n(perScale.users, 20),
    reports: n(perScale.reports, 1),
  };
}
