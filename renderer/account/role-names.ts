import type { LabelerRole } from '../../shared/domain/labeler';

const NAMES: Record<LabelerRole, string> = { labeler: 'labeler', sme: 'SME', engineer: 'engineer', admin: 'admin' };

/** A role as people say it. */
export function roleName(role: LabelerRole): string {
  return NAMES[role];
}
