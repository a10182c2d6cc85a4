import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWNER_KEY_HEADER } from '../../../electron/web/security';
import type { DatasetDownload } from '../../../shared/domain/dataset';
import type { SignedIn } from '../../../shared/domain/session';
import { SPLITS as ALL_IN } from '../../support/dataset-splits';
import { useTempDirs } from '../../support/temp-dir';
import { useWebHosts } from '../../support/web-host';

type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Every file under `dir` with its bytes (links followed), by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (!entry.isDirectory()) files.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  return files;
}

describe('downloading a dataset version over HTTP', () => {
  const tempDir = useTempDirs();
  const startWebHost = useWebHosts(tempDir);

  /** The web host with the bbox demo open, a version frozen, and calls as the owner's tab (an admin) or as a demo person. */
  async function demoServer() {
    const { server } = await startWebHost();
    const origin = `http://127.0.0.1:${server.port}`;
    const key = { [OWNER_KEY_HEADER]: server.ownerKey! };
    const call = async <T>(name: string, arg: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> => {
      const response = await fetch(`${origin}/api/call/${name}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(arg),
      });
      return (await response.json()) as Reply<T>;
    };
    const must = async <T>(name: string, arg: unknown, headers: Record<string, string>): Promise<T> => {
      const reply = await call<T>(name, arg, headers);
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
      return reply.value;
    };
    await must('projects.openDemo', { kind: 'bbox' }, key);
    const signIn = async (arg: unknown) => {
      const signedIn = await must<SignedIn>('session.signIn', arg, key);
      return { headers: { authorization: `Bearer ${signedIn.token}` }, ticket: signedIn.mediaTicket };
    };
    const owner = await signIn({ method: 'owner' });
    const people = new Map((await must<{ id: number; name: string }[]>('labelers.list', {}, owner.headers)).map((l) => [l.name, l.id]));
    const { version } = await must<{ version: number }>('datasets.create', ALL_IN, owner.headers);
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers });
    return { call, must, get, owner, version, signInAs: (name: string) => signIn({ method: 'demo', labelerId: people.get(name)! }) };
  }

  /** Saves a zip answer and unzips it with Python's zipfile, as a script would; returns the folder it made. */
  async function unzip(response: Response): Promise<string> {
    const zip = join(tempDir(), 'download.zip');
    writeFileSync(zip, Buffer.from(await response.arrayBuffer()));
    const out = tempDir();
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, out]);
    return out;
  }

  it('streams the version as a zip holding exactly the folder export, file for file', async () => {
    const { must, get, owner, version } = await demoServer();
    const response = await get(`/api/datasets/${version}/download?format=coco`, owner.headers);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    // Named after the project, the version and the format, in characters any file system takes.
    const name = /^attachment; filename="([a-z0-9-]+)\.zip"$/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    expect(name).toBe(`demo-everyday-objects-v${version}-coco`);
    const unzipped = await unzip(response);
    expect(readdirSync(unzipped)).toEqual([name]);

    const exported = join(tempDir(), 'coco');
    await must('datasets.export', { version, format: 'coco', outDir: exported, copyMedia: true }, owner.headers);
    const fromZip = tree(join(unzipped, name!));
    const fromFolder = tree(exported);
    expect([...fromZip.keys()].sort()).toEqual([...fromFolder.keys()].sort());
    for (const [path, bytes] of fromFolder) expect(fromZip.get(path)!.equals(bytes), path).toBe(true);
    // Empty splits stay folders, as in the export.
    for (const entry of readdirSync(exported, { recursive: true, withFileTypes: true }))
      if (entry.isDirectory()) expect(existsSync(join(unzipped, name!, relative(exported, join(entry.parentPath, entry.name))))).toBe(true);
  });

  it('prepares with datasets.download, then fetches once, by the same account, with headers or its media ticket', async () => {
    const { must, get, owner, version, signInAs } = await demoServer();
    const first = await must<DatasetDownload>('datasets.download', { version, format: 'yolo' }, owner.headers);
    expect(first.fileName).toBe(`demo-everyday-objects-v${version}-yolo.zip`);
    // Another engineer holding the address gets nothing, and does not spend it.
    const eli = await signInAs('eli');
    expect((await get(first.url, eli.headers)).status).toBe(404);
    // A browser link has no headers: the session's media ticket stands in.
    const byTicket = await get(`${first.url}?ticket=${encodeURIComponent(owner.ticket)}`);
    expect(byTicket.status).toBe(200);
    const unzipped = await unzip(byTicket);
    // Unzipped anywhere, data.yaml names the folder as it unzips, not the host's temporary one.
    const yaml = readFileSync(join(unzipped, `demo-everyday-objects-v${version}-yolo`, 'data.yaml'), 'utf8');
    expect(yaml).toContain(`path: "demo-everyday-objects-v${version}-yolo"`);
    expect((await get(first.url, owner.headers)).status).toBe(404);
    // Headers work as well as the ticket.
    const second = await must<DatasetDownload>('datasets.download', { version, format: 'voc' }, owner.headers);
    expect((await get(second.url, owner.headers)).status).toBe(200);
  });

  it('refuses as JSON, before any byte of zip: no credentials, a labeler, an unknown version, a format that does not fit', async () => {
    const { get, owner, version, signInAs } = await demoServer();
    const refusal = async (path: string, headers: Record<string, string>) => {
      const response = await get(path, headers);
      expect(response.headers.get('content-type')).toBe('application/json');
      const body = (await response.json()) as { ok: false; error: { code: string; message: string } };
      return { status: response.status, code: body.error.code, message: body.error.message };
    };
    expect(await refusal(`/api/datasets/${version}/download?format=coco`, {})).toMatchObject({ status: 401, code: 'unauthenticated' });
    const ana = await signInAs('ana');
    expect(await refusal(`/api/datasets/${version}/download?format=coco`, ana.headers)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await refusal(`/api/datasets/${version + 1}/download?format=coco`, owner.headers)).toMatchObject({ status: 404, code: 'not_found' });
    expect(await refusal(`/api/datasets/${version}/download?format=jsonl`, owner.headers)).toMatchObject({ status: 400, code: 'invalid_argument' });
    expect(await refusal(`/api/datasets/${version}/download?format=..%2F..%2Fetc`, owner.headers)).toMatchObject({ status: 400, code: 'invalid_argument' });
    expect(await refusal(`/api/downloads/${'0'.repeat(48)}`, owner.headers)).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('records each download in the audit log', async () => {
    const { must, get, owner, version } = await demoServer();
    expect((await get(`/api/datasets/${version}/download?format=voc`, owner.headers)).status).toBe(200);
    const audit = await must<{ entries: { action: string; subject: string; details: Record<string, unknown> }[] }>('audit.list', {}, owner.headers);
    expect(audit.entries.find((entry) => entry.action === 'datasets.download')).toMatchObject({ subject: `dataset v${version}`, details: { format: 'voc' } });
  });
});
