import type { ReactNode } from 'react';
import { mayCall } from '../../shared/api/access';
import type { OperationName } from '../../shared/api/contract';
import type { LabelerRole } from '../../shared/domain/labeler';
import type { ProjectSummary } from '../../shared/domain/project';
import { readQueueAhead } from '../review/review-store';
import { readFirstPageAhead } from '../samples/sample-pages';
import { onDemand } from '../ui/on-demand';

/**
 * Each area's code is its own chunk, fetched when the area is first shown: the first screen
 * (Samples, a labeler's queue, Start or Sign-in) loads none of the others' libraries (the
 * editors' canvas and audio, the charts, Markdown). `Shell` shows a status while one loads.
 */
const LabelScreen = onDemand(() => import('../label/LabelScreen').then((m) => m.LabelScreen));
const AgreementScreen = onDemand(() => import('../agreement/AgreementScreen').then((m) => m.AgreementScreen));
const DatasetsScreen = onDemand(() => import('../datasets/DatasetsScreen').then((m) => m.DatasetsScreen));
const TrainScreen = onDemand(() => import('../train/TrainScreen').then((m) => m.TrainScreen));
// The queue's first page is asked for while the screen's code travels.
const ReviewScreen = onDemand(() => import('../review/ReviewScreen').then((m) => m.ReviewScreen), { whileFetching: readQueueAhead });
const GuidelinesScreen = onDemand(() => import('../guidelines/GuidelinesScreen').then((m) => m.GuidelinesScreen));
const SamplesScreen = onDemand(() => import('../samples/SamplesScreen').then((m) => m.SamplesScreen), { whileFetching: readFirstPageAhead });
const TeamScreen = onDemand(() => import('../team/TeamScreen').then((m) => m.TeamScreen));
const TaxonomyScreen = onDemand(() => import('../settings/TaxonomyScreen').then((m) => m.TaxonomyScreen));
const AccountsScreen = onDemand(() => import('../account/AccountsScreen').then((m) => m.AccountsScreen));
const AuditLog = onDemand(() => import('../account/AuditLog').then((m) => m.AuditLog));

/**
 * Fetches the Label area's code ahead. The sign-in screen asks while the person types: most who
 * sign in there are labelers, who land in their queue, and then nothing is left to fetch.
 */
export const preloadLabelArea = (): void => LabelScreen.preload();

export type AreaId = 'label' | 'review' | 'guidelines' | 'agreement' | 'datasets' | 'train' | 'samples' | 'team' | 'people' | 'audit' | 'classes';

export interface Area {
  id: AreaId;
  title: string;
  /** The area is listed to those the back end lets call this (see shared/api/access.ts). */
  needs: OperationName;
  /** Editors and side-by-side views use the whole width. */
  fullWidth?: boolean;
  /** The area for the project, with `loading` in its place while its code is fetched. */
  render(project: ProjectSummary, loading: ReactNode): ReactNode;
  /** Fetches the area's code ahead of showing it. */
  preload(): void;
  /** Starts the area's first data request ahead of its code; returns what drops it if the area is not shown after all. */
  readAhead?(): () => void;
}

/** The areas of the app, in menu order; each listed only to the roles it is for. */
export const AREAS: readonly Area[] = [
  {
    id: 'label',
    title: 'Label',
    needs: 'queue.get',
    fullWidth: true,
    render: (project, loading) => <LabelScreen loading={loading} project={project} />,
    preload: LabelScreen.preload,
  },
  // Labelers work blind: agreement shows what others labeled.
  {
    id: 'agreement',
    title: 'Agreement',
    needs: 'agreement.project',
    render: (project, loading) => <AgreementScreen loading={loading} project={project} />,
    preload: AgreementScreen.preload,
  },
  {
    id: 'datasets',
    title: 'Datasets',
    needs: 'datasets.list',
    fullWidth: true,
    render: (project, loading) => <DatasetsScreen loading={loading} project={project} />,
    preload: DatasetsScreen.preload,
  },
  {
    id: 'train',
    title: 'Train & analyse',
    needs: 'train.runs',
    render: (project, loading) => <TrainScreen loading={loading} project={project} />,
    preload: TrainScreen.preload,
  },
  {
    id: 'review',
    title: 'Review',
    needs: 'review.queue',
    fullWidth: true,
    render: (project, loading) => <ReviewScreen loading={loading} project={project} />,
    preload: ReviewScreen.preload,
    readAhead: readQueueAhead,
  },
  {
    id: 'guidelines',
    title: 'Guidelines',
    needs: 'guidelines.current',
    fullWidth: true,
    render: (_, loading) => <GuidelinesScreen loading={loading} />,
    preload: GuidelinesScreen.preload,
  },
  {
    id: 'samples',
    title: 'Samples',
    needs: 'samples.list',
    render: (project, loading) => <SamplesScreen loading={loading} project={project} />,
    preload: SamplesScreen.preload,
    readAhead: readFirstPageAhead,
  },
  { id: 'team', title: 'Team', needs: 'assignments.summary', render: (_, loading) => <TeamScreen loading={loading} />, preload: TeamScreen.preload },
  // Engineers read the classes and their history; admins and SMEs change them.
  {
    id: 'classes',
    title: 'Classes & tags',
    needs: 'taxonomy.history',
    render: (project, loading) => <TaxonomyScreen loading={loading} project={project} />,
    preload: TaxonomyScreen.preload,
  },
  { id: 'people', title: 'People', needs: 'labelers.update', render: (_, loading) => <AccountsScreen loading={loading} />, preload: AccountsScreen.preload },
  { id: 'audit', title: 'Audit log', needs: 'audit.list', render: (_, loading) => <AuditLog loading={loading} />, preload: AuditLog.preload },
];

/**
 * The area a window shows for `wanted` (the address's `#area`): that one when the role may see
 * it, else Samples for those who may see them, else the first listed (a labeler's queue).
 */
export function areaToShow(available: readonly Area[], wanted: string): Area {
  return available.find((a) => a.id === wanted) ?? available.find((a) => a.id === 'samples') ?? available[0]!;
}

/** The areas a role may see, in menu order. */
export function areasFor(role: LabelerRole | undefined): Area[] {
  return AREAS.filter((a) => mayCall(role, a.needs));
}
