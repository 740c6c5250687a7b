/**
 * /console/staff, admins only: who is on the staff, invitations waiting, inviting someone (the page
 * shows the one-time link once, and the letter carrying it is queued) and removing someone. Every
 * change is in the audit log, with the admin who made it.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { Config } from '../config.js';
import type { Services } from '../env.js';
import type { PendingInvitation, StaffListing } from '../ledger/staff.js';
import { ROLES, type ConsoleEnv, type Role } from './access.js';
import { inviteStaff, type SentInvitation } from './invitations.js';
import { Page } from './layout.js';
import { requireRole } from './session.js';
import { t, type ConsoleKey } from './text.js';

const isEmail = (text: string) => v.is(v.pipe(v.string(), v.maxLength(254), v.email()), text);
const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(new Date(iso)) : t('staff.never'));
const roleName = (role: Role) => t(`role.${role}` as ConsoleKey);

interface InviteForm {
  email: string;
  name: string;
  role: string;
  errors: Partial<Record<'email' | 'name' | 'role', string>>;
}

const EMPTY: InviteForm = { email: '', name: '', role: 'viewer', errors: {} };

interface StaffPageProps {
  c: Context<ConsoleEnv>;
  staff: StaffListing[];
  pending: PendingInvitation[];
  form: InviteForm;
  sent?: SentInvitation & { email: string };
  notice?: string;
}

function StaffPage({ c, staff, pending, form, sent, notice }: StaffPageProps) {
  const me = c.get('staff');
  const csrf = c.get('csrfToken');
  const errors = Object.entries(form.errors);
  return (
    <Page title={t('staff.title')} staff={me} csrfToken={csrf} current="/console/staff">
      {notice && <p role="status" class="notice">{notice}</p>}
      {sent && (
        <section class="notice" aria-labelledby="sent-heading">
          <h2 id="sent-heading">{t('staff.sent.heading', { email: sent.email })}</h2>
          <p>{t('staff.sent.body', { expires: when(sent.expiresAt) })}</p>
          <p>
            <label for="sent-link">{t('staff.sent.link')}</label>
            <input id="sent-link" type="text" readonly value={sent.link} class="link" />
          </p>
        </section>
      )}

      <section>
        <h2 id="members-heading">{t('staff.members')}</h2>
        <div class="table-scroll" role="region" aria-labelledby="members-heading" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.col.name')}</th>
                <th scope="col">{t('staff.col.email')}</th>
                <th scope="col">{t('staff.col.role')}</th>
                <th scope="col">{t('staff.col.passkeys')}</th>
                <th scope="col">{t('staff.col.lastSignIn')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('staff.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr>
                  <th scope="row">{s.name}</th>
                  <td>{s.email}</td>
                  <td>{roleName(s.role)}</td>
                  <td>{s.passkeys ? String(s.passkeys) : t('staff.noPasskey')}</td>
                  <td>{when(s.lastSignIn)}</td>
                  <td>
                    {s.id === me.id ? (
                      t('staff.you')
                    ) : (
                      <form method="post" action="/console/staff/remove">
                        <input type="hidden" name="csrf" value={csrf} />
                        <input type="hidden" name="email" value={s.email} />
                        <button type="submit" class="danger">
                          {t('staff.remove')}
                          <span class="visually-hidden"> {s.name}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t('staff.pending')}</h2>
        {pending.length ? (
          <ul>
            {pending.map((p) => (
              <li>{t('staff.pendingItem', { email: p.email, role: roleName(p.role), expires: when(p.expiresAt) })}</li>
            ))}
          </ul>
        ) : (
          <p>{t('staff.noPending')}</p>
        )}
      </section>

      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('staff.invite.heading')}</h2>
        <p>{t('staff.invite.intro')}</p>
        {errors.length > 0 && (
          <div class="error-summary" role="alert">
            <p>{t('form.errorsHeading')}</p>
            <ul>
              {errors.map(([field, message]) => (
                <li>
                  <a href={`#invite-${field}`}>{message}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <form method="post" action="/console/staff/invite" novalidate>
          <input type="hidden" name="csrf" value={csrf} />
          <Field id="invite-email" name="email" label={t('staff.invite.email')} error={form.errors.email}>
            <input id="invite-email" name="email" type="email" autocomplete="off" required value={form.email} {...invalid('invite-email', form.errors.email)} />
          </Field>
          <Field id="invite-name" name="name" label={t('staff.invite.name')} error={form.errors.name}>
            <input id="invite-name" name="name" type="text" autocomplete="off" value={form.name} {...invalid('invite-name', form.errors.name)} />
          </Field>
          <Field id="invite-role" name="role" label={t('staff.invite.role')} error={form.errors.role}>
            <select id="invite-role" name="role" {...invalid('invite-role', form.errors.role)}>
              {ROLES.map((role) => (
                <option value={role} selected={form.role === role}>
                  {t(`staff.roleOption.${role}` as ConsoleKey)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t('staff.invite.button')}</button>
        </form>
      </section>
    </Page>
  );
}

const invalid = (id: string, error: string | undefined) => (error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {});

function Field({ id, label, error, children }: { id: string; name: string; label: string; error?: string | undefined; children?: unknown }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children as never}
    </div>
  );
}

function readInvite(body: Record<string, unknown>): InviteForm {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const form: InviteForm = { email: text('email'), name: text('name'), role: text('role'), errors: {} };
  if (!form.email) form.errors.email = t('staff.error.emailRequired');
  else if (!isEmail(form.email)) form.errors.email = t('staff.error.emailInvalid');
  if (form.name.length > 200) form.errors.name = t('staff.error.nameTooLong');
  if (!(ROLES as readonly string[]).includes(form.role)) form.errors.role = t('staff.error.role');
  return form;
}

export function staffRoutes({ ledger, config }: Pick<Services, 'ledger'> & { config: Pick<Config, 'ownOrigins' | 'port' | 'organization'> }) {
  const page = async (c: Context<ConsoleEnv>, rest: Omit<StaffPageProps, 'c' | 'staff' | 'pending'>, status: 200 | 400 = 200) =>
    c.html(<StaffPage c={c} staff={await ledger.staff.list()} pending={await ledger.staff.pending()} {...rest} />, status);

  return new Hono<ConsoleEnv>()
    .use('*', requireRole('admin'))
    .get('/', (c) => page(c, { form: EMPTY, ...(c.req.query('removed') !== undefined ? { notice: t('staff.removed') } : {}) }))
    .post('/invite', async (c) => {
      const form = readInvite(await c.req.parseBody());
      if (Object.keys(form.errors).length) return page(c, { form }, 400);
      const sent = await inviteStaff(ledger, config, { email: form.email, ...(form.name ? { name: form.name } : {}), role: form.role as Role, by: c.get('staff').id });
      return page(c, { form: EMPTY, sent: { ...sent, email: form.email.toLowerCase() } });
    })
    .post('/remove', async (c) => {
      const body = await c.req.parseBody();
      const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
      // An admin cannot lock themselves out here; another admin, or the CLI on the server, can remove them.
      if (email === c.get('staff').email) return page(c, { form: EMPTY, notice: t('staff.notYourself') }, 400);
      const removed = email ? await ledger.staff.remove(email, c.get('staff').id) : undefined;
      if (!removed) return page(c, { form: EMPTY, notice: t('staff.notFound') }, 400);
      return c.redirect('/console/staff?removed', 303);
    });
}
