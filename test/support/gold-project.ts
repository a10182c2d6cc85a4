import { join } from 'node:path';
import type { BboxPayload } from '../../shared/annotation/payload';
import { writeImage } from './media-fixtures';
import { importAndWait, TEST_PASSWORD, type TestHost } from './service-host';

/** A guideline with two rules a decision can cite. */
export const RULES_V2 = '# Guideline\n\n## Tight boxes {#tight}\n\nEdge to edge.\n\n## Classes {#classes}\n\nA car is a car.\n';

/** One box of class 1 from (x, 0) to (x + width, 20): answers that differ by offset or width. */
export function box(width: number, x = 0): BboxPayload {
  return {
    v: 1,
    kind: 'bbox',
    boxes: [{ id: 'b', classId: 1, x1: x, y1: 0, x2: x + width, y2: 20 }],
    noObjects: false,
    flags: { unsure: false, comment: '', mediaBroken: false },
    tags: [],
  };
}

/** Publishes a new guideline version with this text (signed in as an SME). */
export async function publishGuideline(host: TestHost, bodyMd: string, changelog: string): Promise<number> {
  const draft = await host.ok('guidelines.draft', {});
  const saved = await host.ok('guidelines.saveDraft', { bodyMd, baseRevision: draft.revision });
  return (await host.ok('guidelines.publish', { changelog, baseRevision: saved.revision })).version;
}

/** Saves and submits an answer as `labelerId` (the connection must be signed in as them). */
export async function submit(host: TestHost, labelerId: number, sampleId: number, payload: BboxPayload): Promise<void> {
  const mine = await host.ok('annotations.mine', { labelerId, sampleId });
  await host.ok('annotations.save', { labelerId, sampleId, payload, status: 'submitted', baseRevision: mine?.revision ?? null });
}

/**
 * A box project of `samples` 64×64 images whose first `decided` samples ana and ben answered
 * (ana's box 40 wide, ben's 30) and sam decided under guideline v2 (ana's answer; even samples
 * cite #tight, odd ones #classes). chen has answered nothing. Signed in as sam.
 */
export async function goldProject(host: TestHost, dir: string, media: string, samples = 24, decided = 10) {
  for (let i = 0; i < samples; i++) await writeImage(join(media, `s${String(i).padStart(2, '0')}.png`), 'png', 64, 64, i + 1);
  await host.ok('projects.create', { dir, name: 'Gold', kind: 'bbox', classes: [{ name: 'car' }] });
  await importAndWait(host, media);
  const create = async (name: string, role: 'labeler' | 'sme' = 'labeler') => (await host.ok('labelers.create', { name, role, password: TEST_PASSWORD })).id;
  const people = { ana: await create('ana'), ben: await create('ben'), chen: await create('chen'), sam: await create('sam', 'sme') };
  const sampleIds = (await host.ok('samples.list', { limit: 500 })).items.map((s) => s.id).sort((a, b) => a - b);
  await host.signInAs(people.sam);
  await publishGuideline(host, RULES_V2, 'Two rules.');
  const decidedIds = sampleIds.slice(0, decided);
  await host.signInAs(people.ana);
  for (const sampleId of decidedIds) await submit(host, people.ana, sampleId, box(40));
  await host.signInAs(people.ben);
  for (const sampleId of decidedIds) await submit(host, people.ben, sampleId, box(30));
  await host.signInAs(people.sam);
  for (const [i, sampleId] of decidedIds.entries()) {
    const seen = await host.ok('review.sample', { sampleId });
    await host.ok('review.decide', {
      sampleId,
      choice: 'labeler',
      labelerId: people.ana,
      guidelineRule: i % 2 === 0 ? '#tight' : '#classes',
      baseRevision: null,
      answersSeenAt: seen.answersAt,
    });
  }
  return { ...people, sampleIds, decidedIds };
}
