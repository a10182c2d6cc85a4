import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/api/events';
import { box, submit } from '../../support/gold-project';
import { describeOnEngines } from '../../support/engines';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, TEST_PASSWORD, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('comments on a sample', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  /** A box project of two images; labelers ana and ben, SME sam, engineer eve, each on a window of their own. */
  async function team() {
    const owner = newHost(tempDir());
    const media = tempDir();
    for (let i = 0; i < 2; i++) await writeImage(join(media, `s${i}.png`), 'png', 32, 32, i + 1);
    await owner.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'Comments', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(owner, media);
    const [first, second] = (await owner.ok('samples.list', {})).items.map((s) => s.id).sort((a, b) => a - b);
    const person = async (name: string, role: 'labeler' | 'sme' | 'engineer'): Promise<TestHost & { id: number }> => {
      const { id } = await owner.ok('labelers.create', { name, role, password: TEST_PASSWORD });
      const window = owner.connection();
      await window.signInAs(id);
      return Object.assign(window, { id });
    };
    return {
      owner,
      sample: first!,
      other: second!,
      ana: await person('ana', 'labeler'),
      ben: await person('ben', 'labeler'),
      sam: await person('sam', 'sme'),
      eve: await person('eve', 'engineer'),
    };
  }

  it('keeps a thread: a question, an answer, resolved by the SME, with the open questions counted', async () => {
    const { owner, sample, ana, sam } = await team();
    const heard: EventEnvelope[] = [];
    owner.onEvent((event) => heard.push(event));

    const asked = await ana.ok('comments.post', { sampleId: sample, body: '  Is a toy car a car?  ' });
    expect(asked).toMatchObject({
      sampleId: sample,
      question: true,
      resolved: null,
      comments: [{ authorName: 'ana', authorRole: 'labeler', body: 'Is a toy car a car?' }],
    });
    expect(heard.filter((e) => e.name === 'comments.changed')).toEqual([{ name: 'comments.changed', payload: { sampleId: sample } }]);
    expect((await sam.ok('comments.openQuestions', {})).map((q) => [q.sampleId, q.askedBy, q.body, q.replies])).toEqual([
      [sample, 'ana', 'Is a toy car a car?', 0],
    ]);

    const answered = await sam.ok('comments.post', { sampleId: sample, threadId: asked.id, body: 'Yes: see #classes.' });
    expect(answered.comments.map((c) => [c.authorName, c.body])).toEqual([
      ['ana', 'Is a toy car a car?'],
      ['sam', 'Yes: see #classes.'],
    ]);
    expect((await sam.ok('comments.openQuestions', {}))[0]!.replies).toBe(1);

    const resolved = await sam.ok('comments.resolve', { threadId: asked.id });
    expect(resolved.resolved).toMatchObject({ by: 'sam' });
    expect(await sam.ok('comments.openQuestions', {})).toEqual([]);
    // Ana reads the answer and the resolution in her own thread.
    expect(await ana.ok('comments.list', { sampleId: sample })).toEqual([resolved]);
    // Reopened by whoever asked.
    expect((await ana.ok('comments.resolve', { threadId: asked.id, resolved: false })).resolved).toBeNull();
    expect(await sam.ok('comments.openQuestions', {})).toHaveLength(1);
  });

  it("never shows a labeler another labeler's words on the sample, before or after submitting", async () => {
    const { sample, ana, ben, sam } = await team();
    const anasQuestion = await ana.ok('comments.post', { sampleId: sample, body: 'I boxed the toy car; is that right?' });
    await sam.ok('comments.post', { sampleId: sample, threadId: anasQuestion.id, body: 'Toys count.' });
    const samsNote = await sam.ok('comments.post', { sampleId: sample, body: 'Mind the reflection in the window.', question: false });
    const anasReply = await ana.ok('comments.post', { sampleId: sample, threadId: samsNote.id, body: 'I left the reflection out.' });
    expect(anasReply.comments.map((c) => c.authorName)).toEqual(['sam', 'ana']);

    const bensView = async () => ben.ok('comments.list', { sampleId: sample });
    // Ben sees sam's note, but neither ana's thread (with sam's answer in it) nor ana's reply under the note.
    expect((await bensView()).map((t) => [t.id, t.comments.map((c) => c.body)])).toEqual([[samsNote.id, ['Mind the reflection in the window.']]]);
    await submit(ben, ben.id, sample, box(30));
    expect((await bensView()).map((t) => t.id)).toEqual([samsNote.id]);
    // Nor can he reach ana's thread by its id: it answers as if it did not exist.
    expect(await ben.fails('comments.post', { sampleId: sample, threadId: anasQuestion.id, body: 'Me too?' })).toMatchObject({ code: 'not_found' });
    expect(await ben.fails('comments.resolve', { threadId: anasQuestion.id })).toMatchObject({ code: 'not_found' });

    // SMEs read every thread whole.
    const samsView = await sam.ok('comments.list', { sampleId: sample });
    expect(samsView.map((t) => t.comments.map((c) => c.authorName))).toEqual([
      ['ana', 'sam'],
      ['sam', 'ana'],
    ]);
  });

  it('lets only SMEs, admins and the asker resolve; refuses empty comments and unknown samples, saving nothing', async () => {
    const { owner, sample, other, ana, ben, sam, eve } = await team();
    const asked = await ana.ok('comments.post', { sampleId: sample, body: 'Half a car at the edge?' });
    expect(await eve.fails('comments.resolve', { threadId: asked.id })).toMatchObject({ code: 'forbidden' });
    // Each reader is told whether they may resolve, so the screen offers it only to them.
    expect((await eve.ok('comments.list', { sampleId: sample }))[0]!.mayResolve).toBe(false);
    expect((await ana.ok('comments.list', { sampleId: sample }))[0]!.mayResolve).toBe(true);
    // Ben may reply in sam's note but not resolve it.
    const note = await sam.ok('comments.post', { sampleId: sample, body: 'Box what you see.' });
    expect(await ben.fails('comments.resolve', { threadId: note.id })).toMatchObject({ code: 'forbidden' });
    expect((await owner.ok('comments.resolve', { threadId: asked.id })).resolved).not.toBeNull(); // the owner is an admin

    expect(await ana.fails('comments.post', { sampleId: sample, body: '   ' })).toMatchObject({ code: 'invalid_argument', issues: [{ path: 'body' }] });
    expect(await ana.fails('comments.post', { sampleId: 999_999, body: 'Where?' })).toMatchObject({ code: 'not_found', issues: [{ path: 'sampleId' }] });
    // A reply names its sample: a thread of another sample is not found there.
    expect(await ana.fails('comments.post', { sampleId: other, threadId: asked.id, body: 'Here?' })).toMatchObject({ code: 'not_found' });
    // A reply is never a question of its own: the resolved thread stays resolved, sam's note is the one open question.
    await ana.ok('comments.post', { sampleId: sample, threadId: asked.id, body: 'Thanks.', question: true });
    expect(await sam.ok('comments.openQuestions', {})).toEqual([expect.objectContaining({ threadId: note.id })]);
    // The refused calls saved nothing.
    expect((await sam.ok('comments.list', { sampleId: sample })).map((t) => t.comments.map((c) => c.body))).toEqual([
      ['Half a car at the edge?', 'Thanks.'],
      ['Box what you see.'],
    ]);
    expect(await sam.ok('comments.list', { sampleId: other })).toEqual([]);
  });

  it('records each post and resolution in the audit log: who, on which sample and thread, and never the words', async () => {
    const { owner, sample, other, ana, sam } = await team();
    const asked = await ana.ok('comments.post', { sampleId: sample, body: 'Is a toy car a car?' });
    await sam.ok('comments.post', { sampleId: sample, threadId: asked.id, body: 'Yes: see #classes.' });
    const note = await sam.ok('comments.post', { sampleId: other, body: 'Mind the reflection.', question: false });
    await sam.ok('comments.resolve', { threadId: asked.id });
    await ana.ok('comments.resolve', { threadId: asked.id, resolved: false });
    // A refused call leaves no line.
    await ana.fails('comments.post', { sampleId: 999_999, body: 'Where?' });

    const { entries } = await owner.ok('audit.list', {});
    const lines = entries.filter((e) => e.action.startsWith('comments.')).reverse();
    expect(lines.map((e) => [e.actor, e.action, e.subject, e.details])).toEqual([
      ['ana', 'comments.post', `sample ${sample}`, { thread: asked.id, posted: 'question' }],
      ['sam', 'comments.post', `sample ${sample}`, { thread: asked.id, posted: 'reply' }],
      ['sam', 'comments.post', `sample ${other}`, { thread: note.id, posted: 'comment' }],
      ['sam', 'comments.resolve', `sample ${sample}`, { thread: asked.id, resolved: true }],
      ['ana', 'comments.resolve', `sample ${sample}`, { thread: asked.id, resolved: false }],
    ]);
  });
});
