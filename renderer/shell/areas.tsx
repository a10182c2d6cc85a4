import type { ReactNode } from 'react';
import type { OperationName } from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/domain/project';
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
const ReviewScreen = onDemand(() => import('../review/ReviewScreen').then((m) => m.ReviewScreen));
const GuidelinesScreen = onDemand(() => import('../guidelines/GuidelinesScreen').then((m) => m.GuidelinesScreen));
const SamplesScreen = onDemand(() => import('../samples/SamplesScreen').then((m) => m.SamplesScreen));
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
}

/** The areas of the app, in menu order; each listed only to the roles it is for. */
export const AREAS: readonly Area[] = [
  { id: 'label', title: 'Label', needs: 'queue.get', fullWidth: true, render: (project, loading) => <LabelScreen loading={loading} project={project} /> },
  // Labelers work blind: agreement shows what others labeled.
  { id: 'agreement', title: 'Agreement', needs: 'agreement.project', render: (project, loading) => <AgreementScreen loading={loading} project={project} /> },
  {
    id: 'datasets',
    title: 'Datasets',
    needs: 'datasets.list',
    fullWidth: true,
    render: (project, loading) => <DatasetsScreen loading={loading} project={project} />,
  },
  { id: 'train', title: 'Train & analyse', needs: 'train.runs', render: (project, loading) => <TrainScreen loading={loading} project={project} /> },
  { id: 'review', title: 'Review', needs: 'review.queue', fullWidth: true, render: (project, loading) => <ReviewScreen loading={loading} project={project} /> },
  { id: 'guidelines', title: 'Guidelines', needs: 'guidelines.current', fullWidth: true, render: (_, loading) => <GuidelinesScreen loading={loading} /> },
  { id: 'samples', title: 'Samples', needs: 'samples.list', render: (project, loading) => <SamplesScreen loading={loading} project={project} /> },
  { id: 'team', title: 'Team', needs: 'assignments.summary', render: (_, loading) => <TeamScreen loading={loading} /> },
  // Engineers read the classes and their history; admins and SMEs change them.
  { id: 'classes', title: 'Classes & tags', needs: 'taxonomy.history', render: (project, loading) => <TaxonomyScreen loading={loading} project={project} /> },
  { id: 'people', title: 'People', needs: 'labelers.update', render: (_, loading) => <AccountsScreen loading={loading} /> },
  { id: 'audit', title: 'Audit log', needs: 'audit.list', render: (_, loading) => <AuditLog loading={loading} /> },
];
