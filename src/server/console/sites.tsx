/**
 * /console/sites: the member organizations, their sites' origins and contacts, the origins allowed
 * by the configuration, and the pages refused, each with "Add as a site of…". A site added here
 * takes gifts at once in this process and within SITE_ORIGINS_FRESH_MS in the others.
 */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import { MEMBER_ID, SITE_ORIGINS_FRESH_MS, siteOrigin, type Member, type RefusedOrigin } from '../ledger/sites.js';
import { can, type ConsoleEnv } from './access.js';
import { Csrf, Done, ErrorSummary, Field, formText, isEmail, adminOnly, send, type Problems } from './forms.js';
import { t } from './text.js';

const HERE = '/console/sites';
const MAX_NAME = 200;
const NEW_MEMBER = '__new';

interface PageState {
  done?: string;
  problems?: Problems;
  /** What a failed form had in it, to show again. */
  values?: Record<string, string>;
  /** Which form the problems belong to. */
  form?: string;
}

export function sitePages({ ledger, config }: Services) {
  const app = new Hono<ConsoleEnv>();
  const title = t('sites.title');

  const page = async (c: Parameters<typeof send>[0], state: PageState = {}, status: 400 | 200 = 200) => {
    const members = await ledger.listMembers();
    const allowed = new Set(members.flatMap((m) => m.sites));
    // A refused origin since added (here, or to ALLOWED_ORIGINS) is no longer one to act on.
    const refused = (await ledger.listRefusedOrigins()).filter((r) => !allowed.has(r.origin) && !configured(r.origin));
    const admin = can(c.var.staff, 'admin');
    return send(
      c,
      title,
      HERE,
      <>
        <Done message={state.done} />
        {state.problems && <ErrorSummary problems={state.problems} />}
        <p>{t('sites.intro', { seconds: SITE_ORIGINS_FRESH_MS / 1000 })}</p>
        <section aria-labelledby="refused-title">
          <h2 id="refused-title">{t('sites.refused.title')}</h2>
          <p>{t('sites.refused.intro')}</p>
          <RefusedTable refused={refused} members={members} admin={admin} csrf={c.var.csrfToken} state={state} />
        </section>
        <section aria-labelledby="members-title">
          <h2 id="members-title">{t('sites.members.title')}</h2>
          {members.length ? members.map((member) => <MemberCard member={member} admin={admin} csrf={c.var.csrfToken} state={state} />) : <p>{t('sites.members.none')}</p>}
        </section>
        {admin && <NewMember csrf={c.var.csrfToken} state={state} />}
        <section aria-labelledby="configured-title">
          <h2 id="configured-title">{t('sites.configured.title')}</h2>
          <p>{t('sites.configured.intro')}</p>
          {config.allowedOrigins.includes('*') && <p>{t('sites.configured.any')}</p>}
          <OriginList origins={[...config.allowedOrigins.filter((o) => o !== '*'), ...config.ownOrigins]} />
        </section>
      </>,
      status,
    );
  };

  const configured = (origin: string) => config.allowedOrigins.includes(origin) || config.ownOrigins.includes(origin);

  app.get('/', async (c) => {
    const members = await ledger.listMembers();
    const { added, removed, member } = c.req.query();
    const sites = new Set(members.flatMap((m) => m.sites));
    // Only what is so is said: the query is anyone's to write.
    const saved = members.find((m) => m.id === member);
    const done =
      added && sites.has(added)
        ? t('sites.saved.site', { origin: added })
        : removed && siteOrigin(removed) === removed && !sites.has(removed)
          ? t('sites.saved.removed', { origin: removed })
          : saved
            ? t('sites.saved.member', { name: saved.name })
            : undefined;
    return page(c, done ? { done } : {});
  });

  app.post('/members', adminOnly, async (c) => {
    const field = await formText(c);
    const values = { id: field('id'), name: field('name'), contactName: field('contactName'), contactEmail: field('contactEmail') };
    const existing = (await ledger.listMembers()).find((m) => m.id === values.id);
    const editing = field('editing') === 'yes';
    const problems = checkMember(values);
    if (!problems.id && existing && !editing) problems.id = t('sites.error.memberIdTaken');
    const form = editing ? `member-${values.id}` : 'new-member';
    if (Object.keys(problems).length) return page(c, { problems: prefixed(problems, form), values, form }, 400);
    await ledger.saveMember({ id: values.id, name: values.name, contact: { name: values.contactName, email: values.contactEmail } }, { actor: c.var.staff.id });
    return c.redirect(`${HERE}?member=${encodeURIComponent(values.id)}`, 303);
  });

  app.post('/', adminOnly, async (c) => {
    const field = await formText(c);
    const form = field('form') || 'add-site';
    const values = { origin: field('origin'), member: field('member'), memberName: field('memberName') };
    const problems: Problems = {};
    const origin = siteOrigin(values.origin);
    if (!origin) problems.origin = t('sites.error.origin');
    else if (configured(origin)) problems.origin = t('sites.error.configured');
    const members = await ledger.listMembers();
    let memberId = values.member;
    if (memberId === NEW_MEMBER) {
      // "Add as a site of a new member": the member is made from its name in the same action.
      if (!values.memberName || values.memberName.length > MAX_NAME) problems.memberName = t('sites.error.member');
      else memberId = freeId(values.memberName, members);
    } else if (!members.some((m) => m.id === memberId)) problems.member = t('sites.error.member');
    const owner = origin && members.find((m) => m.sites.includes(origin));
    if (owner) problems.origin = t('sites.error.taken', { member: owner.name });
    if (Object.keys(problems).length) return page(c, { problems: prefixed(problems, form), values, form }, 400);
    const by = { actor: c.var.staff.id };
    if (values.member === NEW_MEMBER) await ledger.saveMember({ id: memberId, name: values.memberName }, by);
    const result = await ledger.addSite(origin!, memberId, by);
    if (!result.added) {
      const owner = members.find((m) => m.id === result.member)?.name ?? result.member ?? '';
      return page(c, { problems: prefixed({ origin: t('sites.error.taken', { member: owner }) }, form), values, form }, 400);
    }
    return c.redirect(`${HERE}?added=${encodeURIComponent(origin!)}`, 303);
  });

  app.post('/remove', adminOnly, async (c) => {
    const origin = siteOrigin((await formText(c))('origin'));
    if (origin) await ledger.removeSite(origin, { actor: c.var.staff.id });
    return c.redirect(`${HERE}${origin ? `?removed=${encodeURIComponent(origin)}` : ''}`, 303);
  });

  return app;
}

function checkMember(values: Record<string, string>): Problems {
  const problems: Problems = {};
  if (!MEMBER_ID.test(values.id ?? '')) problems.id = t('sites.error.memberId');
  if (!values.name || values.name.length > MAX_NAME) problems.name = t('sites.error.name');
  if ((values.contactName ?? '').length > MAX_NAME) problems.contactName = t('sites.error.contactName');
  if (values.contactEmail && !isEmail(values.contactEmail)) problems.contactEmail = t('sites.error.contactEmail');
  return problems;
}

/** Each form's fields have ids of their own (`new-member-name`), so the summary's links reach the right one. */
function prefixed(problems: Problems, form: string): Problems {
  return Object.fromEntries(Object.entries(problems).map(([field, message]) => [`${form}-${field}`, message]));
}

/** A member id from its name ("Centro Presente" → centro-presente), numbered if taken. */
function freeId(name: string, members: Member[]): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'member';
  const taken = new Set(members.map((m) => m.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

function errorOf(state: PageState, form: string, field: string): string | undefined {
  return state.form === form ? state.problems?.[`${form}-${field}`] : undefined;
}

function valueOf(state: PageState, form: string, field: string, fallback = ''): string {
  return state.form === form ? (state.values?.[field] ?? fallback) : fallback;
}

function RefusedTable({ refused, members, admin, csrf, state }: { refused: RefusedOrigin[]; members: Member[]; admin: boolean; csrf: string; state: PageState }) {
  if (!refused.length) return <p>{t('sites.refused.none')}</p>;
  return (
    <div class="table-scroll" role="region" aria-label={t('sites.refused.caption')} tabindex={0}>
      <table>
        <caption class="visually-hidden">{t('sites.refused.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sites.col.origin')}</th>
            <th scope="col">{t('sites.col.attempts')}</th>
            <th scope="col">{t('sites.col.firstSeen')}</th>
            <th scope="col">{t('sites.col.lastSeen')}</th>
            {admin && <th scope="col">{t('sites.col.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {refused.map((r, index) => (
            <tr>
              <th scope="row">
                <code>{r.origin}</code>
              </th>
              <td>{r.attempts}</td>
              <td>{shortTime(r.firstSeen)}</td>
              <td>{shortTime(r.lastSeen)}</td>
              {admin && (
                <td>
                  <AddAsSite origin={r.origin} form={`refused-${index}`} members={members} csrf={csrf} state={state} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Add as a site of [member]": one action, for a member that exists or a new one named here. */
function AddAsSite({ origin, form, members, csrf, state }: { origin: string; form: string; members: Member[]; csrf: string; state: PageState }) {
  const memberError = errorOf(state, form, 'member') ?? errorOf(state, form, 'origin');
  const nameError = errorOf(state, form, 'memberName');
  const chosen = valueOf(state, form, 'member');
  return (
    <form method="post" action={HERE} class="inline">
      <Csrf token={csrf} />
      <input type="hidden" name="form" value={form} />
      <input type="hidden" name="origin" value={origin} />
      <label for={`${form}-member`}>{t('sites.addAs')}</label>
      {memberError && <p class="error" id={`${form}-member-error`}>{memberError}</p>}
      <select id={`${form}-member`} name="member" aria-label={t('sites.addAsLabel', { origin })} aria-invalid={memberError ? 'true' : undefined} aria-describedby={memberError ? `${form}-member-error` : undefined}>
        {members.map((m) => (
          <option value={m.id} selected={chosen === m.id}>
            {m.name}
          </option>
        ))}
        <option value={NEW_MEMBER} selected={!members.length || chosen === NEW_MEMBER}>
          {t('sites.addAsNew')}
        </option>
      </select>
      <label for={`${form}-memberName`}>{t('sites.addAsNewName')}</label>
      {nameError && <p class="error" id={`${form}-memberName-error`}>{nameError}</p>}
      <input id={`${form}-memberName`} name="memberName" type="text" maxlength={MAX_NAME} value={valueOf(state, form, 'memberName')} aria-invalid={nameError ? 'true' : undefined} aria-describedby={nameError ? `${form}-memberName-error` : undefined} />
      <button type="submit">{t('sites.add')}</button>
    </form>
  );
}

function MemberCard({ member, admin, csrf, state }: { member: Member; admin: boolean; csrf: string; state: PageState }) {
  const contact = [member.contact.name, member.contact.email].filter(Boolean).join(', ');
  const addForm = `site-${member.id}`;
  const editForm = `member-${member.id}`;
  return (
    <article class="member" aria-labelledby={`member-${member.id}-name`}>
      <h3 id={`member-${member.id}-name`}>{member.name}</h3>
      <p>
        <code>{member.id}</code> · {contact ? t('sites.member.contact', { contact }) : t('sites.member.noContact')}
      </p>
      {member.sites.length ? (
        <ul aria-label={t('sites.member.sites', { name: member.name })}>
          {member.sites.map((origin) => (
            <li>
              <code>{origin}</code>{' '}
              {admin && (
                <form method="post" action={`${HERE}/remove`} class="inline">
                  <Csrf token={csrf} />
                  <input type="hidden" name="origin" value={origin} />
                  <button type="submit" aria-label={t('sites.removeLabel', { origin })}>
                    {t('sites.remove')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('sites.member.noSites')}</p>
      )}
      {admin && (
        <>
          <form method="post" action={HERE}>
            <Csrf token={csrf} />
            <input type="hidden" name="form" value={addForm} />
            <input type="hidden" name="member" value={member.id} />
            <fieldset>
              <legend>{t('sites.member.addSite', { name: member.name })}</legend>
              <Field id={`${addForm}-origin`} label={t('sites.field.origin')} hint={t('sites.field.originHint')} value={valueOf(state, addForm, 'origin')} error={errorOf(state, addForm, 'origin')} required attrs={{ name: 'origin', type: 'url', autocomplete: 'off', spellcheck: false }} />
              <button type="submit">{t('sites.add')}</button>
            </fieldset>
          </form>
          <details open={state.form === editForm}>
            <summary>{t('sites.member.edit', { name: member.name })}</summary>
            <MemberForm form={editForm} csrf={csrf} state={state} member={member} />
          </details>
        </>
      )}
    </article>
  );
}

function NewMember({ csrf, state }: { csrf: string; state: PageState }) {
  return (
    <section aria-labelledby="new-member-title">
      <h2 id="new-member-title">{t('sites.newMember.title')}</h2>
      <MemberForm form="new-member" csrf={csrf} state={state} />
    </section>
  );
}

function MemberForm({ form, csrf, state, member }: { form: string; csrf: string; state: PageState; member?: Member }) {
  const value = (field: string, fallback = '') => valueOf(state, form, field, fallback);
  return (
    <form method="post" action={`${HERE}/members`} novalidate>
      <Csrf token={csrf} />
      {member ? (
        <>
          <input type="hidden" name="id" value={member.id} />
          <input type="hidden" name="editing" value="yes" />
        </>
      ) : (
        <Field id={`${form}-id`} label={t('sites.field.memberId')} hint={t('sites.field.memberIdHint')} value={value('id')} error={errorOf(state, form, 'id')} required attrs={{ name: 'id', maxlength: 64, autocomplete: 'off', spellcheck: false }} />
      )}
      <Field id={`${form}-name`} label={t('sites.field.name')} value={value('name', member?.name)} error={errorOf(state, form, 'name')} required attrs={{ name: 'name', maxlength: MAX_NAME, autocomplete: 'organization' }} />
      <Field id={`${form}-contactName`} label={t('sites.field.contactName')} value={value('contactName', member?.contact.name ?? '')} error={errorOf(state, form, 'contactName')} attrs={{ name: 'contactName', maxlength: MAX_NAME, autocomplete: 'name' }} />
      <Field id={`${form}-contactEmail`} type="email" label={t('sites.field.contactEmail')} value={value('contactEmail', member?.contact.email ?? '')} error={errorOf(state, form, 'contactEmail')} attrs={{ name: 'contactEmail', autocomplete: 'email' }} />
      <button type="submit">{member ? t('sites.saveMember') : t('sites.createMember')}</button>
    </form>
  );
}

function OriginList({ origins }: { origins: string[] }) {
  if (!origins.length) return <p>{t('sites.configured.none')}</p>;
  return (
    <ul>
      {origins.map((origin) => (
        <li>
          <code>{origin}</code>
        </li>
      ))}
    </ul>
  );
}
