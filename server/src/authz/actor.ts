import type { ActorFacts } from '@steward/permissions';

/** The signed-in user as routes see them. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  pronouns: string | null;
  image: string | null;
}

/** The signed-in person, with what authorization needs: their facts and two-factor state. */
export interface RequestActor {
  user: SessionUser;
  facts: ActorFacts;
  /** Whether system admins must use two-factor (a system setting, on by default). */
  systemRequiresMfa: boolean;
}
