import { type Db, type Executor, employees, queryRows, type Role, users } from '@delight/db';
import { eq, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/log';
import { badRequest, conflict, notFound } from '../lib/errors';
import { hashPassword } from './passwords';
import type { Principal } from './principal';
import { clearLoginFailures } from './rate-limit';
import { deleteUserSessions } from './sessions';

/** Roles whose data is tied to one employee (their segments, their own scorecard). */
export const ROLES_NEEDING_EMPLOYEE: readonly Role[] = ['segment_manager', 'agent'];

export const MIN_PASSWORD_LENGTH = 8;

/** Emails compare case-insensitively: stored and looked up trimmed and lower-cased. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface CreatedUser {
  id: number;
  email: string;
  role: Role;
  employee: string | null;
}

/** Creates a sign-in user; `employee` is an employee external id (required for manager and agent). */
export async function createUser(
  db: Db,
  input: { email: string; password: string; role: Role; employee?: string | null },
): Promise<CreatedUser> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw badRequest(`Not an email address: "${input.email}"`);
  checkPassword(input.password);
  const employeeId = await employeeIdFor(db, input.role, input.employee);
  const passwordHash = await hashPassword(input.password);
  const rows = await db
    .insert(users)
    .values({ email, role: input.role, employeeId, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (!rows[0]) throw conflict(`A user with email ${email} already exists`);
  return { id: rows[0].id, email, role: input.role, employee: input.employee ?? null };
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest(`A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

/** Shared by users and API tokens: resolves the employee and checks the role needs/allows it. */
export async function employeeIdFor(
  db: Db,
  role: Role,
  employee: string | null | undefined,
): Promise<number | null> {
  if (!employee) {
    if (ROLES_NEEDING_EMPLOYEE.includes(role)) {
      throw badRequest(`The role ${role} needs an employee (external id)`);
    }
    return null;
  }
  const [row] = await db
    .select({ id: employees.id })
    .from(employees)
    .where(eq(employees.externalId, employee));
  if (!row) throw notFound(`Employee ${employee} does not exist`);
  return row.id;
}

export type UserRow = {
  id: number;
  email: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  employee_id: number | null;
  employee_external_id: string | null;
  name: string | null;
  locale: string | null;
};

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const rows = await queryRows<UserRow>(
    db,
    sql`select u.id, u.email, u.role, u.password_hash, u.disabled, u.employee_id,
               e.external_id as employee_external_id, e.name, u.locale
        from users u left join employees e on e.id = u.employee_id
        where u.email = ${normalizeEmail(email)}`,
  );
  return rows[0] ?? null;
}

/** A user as an admin sees it: never the password hash. */
export interface UserInfo {
  id: number;
  email: string;
  role: Role;
  employee: { id: string; name: string } | null;
  disabled: boolean;
  createdAt: string;
  /** unexpired sessions, i.e. whether (and where) the user is signed in now */
  activeSessions: number;
  /** wrong passwords in the last day, from every address (an admin can clear them: unlock) */
  failedSignIns: number;
}

type UserInfoRow = {
  id: number;
  email: string;
  role: Role;
  disabled: boolean;
  employee_id: string | null;
  employee_name: string | null;
  created_at: string;
  active_sessions: number;
  failed_sign_ins: number;
};

const userInfoSql = (where: ReturnType<typeof sql>) => sql`
  select u.id, u.email, u.role, u.disabled,
         e.external_id as employee_id, e.name as employee_name,
         to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
         (select count(*)::int from sessions s
           where s.user_id = u.id and s.expires_at > now()) as active_sessions,
         (select count(*)::int from login_attempts a
           where a.email = u.email and not a.success
             and a.at > now() - interval '1 day') as failed_sign_ins
    from users u left join employees e on e.id = u.employee_id
   ${where}
   order by u.id`;

const toUserInfo = (r: UserInfoRow): UserInfo => ({
  id: r.id,
  email: r.email,
  role: r.role,
  employee: r.employee_id === null ? null : { id: r.employee_id, name: r.employee_name ?? '' },
  disabled: r.disabled,
  createdAt: r.created_at,
  activeSessions: r.active_sessions,
  failedSignIns: r.failed_sign_ins,
});

/** Every user, oldest first. */
export async function listUsers(db: Executor): Promise<UserInfo[]> {
  return (await queryRows<UserInfoRow>(db, userInfoSql(sql``))).map(toUserInfo);
}

export async function getUser(db: Executor, id: number): Promise<UserInfo> {
  const [row] = await queryRows<UserInfoRow>(db, userInfoSql(sql`where u.id = ${id}`));
  if (!row) throw notFound(`No user with id ${id}`);
  return toUserInfo(row);
}

/** What the audit log keeps of a user: no hash, no session count (not the user's state). */
const auditView = (u: UserInfo) => ({
  email: u.email,
  role: u.role,
  employee: u.employee?.id ?? null,
  disabled: u.disabled,
});

/** createUser for an admin (API or CLI): the new user and its audit entry in one transaction. */
export async function createUserAudited(
  db: Db,
  actor: string,
  input: { email: string; password: string; role: Role; employee?: string | null },
): Promise<UserInfo> {
  return db.transaction(async (tx) => {
    const created = await createUser(tx, input);
    const user = await getUser(tx, created.id);
    await writeAudit(tx, {
      actor,
      action: 'user.create',
      entity: `user:${user.email}`,
      before: null,
      after: auditView(user),
    });
    return user;
  });
}

/** Who changes a user: the audit label, and their own user id when signed in as one. */
export interface UserActor {
  label: string;
  userId: number | null;
}

export const actorOf = (p: Principal): UserActor => ({
  label: p.label,
  userId: p.kind === 'session' ? p.id : null,
});

/** The CLI runs with database access, not as a user. */
export const CLI_ACTOR: UserActor = { label: 'cli', userId: null };

export interface UserPatch {
  role?: Role | undefined;
  /** employee external id; null unlinks */
  employee?: string | null | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
}

export interface UpdatedUser extends UserInfo {
  /** sessions ended by this change (disabled, new password, role or employee) */
  sessionsEnded: number;
}

/**
 * Changes a user's role, employee, disabled flag or password. A change that alters
 * who the user is or whether they may sign in (disable, password, role, employee)
 * ends their sessions at once. 409 when the caller would disable or demote themself,
 * or when no enabled admin user would be left.
 */
export async function updateUser(
  db: Db,
  actor: UserActor,
  id: number,
  patch: UserPatch,
): Promise<UpdatedUser> {
  if (patch.password !== undefined) checkPassword(patch.password);
  // Hash outside the transaction: ~100 ms of CPU need not hold locks.
  const passwordHash = patch.password === undefined ? null : await hashPassword(patch.password);
  return db.transaction(async (tx) => {
    // Lock the target and every enabled admin, so two admins demoting each other at
    // the same time cannot both pass the last-admin check.
    await tx.execute(
      sql`select id from users where id = ${id} or (role = 'admin' and not disabled)
          order by id for update`,
    );
    const before = await getUser(tx, id);
    const role = patch.role ?? before.role;
    const disabled = patch.disabled ?? before.disabled;
    const employee = patch.employee === undefined ? (before.employee?.id ?? null) : patch.employee;

    const losesAdmin =
      before.role === 'admin' && !before.disabled && (role !== 'admin' || disabled);
    if (losesAdmin && actor.userId === id) {
      throw conflict('You cannot disable or demote yourself; ask another admin');
    }
    if (losesAdmin) {
      const [other] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from users
             where role = 'admin' and not disabled and id <> ${id}`,
      );
      if (other!.n === 0) {
        throw conflict(`${before.email} is the last enabled admin; make another admin first`);
      }
    }
    const employeeId = await employeeIdFor(tx, role, employee);

    await tx
      .update(users)
      .set({ role, disabled, employeeId, ...(passwordHash ? { passwordHash } : {}) })
      .where(eq(users.id, id));
    const endsSessions =
      passwordHash !== null ||
      (disabled && !before.disabled) ||
      role !== before.role ||
      employee !== (before.employee?.id ?? null);
    const sessionsEnded = endsSessions ? await deleteUserSessions(tx, id) : 0;
    const after = await getUser(tx, id);
    await writeAudit(tx, {
      actor: actor.label,
      action: 'user.update',
      entity: `user:${before.email}`,
      before: auditView(before),
      after: { ...auditView(after), ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    return { ...after, sessionsEnded };
  });
}

/**
 * Lifts the sign-in throttle of a user: their failed attempts, from every address, are
 * forgotten (audited). The guesser, if there is one, starts again from zero too; that
 * is the price of letting the owner in at once.
 */
export async function unlockUser(
  db: Db,
  actor: UserActor,
  id: number,
): Promise<UserInfo & { cleared: number }> {
  return db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    const cleared = await clearLoginFailures(tx, before.email);
    await writeAudit(tx, {
      actor: actor.label,
      action: 'user.unlock',
      entity: `user:${before.email}`,
      before: { failedSignIns: before.failedSignIns },
      after: { failedSignIns: 0 },
    });
    return { ...(await getUser(tx, id)), cleared };
  });
}
