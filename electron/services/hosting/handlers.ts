import type { OperationName, OperationResult, ValidatedArg } from '../../../shared/api/contract';
import { appVersion } from '../../app-version';
import { ApiError } from '../../../shared/api/errors';
import type { ServiceContext } from './context';
import { openDemo } from '../demo';
import { checkConcordServer } from '../server-check';
import { labelersCreate, labelersList, labelersUpdate } from '../labelers';
import { sessionChangePassword, sessionCurrent, sessionOptions, sessionSignIn, sessionSignOut } from '../session';
import { auditList } from '../audit';
import { taxonomyChange, taxonomyHistory } from '../taxonomy';
import { closeProject, createProject, currentProject, openProject, recentProjects } from '../projects';
import { latestBackupSummary, restoreLatestBackup } from '../restore-backup';
import { relinkMedia } from '../relink';
import { samplesGet, samplesAgreement, samplesList } from '../samples';
import { annotationsMine, annotationsSave, queueGet, queueWindowGet } from '../annotations';
import {
  guidelinesAcknowledge,
  guidelinesAddExample,
  guidelinesAttachCases,
  guidelinesCurrent,
  guidelinesDiff,
  guidelinesDraft,
  guidelinesList,
  guidelinesNotice,
  guidelinesPublish,
  guidelinesRemoveExample,
  guidelinesSaveDraft,
  guidelinesUpdateExample,
  guidelinesVersion,
} from '../guidelines';
import { assignmentsPlan, assignmentsReassign, assignmentsSummary } from '../assignments';
import { agreementProject } from '../agreement';
import { qualityDrift, teamThroughput } from '../drift';
import { trainPredictions } from '../predictions';
import { samplesTag, samplesTagMatching, samplesUntag } from '../sample-tags';
import { samplesAcceptConsensus, samplesAssign, samplesRelabel } from '../sample-actions';
import { trainRequestRelabel, trainRunModel, trainRuns, trainSaveRun } from '../training';
import { trainClips, trainClipsToPrelabel, trainCrops, trainImagesToPrelabel } from '../training-sets';
import { labelsExport } from '../datasets/export-labelers';
import { labelsImport } from '../datasets/import-labels';
import { datasetsCompare, datasetsCreate, datasetsExport, datasetsList, datasetsPreview } from '../datasets/datasets';
import { reviewAutoAccept, reviewDecide, reviewQueue, reviewSample, reviewSaveDraft } from '../review';
import { datasetsDownload } from '../datasets/dataset-downloads';
import { agreementAnchoring, prelabelsConfigure, prelabelsImport, prelabelsOffer, prelabelsOverride, prelabelsSample, prelabelsSummary } from '../prelabels';
import { prelabelsStoreBatch } from '../prelabel-batches';
import { requireProject } from './context';
import { goldChecks, goldConfigure, goldMark, goldQualification, goldReport, goldRequalify } from '../gold/gold-checks';
import { goldFeedback } from '../gold/feedback';
import { commentsList, commentsOpenQuestions, commentsPost, commentsResolve } from '../comments';

export type Handlers = {
  [N in OperationName]: (ctx: ServiceContext, arg: ValidatedArg<N>) => Promise<OperationResult<N>>;
};

/** Every operation of the contract, bound to its service function. Hosts call only these. */
export const handlers: Handlers = {
  'app.info': async (ctx) => ({
    version: appVersion,
    host: ctx.options.hostKind,
    capabilities: { pickFolder: ctx.options.pickFolder !== undefined, serverWindows: ctx.options.openServerWindow !== undefined },
  }),
  'system.pickFolder': async (ctx, arg) => {
    if (!ctx.options.pickFolder) throw new ApiError('unsupported', 'This host has no folder picker; type the folder path instead.');
    return ctx.options.pickFolder(arg.title);
  },
  'system.openServerWindow': async (ctx, arg) => {
    const open = ctx.options.openServerWindow;
    if (!open) throw new ApiError('unsupported', 'Only the desktop app opens windows on a server; in a browser, go to its address.');
    const server = await checkConcordServer(arg.address);
    open(server.origin);
    return server;
  },
  'projects.recent': recentProjects,
  'projects.current': currentProject,
  'projects.create': createProject,
  'projects.open': openProject,
  'projects.openDemo': openDemo,
  'projects.close': closeProject,
  'projects.restoreBackup': restoreLatestBackup,
  'projects.latestBackup': latestBackupSummary,
  'session.options': sessionOptions,
  'session.signIn': sessionSignIn,
  'session.current': sessionCurrent,
  'session.signOut': sessionSignOut,
  'session.changePassword': sessionChangePassword,
  'labelers.list': labelersList,
  'labelers.create': labelersCreate,
  'labelers.update': labelersUpdate,
  'audit.list': auditList,
  'taxonomy.change': taxonomyChange,
  'taxonomy.history': taxonomyHistory,
  'samples.list': samplesList,
  'samples.get': samplesGet,
  'samples.agreement': samplesAgreement,
  'samples.tag': samplesTag,
  'samples.tagMatching': samplesTagMatching,
  'samples.untag': samplesUntag,
  'samples.assign': samplesAssign,
  'samples.relabel': samplesRelabel,
  'samples.acceptConsensus': samplesAcceptConsensus,
  'queue.get': queueGet,
  'queue.window': queueWindowGet,
  'annotations.mine': annotationsMine,
  'annotations.save': annotationsSave,
  'guidelines.current': guidelinesCurrent,
  'guidelines.list': guidelinesList,
  'guidelines.version': guidelinesVersion,
  'guidelines.diff': guidelinesDiff,
  'guidelines.draft': guidelinesDraft,
  'guidelines.saveDraft': guidelinesSaveDraft,
  'guidelines.attachCases': guidelinesAttachCases,
  'guidelines.addExample': guidelinesAddExample,
  'guidelines.updateExample': guidelinesUpdateExample,
  'guidelines.removeExample': guidelinesRemoveExample,
  'guidelines.publish': guidelinesPublish,
  'guidelines.notice': guidelinesNotice,
  'guidelines.acknowledge': guidelinesAcknowledge,
  'assignments.plan': assignmentsPlan,
  'assignments.summary': assignmentsSummary,
  'assignments.reassign': assignmentsReassign,
  'agreement.project': agreementProject,
  'quality.drift': qualityDrift,
  'team.throughput': teamThroughput,
  'review.queue': reviewQueue,
  'review.sample': reviewSample,
  'review.decide': reviewDecide,
  'review.saveDraft': reviewSaveDraft,
  'review.autoAccept': reviewAutoAccept,
  'gold.checks': goldChecks,
  'gold.configure': goldConfigure,
  'gold.mark': goldMark,
  'gold.report': goldReport,
  'gold.qualification': goldQualification,
  'gold.requalify': goldRequalify,
  'gold.feedback': goldFeedback,
  'datasets.preview': datasetsPreview,
  'datasets.create': datasetsCreate,
  'datasets.list': datasetsList,
  'datasets.export': datasetsExport,
  'datasets.compare': datasetsCompare,
  'datasets.download': datasetsDownload,
  'labels.import': labelsImport,
  'labels.export': labelsExport,
  'train.crops': trainCrops,
  'train.clips': trainClips,
  'train.saveRun': trainSaveRun,
  'train.runs': trainRuns,
  'train.runModel': trainRunModel,
  'train.clipsToPrelabel': trainClipsToPrelabel,
  'train.imagesToPrelabel': trainImagesToPrelabel,
  'train.predictions': trainPredictions,
  'train.requestRelabel': trainRequestRelabel,
  'imports.start': async (ctx, arg) => ctx.imports.start(requireProject(ctx), arg.source, arg.copyMedia),
  'imports.cancel': async (ctx, arg) => ctx.imports.cancel(requireProject(ctx), arg.jobId),
  'imports.get': async (ctx, arg) => ctx.imports.get(requireProject(ctx), arg.jobId),
  'media.relink': relinkMedia,
  'prelabels.import': prelabelsImport,
  'prelabels.storeBatch': prelabelsStoreBatch,
  'prelabels.summary': prelabelsSummary,
  'prelabels.configure': prelabelsConfigure,
  'prelabels.override': prelabelsOverride,
  'prelabels.sample': prelabelsSample,
  'prelabels.offer': prelabelsOffer,
  'agreement.anchoring': agreementAnchoring,
  'comments.list': commentsList,
  'comments.post': commentsPost,
  'comments.resolve': commentsResolve,
  'comments.openQuestions': commentsOpenQuestions,
};
