import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { OperationArg, OperationName, OperationResult } from '../../shared/api/contract';
import type { ImportReport } from '../../shared/api/imports';
import type { Credentials, ServiceHost } from '../services/hosting/host';
import { CliError, exitCodeFor } from './exit-codes';
import { countOf } from '../../shared/text/plural';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Rewrites a progress line in place (a terminal) or does nothing (a pipe, a test). */
  progress: (text: string) => void;
  /** All of standard input, for commands that read data from it. */
  readStdin: () => Promise<string>;
}

/** The CLI is run by the person at the computer that holds the project: it acts as the project's owner. */
export const CLI_CREDENTIALS: Credentials = { transport: 'cli', owner: true, session: null, address: null };

/** Calls the back end through the same validated door the UI uses, turning errors into CLI errors. */
export async function call<N extends OperationName>(host: ServiceHost, name: N, arg: OperationArg<N>): Promise<OperationResult<N>> {
  const result = await host.call(name, arg, CLI_CREDENTIALS);
  if (!result.ok) throw new CliError(result.error.message, exitCodeFor(result.error.code));
  return result.value as OperationResult<N>;
}

export const USAGE = `Usage: concord <command> [options]

Commands:
  init <dir> --kind bbox|transcript [--name NAME] [--classes a,b,c] [--tags x,y]
                                  create a project in an empty or new folder
  import <dir> <folder-or-manifest> [--copy-media]
                                  import images or audio (a folder, or a .csv/.jsonl manifest)
  import --database URL --media-root DIR [--project SLUG] <folder-or-manifest> [--copy-media]
                                  import into a team's project: files inside the media root are
                                  referenced there, others are copied into it
  info <dir> [--json]             show a project's kind, classes, tags and counts
  agreement <dir> [--json] [--iou 0.5]
                                  the project's inter-labeler agreement (human-level baseline)
  export <dir> --format coco|yolo|voc|jsonl|csv|huggingface --out DIR [--splits 0.8,0.1,0.1]
         [--seed N] [--min-agreement X] [--flag-unresolved] [--portable] [--version V]
                                  make a dataset version (or take version V) and write it;
                                  --portable copies the media (to share), else they are links
                                  (hard links on the project's disk): not portable
  datasets <dir> [--json]         list the dataset versions
  labels import <dir> --labeler NAME --format coco|yolo|voc|jsonl|label-studio|cvat FILE
                                  import another tool's labels as a labeler's annotations
                                  (Label Studio and CVAT: as each annotator's, by name)
  labels export <dir> --format label-studio|cvat --out DIR
                                  every labeler's own answers, for another tool
  prelabels import <dir> FILE --source NAME [--format coco-results|label-studio|jsonl]
                   [--min-score 0.5]
                                  store a model's predictions to offer labelers as pre-labels
  restore-backup <dir>            put the latest copy from <dir>/backups in place of a damaged
                                  database (the damaged file is kept there)
  projects create --database URL --media-root DIR --kind bbox|transcript --name NAME
                  [--project SLUG] [--classes a,b,c] [--tags x,y]
                                  add a project to a team server (its own PostgreSQL database)
  projects list|add-member SLUG NAME --role ROLE|remove-member SLUG NAME --database URL
                                  a team server's projects and who belongs to which, with a role
  users add|list|disable|set-role ... --database postgres://USER@HOST:PORT/DB
                                  a team server's accounts (the first admin is made this way);
                                  add reads the password from stdin (--password-stdin)
  serve --database postgres://USER@HOST:PORT/DB --media-root DIR [--listen HOST:PORT]
        [--public-url URL] [--trust-proxy] [--tls-cert FILE --tls-key FILE]
                                  serve a team's project to browsers (everyone signs in)
  serve --project DIR [--listen HOST:PORT] [...]
                                  serve a local project folder, as npm run web does
  push <dir> --database URL [--media-root DIR]
                                  move a local project into a new, empty team database (its
                                  media into the server's media root), all or nothing
  backup --database URL --out FILE
                                  a consistent snapshot of a team database in one file
  restore FILE --database URL     a backup into a new, empty team database, all or nothing
  metrics <name> [--input FILE]   compute one agreement metric on raw JSON data (see concord metrics --help)
  api-schema                      print the API's OpenAPI 3.1 description (also GET /api/openapi.json)

Exit codes: 0 ok, 1 user error, 2 internal error.`;

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export async function init(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { kind: { type: 'string' }, name: { type: 'string' }, classes: { type: 'string' }, tags: { type: 'string' } },
  });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new CliError('init takes one folder: concord init <dir> --kind bbox|transcript');
  if (values.kind !== 'bbox' && values.kind !== 'transcript') throw new CliError('--kind must be bbox or transcript');
  const absolute = resolve(dir);
  const project = await call(host, 'projects.create', {
    dir: absolute,
    name: values.name ?? absolute.split(/[\\/]/).pop() ?? 'Concord project',
    kind: values.kind,
    classes: splitList(values.classes).map((name) => ({ name })),
    tags: splitList(values.tags).map((name) => ({ name })),
  });
  io.out(`Created ${project.kind} project "${project.name}" in ${project.dir}`);
  if (project.classes.length > 0) io.out(`Classes: ${project.classes.map((c) => `${c.name} [${c.hotkey ?? '-'}]`).join(', ')}`);
}

export async function importMedia(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'copy-media': { type: 'boolean', default: false }, database: { type: 'string' }, 'media-root': { type: 'string' }, project: { type: 'string' } },
  });
  if (values.database !== undefined) {
    const [source] = positionals;
    if (!source || positionals.length > 1)
      throw new CliError('import into a team database takes one source: concord import --database URL --media-root DIR <folder-or-manifest>');
    const { importIntoTeam } = await import('./team-project-commands');
    return importIntoTeam({ database: values.database, mediaRoot: values['media-root'], project: values.project, source, copyMedia: values['copy-media'] }, io);
  }
  const [dir, source] = positionals;
  if (!dir || !source || positionals.length > 2) throw new CliError('import takes a project and a source: concord import <dir> <folder-or-manifest>');
  await call(host, 'projects.open', { dir: resolve(dir) });
  await importInto(host, resolve(source), values['copy-media'], io);
}

/** Imports into the host's open project, showing progress, then the report: what was imported, what skipped and why. */
export async function importInto(host: ServiceHost, source: string, copyMedia: boolean, io: CliIo): Promise<void> {
  const unsubscribe = host.onEvent((event) => {
    if (event.name !== 'import.progress') return;
    const p = event.payload as ImportReport;
    io.progress(`Importing: ${p.processed}/${p.total} checked, ${p.imported} imported, ${countOf(p.duplicates, 'duplicate')}, ${p.failed} skipped`);
  });
  const started = await call(host, 'imports.start', { source, copyMedia });
  const report = await waitForImport(host, started.jobId);
  unsubscribe();
  io.progress('');
  io.out(`Imported ${report.imported} of ${countOf(report.total, 'file')} (${countOf(report.duplicates, 'duplicate')}, ${report.failed} skipped).`);
  for (const d of report.duplicateFiles) io.out(`  duplicate  ${d.path} (same content as ${d.duplicateOf})`);
  for (const p of report.problems) io.out(`  skipped    ${p.path}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
  if (report.state === 'failed') throw new CliError(`Import failed: ${report.error ?? 'unknown error'}`, 2);
}

async function waitForImport(host: ServiceHost, jobId: string): Promise<ImportReport> {
  for (;;) {
    const report = await call(host, 'imports.get', { jobId });
    if (report.finishedAt !== null) return report;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function info(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new CliError('info takes one project folder: concord info <dir>');
  const project = await call(host, 'projects.open', { dir: resolve(dir) });
  if (values.json) {
    io.out(JSON.stringify(project, null, 2));
    return;
  }
  io.out(`${project.name} (${project.kind})`);
  io.out(`Folder:     ${project.dir}`);
  io.out(`Samples:    ${project.sampleCount}`);
  io.out(`Labelers:   ${project.labelerCount}`);
  io.out(`Guideline:  v${project.currentGuidelineVersion}`);
  if (project.kind === 'bbox') io.out(`Classes:    ${project.classes.map((c) => c.name).join(', ') || '(none)'}`);
  io.out(`Tags:       ${project.tags.map((t) => t.name).join(', ') || '(none)'}`);
}
