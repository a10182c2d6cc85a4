import type { LabelerRole } from '../domain/labeler';
import type { OperationName } from './contract';
import type { EventName } from './events';

/**
 * Who may call an operation:
 * - `anyone`: no sign-in needed (what the sign-in screen itself uses);
 * - `owner`: the person who started Concord on this computer (its window, its CLI, or a tab
 *   opened from the address it printed), signed in or not: opening and closing projects;
 * - `owner or signed in`: either;
 * - a list of roles: a signed-in account with one of them.
 */
export type Access = 'anyone' | 'owner' | 'owner or signed in' | readonly LabelerRole[];

const everyone: readonly LabelerRole[] = ['labeler', 'sme', 'engineer', 'admin'];
/** Reading everyone's work and the figures that name labelers. */
const coordinators: readonly LabelerRole[] = ['sme', 'engineer', 'admin'];
/** Review, decisions, the guideline and who labels what. */
const smes: readonly LabelerRole[] = ['sme', 'admin'];
/** Media, dataset versions, exports, training and predictions. */
const engineers: readonly LabelerRole[] = ['engineer', 'admin'];
const admins: readonly LabelerRole[] = ['admin'];

/**
 * The one table the dispatcher checks before any handler runs; the UI reads it to hide
 * what a role cannot do. Labelers label their own queue and read the current guideline
 * (services also check that a labeler touches only their own queue and annotations).
 */
export const ACCESS: Record<OperationName, Access> = {
  'app.info': 'anyone',
  'system.pickFolder': 'owner',
  'system.openServerWindow': 'owner',

  'projects.recent': 'owner',
  'projects.current': 'owner or signed in',
  'projects.create': 'owner',
  'projects.open': 'owner',
  'projects.openDemo': 'owner',
  'projects.close': 'owner',
  'projects.restoreBackup': 'owner',
  'projects.latestBackup': 'owner',

  'session.options': 'anyone',
  'session.signIn': 'anyone',
  'session.current': 'anyone',
  'session.signOut': 'anyone',
  'session.changePassword': everyone,

  'labelers.list': coordinators,
  'labelers.create': admins,
  'labelers.update': admins,
  'audit.list': smes,
  // The classes and tags shape every label: those who own the guideline change them; engineers read what changed.
  'taxonomy.change': smes,
  'taxonomy.history': coordinators,

  'samples.list': coordinators,
  'samples.get': everyone,
  // Labelers work blind: how far others agree on a sample is not theirs to see.
  'samples.agreement': coordinators,
  'samples.tag': coordinators,
  'samples.tagMatching': coordinators,
  'samples.untag': smes,
  'samples.assign': smes,
  'samples.relabel': smes,
  'samples.acceptConsensus': smes,

  'queue.get': everyone,
  'queue.window': everyone,
  'annotations.mine': everyone,
  'annotations.save': everyone,

  'guidelines.current': everyone,
  'guidelines.notice': everyone,
  'guidelines.acknowledge': everyone,
  // The notice of a new version shows its changes against the one the labeler worked under.
  'guidelines.diff': everyone,
  'guidelines.list': coordinators,
  'guidelines.version': coordinators,
  'guidelines.draft': smes,
  'guidelines.saveDraft': smes,
  'guidelines.attachCases': smes,
  'guidelines.addExample': smes,
  'guidelines.updateExample': smes,
  'guidelines.removeExample': smes,
  'guidelines.publish': smes,

  'assignments.plan': smes,
  'assignments.reassign': smes,
  'assignments.summary': coordinators,
  'agreement.project': coordinators,

  // Labeler quality names labelers and reads their work: for those who coordinate it.
  'quality.drift': coordinators,
  'team.throughput': coordinators,

  'review.queue': coordinators,
  'review.sample': coordinators,
  'review.decide': smes,
  'review.saveDraft': smes,
  'review.autoAccept': smes,

  // Gold checks are decided by SMEs; labelers read only their own qualification and feedback (services check whose).
  'gold.checks': coordinators,
  'gold.configure': smes,
  'gold.mark': smes,
  'gold.report': coordinators,
  'gold.qualification': everyone,
  'gold.requalify': smes,
  'gold.feedback': everyone,

  'datasets.preview': coordinators,
  'datasets.list': coordinators,
  'datasets.compare': coordinators,
  'datasets.create': engineers,
  'datasets.export': engineers,
  'datasets.download': engineers,
  'labels.import': engineers,
  'labels.export': engineers,

  'train.crops': engineers,
  'train.clips': engineers,
  'train.saveRun': engineers,
  'train.runs': coordinators,
  'train.runModel': engineers,
  'train.clipsToPrelabel': engineers,
  'train.imagesToPrelabel': engineers,
  'train.predictions': engineers,
  // Sending likely label errors back is a request to the SMEs' process, from either side.
  'train.requestRelabel': coordinators,

  'imports.start': engineers,
  'imports.cancel': engineers,
  'imports.get': engineers,
  'media.relink': engineers,

  // A model's predictions are engineers' to bring in; offering them to labelers changes how they label, so SMEs decide.
  'prelabels.import': engineers,
  'prelabels.storeBatch': engineers,
  'prelabels.summary': coordinators,
  'prelabels.configure': smes,
  'prelabels.override': smes,
  'prelabels.sample': coordinators,
  'prelabels.offer': everyone,
  'agreement.anchoring': coordinators,

  // Labelers ask about the guideline where they label; the service shows a labeler no other labeler's words and lets only SMEs, admins or the asker resolve.
  'comments.list': everyone,
  'comments.post': everyone,
  'comments.resolve': everyone,
  'comments.openQuestions': coordinators,
};

/**
 * Who hears each event on an event stream; the owner hears every one. Most carry ids and no
 * labels, so labelers hear them too. An import's progress names the folder it reads: it is for
 * those who may watch imports. A project switch names a folder on the owner's disk.
 */
export const EVENT_ACCESS: Record<EventName, Access> = {
  'import.progress': ACCESS['imports.get'],
  'project.changed': 'owner',
  'queues.changed': everyone,
  'agreement.changed': everyone,
  'guideline.published': everyone,
  'review.decided': everyone,
  'review.classifying': ACCESS['review.queue'],
  'dataset.created': everyone,
  'taxonomy.changed': everyone,
  'comments.changed': everyone,
};

/** Whether a signed-in account with `role` (or nobody, when null) passes `access`; the owner is decided by the caller. */
function allows(access: Access, role: LabelerRole | null | undefined): boolean {
  if (access === 'anyone' || access === 'owner or signed in') return role != null || access === 'anyone';
  if (access === 'owner') return false;
  return role != null && access.includes(role);
}

/**
 * Whether an account with `role` may call `name` (signed in). The UI uses it to hide what
 * the back end would refuse.
 * @example mayCall('labeler', 'review.decide') // false
 */
export function mayCall(role: LabelerRole | null | undefined, name: OperationName): boolean {
  return allows(ACCESS[name], role);
}

/**
 * Whether a stream signed in with `role` hears `name`.
 * @example mayHear('labeler', 'import.progress') // false
 */
export function mayHear(role: LabelerRole, name: EventName): boolean {
  return allows(EVENT_ACCESS[name], role);
}
