import { type Db, type Executor, employees, queryRows, type Role, users } from '@delight/db';
import { eq, sql } from 'drizzle-orm';
import { badRequest, conflict, notFound } from '../lib/errors';
import { hashPassword } from './passwords';

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
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest(`A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
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
};

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const rows = await queryRows<UserRow>(
    db,
    sql`select u.id, u.email, u.role, u.password_hash, u.disabled, u.employee_id,
               e.external_id as employee_external_id, e.name
        from users u left join employees e on e.id = u.employee_id
        where u.email = ${normalizeEmail(email)}`,
  );
  return rows[0] ?? null;
}
