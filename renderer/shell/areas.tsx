import { lazy, type ReactNode } from 'react';
import type { OperationName } from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/domain/project';

/**
 * Each area's code is its own chunk, fetched when the area is first shown: the first screen
 * (Samples, a labeler's queue, Start or Sign-in) loads none of the others' libraries (the
 * editors' canvas and audio, the charts, Markdown). `Shell` shows a status while one loads.
 */
const LabelScreen = lazy(() => import('../label/LabelScreen').then((m) => ({ default: m.LabelScreen })));
const AgreementScreen = lazy(() => import('../agreement/AgreementScreen').then((m) => ({ default: m.AgreementScreen })));
const DatasetsScreen = lazy(() => import('../datasets/DatasetsScreen').then((m) => ({ default: m.DatasetsScreen })));
const TrainScreen = lazy(() => import('../train/TrainScreen').then((m) => ({ default: m.TrainScreen })));
const ReviewScreen = lazy(() => import('../review/ReviewScreen').then((m) => ({ default: m.ReviewScreen })));
const GuidelinesScreen = lazy(() => import('../guidelines/GuidelinesScreen').then((m) => ({ default: m.GuidelinesScreen })));
const SamplesScreen = lazy(() => import('../samples/SamplesScreen').then((m) => ({ default: m.SamplesScreen })));
const TeamScreen = lazy(() => import('../team/TeamScreen').then((m) => ({ default: m.TeamScreen })));
const TaxonomyScreen = lazy(() => import('../settings/TaxonomyScreen').then((m) => ({ default: m.TaxonomyScreen })));
const AccountsScreen = lazy(() => import('../account/AccountsScreen').then((m) => ({ default: m.AccountsScreen })));
const AuditLog = lazy(() => import('../account/AuditLog').then((m) => ({ default: m.AuditLog })));

export type AreaId = 'label' | 'review' | 'guidelines' | 'agreement' | 'datasets' | 'train' | 'samples' | 'team' | 'people' | 'audit' | 'classes';

export interface Area {
  id: AreaId;
  title: string;
  /** The area is listed to those the back end lets call this (see shared/api/access.ts). */
  needs: OperationName;
  /** Editors and side-by-side views use the whole width. */
  fullWidth?: boolean;
  render(project: ProjectSummary): ReactNode;
}

/** The areas of the app, in menu order; each listed only to the roles it is for. */
export const AREAS: readonly Area[] = [
  { id: 'label', title: 'Label', needs: 'queue.get', fullWidth: true, render: (project) => <LabelScreen project={project} /> },
  // Labelers work blind: agreement shows what others labeled.
  { id: 'agreement', title: 'Agreement', needs: 'agreement.project', render: (project) => <AgreementScreen project={project} /> },
  { id: 'datasets', title: 'Datasets', needs: 'datasets.list', fullWidth: true, render: (project) => <DatasetsScreen project={project} /> },
  { id: 'train', title: 'Train & analyse', needs: 'train.runs', render: (project) => <TrainScreen project={project} /> },
  { id: 'review', title: 'Review', needs: 'review.queue', fullWidth: true, render: (project) => <ReviewScreen project={project} /> },
  { id: 'guidelines', title: 'Guidelines', needs: 'guidelines.current', fullWidth: true, render: () => <GuidelinesScreen /> },
  { id: 'samples', title: 'Samples', needs: 'samples.list', render: (project) => <SamplesScreen project={project} /> },
  { id: 'team', title: 'Team', needs: 'assignments.summary', render: () => <TeamScreen /> },
  // Engineers read the classes and their history; admins and SMEs change them.
  { id: 'classes', title: 'Classes & tags', needs: 'taxonomy.history', render: (project) => <TaxonomyScreen project={project} /> },
  { id: 'people', title: 'People', needs: 'labelers.update', render: () => <AccountsScreen /> },
  { id: 'audit', title: 'Audit log', needs: 'audit.list', render: () => <AuditLog /> },
];
