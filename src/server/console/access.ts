/**
 * Who is signed in to the console and what their role lets them do. The console's sign-in
 * (passkeys, sessions) sets `staff` on every request under /console it lets through; the pages
 * only ask `can(staff, role)` or mount behind `requireRole(role)`.
 */
export const ROLES = ['viewer', 'treasurer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** viewer reads everything; treasurer also records gifts, refunds and exports; admin also runs campaigns, sites and staff. */
export function can(staff: Pick<StaffMember, 'role'>, needed: Role): boolean {
  return ROLES.indexOf(staff.role) >= ROLES.indexOf(needed);
}

export interface ConsoleEnv {
  Variables: {
    staff: StaffMember;
    /** The session's anti-forgery token, for forms the page renders. */
    csrfToken: string;
  };
}
