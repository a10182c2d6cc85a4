/** The operations the audit log records: decisions and changes that shape labels, datasets or access, and the questions asked about them. */
export const AUDITED_OPERATIONS = [
  'review.decide',
  'review.autoAccept',
  'guidelines.publish',
  'assignments.plan',
  'assignments.reassign',
  'datasets.create',
  'datasets.export',
  'datasets.download',
  'prelabels.import',
  'prelabels.configure',
  'prelabels.override',
  'labels.import',
  'labels.export',
  'labelers.create',
  'labelers.update',
  'session.changePassword',
  'taxonomy.change',
  'gold.configure',
  'gold.mark',
  'comments.post',
  'comments.resolve',
  'samples.untag',
  'samples.assign',
  'samples.relabel',
  'samples.acceptConsensus',
] as const;
export type AuditAction = (typeof AUDITED_OPERATIONS)[number];

/** One line of the append-only audit log. */
export interface AuditEntry {
  id: number;
  at: string;
  /** Who did it, by name as it was then (an account may be renamed or disabled later). */
  actor: string;
  action: AuditAction;
  /** What it was done to, in words: "sample 12", "guideline v3", "ana". */
  subject: string;
  /** A few facts about it (never a password or file contents). */
  details: Record<string, string | number | boolean | null>;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}
