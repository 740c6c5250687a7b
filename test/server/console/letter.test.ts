/** The invitation letter: the link, the role and until when it works, in HTML and plain text; a name is text, never markup. */
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATION } from '../../../src/server/config.js';
import { staffInvitationLetter } from '../../../src/server/mail/letters/staff-invitation.js';

const link = 'https://give.example.org/console/enrol#AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';

describe('the staff invitation letter', () => {
  it('carries the link, the role and the hour it runs out, in HTML and plain text', () => {
    const letter = staffInvitationLetter({ organization: DEMO_ORGANIZATION, name: 'Ana <b>Souza</b>', role: 'treasurer', link, expiresAt: '2026-12-24T15:30:00.000Z' });
    expect(letter.subject).toBe('Your invitation to the MIRA donations console');
    for (const part of [letter.html, letter.text]) {
      expect(part).toContain(link);
      expect(part).toContain('as treasurer');
      expect(part).toMatch(/December 24, 2026(,| at) 3:30\sPM UTC/);
    }
    expect(letter.html).toContain(`<a href="${link}"`);
    expect(letter.html).toContain('Ana &lt;b&gt;Souza&lt;/b&gt;');
    expect(letter.html).not.toContain('<b>Souza</b>');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => staffInvitationLetter({ organization: DEMO_ORGANIZATION, name: 'A', role: 'viewer', link: 'javascript:alert(1)', expiresAt: '2026-12-24T15:30:00.000Z' })).toThrow();
  });
});
