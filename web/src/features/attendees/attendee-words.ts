import type { MessageAudience } from '../../api/attendees';

/** Each audience of a message in words, saying who is in it. */
export const audienceLabel: Record<MessageAudience, string> = {
  everyone: 'Everyone (confirmed and waitlisted)',
  attendees: 'Confirmed attendees',
  volunteers: 'Confirmed volunteers',
  waitlisted: 'Everyone on a waitlist',
};

/** "1 person", "3 people". */
export const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
