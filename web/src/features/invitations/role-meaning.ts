const roleMeaning: Record<string, string> = {
  event_admin: 'You would manage the event: its settings, its team and its incident reports.',
  responder: "You would handle the event's incident reports as part of its response team.",
  reporter: 'You could report incidents at the event and follow your own reports.',
  checkiner: 'You would check attendees in at the event.',
  org_admin: 'You would manage the organization and all of its events.',
  org_viewer: 'You could see the organization, its members and its public events.',
  chapter_leader: 'You would lead the chapter and manage its events.',
};

/** What taking the role means, in one sentence, when Steward knows the role. */
export function invitedRoleMeaning(role: string): string | null {
  return roleMeaning[role] ?? null;
}
