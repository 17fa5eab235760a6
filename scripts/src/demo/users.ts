/**
 * Sign-in users: one per role. The manager runs two segments and the agent is a strong
 * veteran, so both first screens have something to show.
 */
import type { Role } from '@delight/db';
import type { DemoContext } from './context';
import { segmentById } from './model';
import type { Staff } from './people';

export interface DemoUser {
  email: string;
  password: string;
  role: Role;
  /** external_id of the employee the sign-in belongs to */
  employee: string | null;
}

export function demoUsers(ctx: DemoContext, staff: Staff): DemoUser[] {
  const rigaManager = staff.managerOf.get('S04')!;
  const rigaAgent = segmentById(ctx.segments, 'S04').agents[0]!;
  return [
    {
      email: 'admin@delight.example',
      password: 'delight-admin',
      role: 'admin',
      employee: staff.admin.externalId,
    },
    {
      email: 'executive@delight.example',
      password: 'delight-executive',
      role: 'executive',
      employee: staff.executive.externalId,
    },
    {
      email: 'hr@delight.example',
      password: 'delight-hr',
      role: 'hr',
      employee: staff.hr.externalId,
    },
    {
      email: 'manager@delight.example',
      password: 'delight-manager',
      role: 'segment_manager',
      employee: rigaManager.externalId,
    },
    {
      email: 'agent@delight.example',
      password: 'delight-agent',
      role: 'agent',
      employee: rigaAgent.externalId,
    },
  ];
}
