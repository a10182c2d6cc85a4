import { describe, expect, it } from 'vitest';
import { AgreementLedger, projectAgreement, type AnnotationForAgreement } from '../../../shared/agreement';
import { mulberry32 } from '../../../shared/assignment/prng';
import { krippendorffAlpha } from '../../../shared/metrics/krippendorff-alpha';
import type { DeferredEntries } from '../../../shared/agreement/entry-store';
import { HISTOGRAM_BINS } from '../../../shared/agreement/ledger';
import { addCounts, emptyCounts } from '../../../shared/agreement/ledger-sums';
import { peerRecordOf, type PackedEntry } from '../../../shared/agreement/packed-entry';
import { worstLists, type WorstLists } from '../../../shared/agreement/worst-samples';
import { BoxMeasure } from '../../../shared/agreement/box-measure';
import { bySample, currentAnswers } from '../../../shared/agreement/current-answers';
import { addComparison, emptyContribution, Pool, type Contribution } from '../../../shared/agreement/pool';
import { expectClose } from '../../support/expect-close';
import { A, at, B, box, boxes, C, transcript } from './fixtures';

const DAY = 86_400_000;
const MONDAY_2026_11_16 = Date.UTC(2026, 10, 16);

/** A random box annotation near a per-sample scene, so labelers mostly but not always agree. */
function randomBoxes(random: () => number, sampleId: number, labelerId: number, submittedAt: number): AnnotationForAgreement {
  const scene = mulberry32(sampleId);
  const count = 1 + Math.floor(scene() * 4);
  const list = Array.from({ length: count }, () => [scene() * 60, scene() * 60, 1 + Math.floor(scene() * 3)] as const)
    .filter(() => random() > 0.15)
    .map(([x, y, classId]) =>
      box(x + random() * 5, y + random() * 5, x + 20 + random() * 5, y + 20 + random() * 5, random() > 0.85 ? 1 + ((classId + 1) % 3) : classId),
    );
  return boxes(sampleId, labelerId, list, {
    submittedAt,
    guidelineVersion: 1 + Math.floor(random() * 2),
    sampleTags: sampleId % 3 === 0 ? ['night'] : [],
    tags: random() > 0.6 ? ['blurry'] : [],
    noObjects: list.length === 0 && random() > 0.5,
  });
}

/** A ledger of samples 1 … `samples`, each answered by labelers 1, 2 and 3 (all under guideline `version` when given). */
function threeLabelerLedger(random: () => number, samples: number, version?: number): AgreementLedger {
  const ledger = new AgreementLedger('bbox');
  for (let sampleId = 1; sampleId <= samples; sampleId++) {
    ledger.setSample(
      sampleId,
      [1, 2, 3].map((labelerId) => {
        const answer = randomBoxes(random, sampleId, labelerId, MONDAY_2026_11_16);
        return version === undefined ? answer : { ...answer, guidelineVersion: version };
      }),
    );
  }
  return ledger;
}

/**
 * A ledger restored from what `earlier` kept with its entries deferred in blocks of 20 (as a kept
 * file gives them), each block's entries passed through `block`, the worst lists through `lists`;
 * `reads` names the blocks read, in order.
 */
function restoreDeferred(
  earlier: AgreementLedger,
  block: (entries: PackedEntry[]) => PackedEntry[] = (entries) => entries,
  lists: (worst: WorstLists) => WorstLists = (worst) => worst,
): { restored: AgreementLedger; reads: number[]; peerReads: number[] } {
  const { entries, slots, sums } = earlier.kept();
  const sorted = [...entries].sort((x, y) => x.sampleId - y.sampleId);
  const counts = emptyCounts(slots.length, HISTOGRAM_BINS);
  addCounts(counts, sorted, earlier.width, slots);
  const chunks: PackedEntry[][] = [];
  for (let start = 0; start < sorted.length; start += 20) chunks.push(sorted.slice(start, start + 20));
  const reads: number[] = [];
  const peerReads: number[] = [];
  const deferred: DeferredEntries = {
    blocks: chunks.map((chunk) => ({ first: chunk[0]!.sampleId, last: chunk.at(-1)!.sampleId, samples: chunk.length })),
    read(index) {
      reads.push(index);
      return block(chunks[index]!);
    },
    readPeers(index) {
      peerReads.push(index);
      // As the file keeps them: each record led by its sample id, its labeler count and its length.
      return Float64Array.from(
        chunks[index]!.flatMap((entry) => {
          const { labelers, record } = peerRecordOf(entry);
          return [entry.sampleId, labelers, record.length, ...record];
        }),
      );
    },
    close: () => undefined,
  };
  const restored = new AgreementLedger('bbox');
  restored.restoreDeferred(slots, sums, counts, lists(worstLists(sorted)), deferred);
  return { restored, reads, peerReads };
}

describe('AgreementLedger', () => {
  it('after any sequence of submissions, equals computing the whole project from scratch (boxes)', () => {
    const random = mulberry32(5);
    const ledger = new AgreementLedger('bbox');
    const submitted = new Map<number, AnnotationForAgreement[]>();
    for (let step = 0; step < 400; step++) {
      const sampleId = 1 + Math.floor(random() * 40);
      const labelerId = 1 + Math.floor(random() * 4);
      const list = submitted.get(sampleId) ?? [];
      list.push(randomBoxes(random, sampleId, labelerId, MONDAY_2026_11_16 + step * 3600_000));
      submitted.set(sampleId, list);
      ledger.setSample(sampleId, list);
    }
    // A sample whose annotations are withdrawn counts nowhere again.
    submitted.set(7, []);
    ledger.setSample(7, []);
    const expected = projectAgreement([...submitted.values()].flat(), 'bbox');
    expect(expected.perSample.length).toBeGreaterThan(30);
    expect(expected.perWeek.length).toBeGreaterThan(1);
    expectClose(ledger.snapshot(), expected);
    expect(ledger.snapshot().perSample.some((row) => row.sampleId === 7)).toBe(false);
  });

  it('after any sequence of submissions, equals computing the whole project from scratch (transcripts)', () => {
    const random = mulberry32(9);
    const words = ['um', 'turn', 'the', 'lights', 'on', 'Off', 'please', 'now,'];
    const ledger = new AgreementLedger('transcript', { normalize: ['case'] });
    const submitted = new Map<number, AnnotationForAgreement[]>();
    for (let step = 0; step < 200; step++) {
      const sampleId = 1 + Math.floor(random() * 20);
      const text = Array.from({ length: Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)]).join(' ');
      const list = submitted.get(sampleId) ?? [];
      list.push(transcript(sampleId, 1 + Math.floor(random() * 3), random() > 0.1 ? text : null, { submittedAt: step * DAY }));
      submitted.set(sampleId, list);
      ledger.setSample(sampleId, list);
    }
    expectClose(ledger.snapshot(), projectAgreement([...submitted.values()].flat(), 'transcript', { normalize: ['case'] }));
  });

  it('answers the dashboard from kept results that follow each submission, as a fresh computation does', () => {
    const random = mulberry32(21);
    const ledger = new AgreementLedger('bbox');
    const submitted = new Map<number, AnnotationForAgreement[]>();
    const fresh = () => AgreementLedger.of('bbox', [...submitted.values()].flat());
    // More samples than the worst lists hold, so samples enter and leave them.
    for (let step = 0; step < 700; step++) {
      const sampleId = 1 + Math.floor(random() * 160);
      const list = submitted.get(sampleId) ?? [];
      list.push(randomBoxes(random, sampleId, 1 + Math.floor(random() * 3), MONDAY_2026_11_16 + step * 3600_000));
      submitted.set(sampleId, list);
      ledger.setSample(sampleId, list);
      if (step % 50 === 49) expectClose(ledger.dashboard(), fresh().dashboard(), `dashboard after step ${step}`);
    }
    // The worst sample withdrawn: the next one moves up into every list it was in.
    const worst = ledger.dashboard().worstSamples[0]!.sampleId;
    submitted.set(worst, []);
    ledger.setSample(worst, []);
    const dashboard = ledger.dashboard();
    expectClose(dashboard, fresh().dashboard());

    // The lists are the heads of the rows a full snapshot ranks.
    const { perSample } = ledger.snapshot();
    expect(dashboard.samplesCompared).toBe(perSample.length);
    expect(perSample.length).toBeGreaterThan(100);
    expect(dashboard.worstSamples.map((row) => row.sampleId)).toEqual(perSample.slice(0, 100).map((row) => row.sampleId));
    expect(dashboard.versionComparisons.length).toBeGreaterThan(0);
    for (const pair of dashboard.pairSamples) {
      const ranked = perSample
        .flatMap((row) =>
          row.pairScores.filter((p) => p.labelerA === pair.labelerA && p.labelerB === pair.labelerB).map((p) => ({ sampleId: row.sampleId, score: p.score })),
        )
        .sort((x, y) => y.score - x.score || x.sampleId - y.sampleId);
      expect(pair.samples).toBe(ranked.length);
      expect(pair.worst).toEqual(ranked.slice(0, 100));
    }
    const bins = Array.from({ length: 10 }, (_, bin) => perSample.filter((row) => Math.min(9, Math.floor(row.score * 10)) === bin).length);
    expect(dashboard.scoreHistogram).toEqual(bins);
  });

  it('taken back from what another ledger kept, answers as it did and follows submissions as a fresh one', () => {
    const random = mulberry32(33);
    const submitted = new Map<number, AnnotationForAgreement[]>();
    const submit = (ledger: AgreementLedger, step: number) => {
      const sampleId = 1 + Math.floor(random() * 160);
      const list = submitted.get(sampleId) ?? [];
      list.push(randomBoxes(random, sampleId, 1 + Math.floor(random() * 3), MONDAY_2026_11_16 + step * 3600_000));
      submitted.set(sampleId, list);
      ledger.setSample(sampleId, list);
    };
    const earlier = new AgreementLedger('bbox');
    for (let step = 0; step < 500; step++) submit(earlier, step);
    const kept = earlier.kept();
    const restored = new AgreementLedger('bbox');
    restored.restoreKept(kept.slots, [...kept.entries], kept.sums);
    // Nothing added again: the very numbers the earlier ledger answered, versions' comparisons and intervals included.
    expect(restored.dashboard()).toEqual(earlier.dashboard());
    expect(restored.snapshot()).toEqual(earlier.snapshot());
    expect(restored.dashboard().versionComparisons.length).toBeGreaterThan(0);

    for (let step = 500; step < 700; step++) submit(restored, step);
    const worst = restored.dashboard().worstSamples[0]!.sampleId;
    submitted.set(worst, []);
    restored.setSample(worst, []);
    expectClose(restored.dashboard(), AgreementLedger.of('bbox', [...submitted.values()].flat()).dashboard());
  });

  it('taken back with its entries deferred, answers from the kept sums and worst lists, reads only the blocks it needs, then follows submissions as a fresh one', () => {
    const random = mulberry32(35);
    const submitted = new Map<number, AnnotationForAgreement[]>();
    // One guideline version: comparing versions needs every entry (see the next case).
    const submit = (ledger: AgreementLedger, step: number) => {
      const sampleId = 1 + Math.floor(random() * 160);
      const list = submitted.get(sampleId) ?? [];
      list.push({ ...randomBoxes(random, sampleId, 1 + Math.floor(random() * 3), MONDAY_2026_11_16 + step * 3600_000), guidelineVersion: 1 });
      submitted.set(sampleId, list);
      ledger.setSample(sampleId, list);
    };
    const earlier = new AgreementLedger('bbox');
    for (let step = 0; step < 500; step++) submit(earlier, step);
    const { restored, reads } = restoreDeferred(earlier);
    expect(restored.dashboard()).toEqual(earlier.dashboard());
    expect(reads).toEqual([]);

    // A changed sample reads its own block (to take back its kept entry), no other.
    const changed = earlier.dashboard().worstSamples[50]!.sampleId;
    submit(restored, 500);
    const [firstRead] = reads;
    expect(reads).toHaveLength(1);
    restored.setSample(changed, submitted.get(changed)!);
    expect(new Set(reads).size).toBeLessThanOrEqual(2);
    while (restored.readDeferred());
    expect(reads.slice(0, 1)).toEqual([firstRead]);
    for (let step = 501; step < 700; step++) submit(restored, step);
    expectClose(restored.dashboard(), AgreementLedger.of('bbox', [...submitted.values()].flat()).dashboard());
    expect(restored.snapshot().perSample).toEqual(AgreementLedger.of('bbox', [...submitted.values()].flat()).snapshot().perSample);
  });

  it('taken back deferred, follows listed samples that fall, leave or enter the worst lists from their own blocks alone, as a fresh computation', () => {
    const random = mulberry32(38);
    // More samples than the lists keep (200), one guideline version, every sample compared: block b holds samples 20b+1 … 20b+20.
    const submitted = new Map<number, AnnotationForAgreement[]>();
    const earlier = new AgreementLedger('bbox');
    for (let sampleId = 1; sampleId <= 400; sampleId++) {
      submitted.set(
        sampleId,
        [1, 2, 3].map((labelerId) => ({ ...randomBoxes(random, sampleId, labelerId, MONDAY_2026_11_16), guidelineVersion: 1 })),
      );
      earlier.setSample(sampleId, submitted.get(sampleId)!);
    }
    const { restored, reads } = restoreDeferred(earlier);
    const blockOf = (sampleId: number) => Math.floor((sampleId - 1) / 20);
    const change = (sampleId: number, annotations: AnnotationForAgreement[]) => {
      submitted.set(sampleId, annotations);
      restored.setSample(sampleId, annotations);
    };
    const agreeing = (sampleId: number) => [1, 2, 3].map((labelerId) => boxes(sampleId, labelerId, [at(A)], { submittedAt: MONDAY_2026_11_16 + DAY }));
    const apart = (sampleId: number) =>
      [1, 2, 3].map((labelerId) => boxes(sampleId, labelerId, [at([A, B, C][labelerId - 1]!)], { submittedAt: MONDAY_2026_11_16 + DAY }));
    const before = restored.dashboard().worstSamples.map((row) => row.sampleId);
    const unlisted = Array.from({ length: 400 }, (_, at) => at + 1).filter((sampleId) => !before.includes(sampleId));
    const changed = [before[0]!, before[10]!, before[99]!, unlisted[0]!, unlisted[1]!];
    change(changed[0]!, []); // the worst sample withdrawn: the 101st moves up
    change(changed[1]!, agreeing(changed[1]!)); // a listed sample now agreed on: it falls out of every list
    change(changed[2]!, apart(changed[2]!)); // the last listed now disagrees fully: it moves up
    change(changed[3]!, apart(changed[3]!)); // an unlisted sample enters at the top
    change(changed[4]!, agreeing(changed[4]!)); // an unlisted sample stays out
    const dashboard = restored.dashboard();
    // Only the blocks of the changed samples were read: the lists followed without the others.
    expect(new Set(reads)).toEqual(new Set(changed.map(blockOf)));
    const fresh = AgreementLedger.of('bbox', [...submitted.values()].flat());
    expectClose(dashboard, fresh.dashboard());
    expect(dashboard.worstSamples[0]!.sampleId).toBe(Math.min(changed[2]!, changed[3]!));
    expect(dashboard.worstSamples.map((row) => row.sampleId)).not.toContain(changed[1]);
    // The rest read after the answer, as after a restart: they fit the counts and lists the file kept.
    while (restored.readDeferred());
    expect(restored.snapshot().perSample).toEqual(fresh.snapshot().perSample);
  });

  it('taken back deferred with two guideline versions, reads every entry to compare them and answers as the ledger that kept it', () => {
    const random = mulberry32(36);
    const earlier = threeLabelerLedger(random, 90);
    const { restored } = restoreDeferred(earlier);
    expect(restored.dashboard()).toEqual(earlier.dashboard());
    expect(restored.dashboard().versionComparisons.length).toBeGreaterThan(0);
    expect(restored.readDeferred()).toBe(false);
  });

  it("taken back deferred, gives every peer record from its blocks' records and every sample score from its blocks, keeping neither, a changed sample as it is now", () => {
    const random = mulberry32(37);
    const earlier = threeLabelerLedger(random, 90);
    const { restored, reads, peerReads } = restoreDeferred(earlier);
    const changed = [1, 2].map((labelerId) => randomBoxes(random, 42, labelerId, MONDAY_2026_11_16 + 3600_000));
    earlier.setSample(42, changed);
    restored.setSample(42, changed);
    const peerRecords = (ledger: AgreementLedger) => {
      const visited = new Map<number, { labelers: number; record: number[] }>();
      ledger.forEachPeerRecord((sampleId, labelers, record) => visited.set(sampleId, { labelers, record: [...record] }));
      return visited;
    };
    const sampleScores = (ledger: AgreementLedger) => {
      const packed = ledger.scores();
      return new Map(Array.from({ length: packed.length / 2 }, (_, i) => [packed[2 * i]!, packed[2 * i + 1]!]));
    };
    /** The entry blocks and the peer records' blocks `visit` read. */
    const readBy = (visit: () => void) => {
      const [from, peersFrom] = [reads.length, peerReads.length];
      visit();
      return { entries: reads.slice(from), peers: peerReads.slice(peersFrom) };
    };
    const visited = readBy(() => expect(peerRecords(restored)).toEqual(peerRecords(earlier)));
    // The changed sample: two labelers now, with their submission times, and their one pair (labelers, score).
    expect(peerRecords(earlier).get(42)).toEqual({ labelers: 2, record: [1, 2, ...changed.map((answer) => answer.submittedAt), 1, 2, expect.any(Number)] });
    // Drift's visit read only the peer records of the blocks still in the file, not their entries.
    expect(visited.entries).toEqual([]);
    expect(visited.peers.length).toBeGreaterThan(0);
    // None was kept: each visit reads them again, the scores from the entries of the same blocks.
    expect(readBy(() => expect(sampleScores(restored)).toEqual(sampleScores(earlier))).entries).toEqual(visited.peers);
    expect(readBy(() => peerRecords(restored)).peers).toEqual(visited.peers);
    expect(restored.readDeferred()).toBe(true);
  });

  it('refuses deferred entries that do not fit the kept counts or worst lists once they are read', () => {
    const random = mulberry32(37);
    const earlier = threeLabelerLedger(random, 60, 1);
    const readAll = (ledger: AgreementLedger) => () => {
      while (ledger.readDeferred());
    };
    // A block that lost a sample: the counts kept beside the sums no longer count its entries.
    const lost = restoreDeferred(earlier, (entries) => entries.filter((entry) => entry.sampleId !== 30));
    expect(lost.restored.dashboard()).toEqual(earlier.dashboard());
    expect(readAll(lost.restored)).toThrow(/do not count/);
    // Counts of another histogram, sums to match: refused before answering anything.
    const { slots, sums } = earlier.kept();
    const bins = { uses: new Array<number>(slots.length).fill(0), histogram: [...sums.histogram, 0], tags: new Map<string, number>() };
    const none: DeferredEntries = { blocks: [], read: () => [], readPeers: () => new Float64Array(0), close: () => undefined };
    expect(() =>
      new AgreementLedger('bbox').restoreDeferred(slots, { ...sums, histogram: [...sums.histogram, 0] }, bins, { overall: [], pairs: new Map() }, none),
    ).toThrow(/another shape/);
    // Another worst list than its entries make.
    const listed = restoreDeferred(earlier, undefined, (worst) => ({ ...worst, overall: worst.overall.slice(1) }));
    expect(readAll(listed.restored)).toThrow(/worst lists/);
    // A listed sample's entry in its block other than the list's copy.
    const [worst] = earlier.dashboard().worstSamples;
    const other = restoreDeferred(earlier, (entries) =>
      entries.map((entry) => (entry.sampleId === worst!.sampleId ? { ...entry, data: entry.data.map((value, at) => (at === 4 ? value + 1 : value)) } : entry)),
    );
    expect(readAll(other.restored)).toThrow(/listed as another entry/);
  });

  it('refuses kept sums that do not fit the kept samples, and a bootstrap kept under other options', () => {
    const random = mulberry32(34);
    const earlier = threeLabelerLedger(random, 30);
    const kept = () => {
      const { entries, slots, sums } = earlier.kept();
      return { entries: [...entries], slots, sums };
    };
    const restore =
      (into: AgreementLedger, { entries, slots, sums }: ReturnType<typeof kept>) =>
      () =>
        into.restoreKept(slots, entries, sums);
    const oneSampleLess = kept();
    oneSampleLess.entries.pop();
    expect(restore(new AgreementLedger('bbox'), oneSampleLess)).toThrow(/do not fit/);
    const tagged = kept();
    tagged.sums.tagged.push({ tag: 'crafted', sums: new Float64Array(tagged.sums.untagged.length), samples: 1 });
    expect(restore(new AgreementLedger('bbox'), tagged)).toThrow(/do not fit/);
    expect(restore(new AgreementLedger('bbox', { bootstrap: { resamples: 50 } }), kept())).toThrow(/bootstrap/);
    expect(restore(new AgreementLedger('bbox', { bootstrap: false }), kept())).toThrow(/resamples/);
    const filled = new AgreementLedger('bbox');
    filled.setSample(1, [boxes(1, 1, [at(A)]), boxes(1, 2, [at(A)])]);
    expect(restore(filled, kept())).toThrow(/not empty/);
  });

  it('gives each labeler exactly the sum of their measured contributions, which entries leave out and the ledger adds up from the pairs', () => {
    const random = mulberry32(39);
    const annotations = Array.from({ length: 80 }, (_, s) =>
      [1, 2, 3, 4].slice(0, 2 + (s % 3)).map((labeler) => randomBoxes(random, s + 1, labeler, 0)),
    ).flat();
    const ledger = AgreementLedger.of('bbox', annotations);
    // Each labeler's contribution as measuring used to make it: every pair of the sample's current
    // answers that includes the labeler, compared once, summed per sample.
    const measure = new BoxMeasure(0.5);
    const pools = new Map<number, Pool>();
    for (const list of bySample(annotations).values()) {
      const current = currentAnswers(list);
      const perLabeler = new Map<number, Contribution>();
      for (let i = 0; i < current.length; i++) {
        for (let j = i + 1; j < current.length; j++) {
          const [a, b] = [current[i]!, current[j]!];
          const counts = new Float64Array(measure.width);
          const details = { classes: new Map(), confusion: new Map<number, number>() };
          measure.compare(measure.prepare(a.payload), measure.prepare(b.payload), counts, 0, details);
          for (const labelerId of [a.labelerId, b.labelerId]) {
            if (!perLabeler.has(labelerId)) perLabeler.set(labelerId, emptyContribution(measure.width));
            addComparison(perLabeler.get(labelerId)!, counts, details.confusion);
          }
        }
      }
      for (const [labelerId, contribution] of perLabeler) {
        if (!pools.has(labelerId)) pools.set(labelerId, new Pool(measure.width));
        pools.get(labelerId)!.apply(contribution, 1);
      }
    }
    const expected = [...pools]
      .sort(([x], [y]) => x - y)
      .map(([labelerId, pool]) => ({ labelerId, figure: measure.figure(pool.counts, pool.comparisons, pool.samples, pool.confusion) }));
    expect(ledger.snapshot().perLabeler.map(({ labelerId, figure }) => ({ labelerId, figure }))).toEqual(expected);
  });

  it('leaves everything as it was when a submission is refused', () => {
    const ledger = new AgreementLedger('bbox');
    ledger.setSample(1, [boxes(1, 1, [at(A)]), boxes(1, 2, [at(A)])]);
    const before = ledger.snapshot();
    expect(() => ledger.setSample(1, [boxes(1, 1, [at(B)]), transcript(1, 2, 'hello')])).toThrow(/transcript annotation in a bbox agreement/);
    expect(() => ledger.setSample(1, [boxes(2, 1, [at(B)])])).toThrow(/sample 2 given as one of sample 1/);
    expect(ledger.snapshot()).toEqual(before);
  });

  it('groups comparisons by the week in which the later of the two was submitted', () => {
    const sunday = MONDAY_2026_11_16 + 6 * DAY + 23 * 3600_000;
    const nextMonday = MONDAY_2026_11_16 + 7 * DAY;
    const result = projectAgreement(
      [
        boxes(1, 1, [at(A)], { submittedAt: MONDAY_2026_11_16 }),
        boxes(1, 2, [at(A)], { submittedAt: sunday }), // same week: agrees
        boxes(2, 1, [at(A)], { submittedAt: MONDAY_2026_11_16 }),
        boxes(2, 2, [at(B)], { submittedAt: nextMonday }), // next week: disagrees
      ],
      'bbox',
    );
    expect(result.perWeek.map((week) => [week.key, week.figure.value, week.figure.comparisons])).toEqual([
      ['2026-11-16', 1, 1],
      ['2026-11-23', 0, 1],
    ]);
  });

  it("gives Cohen's kappa on the classes of matched boxes", () => {
    // Matched pairs (labeler 1 → labeler 2): 1→1, 1→1, 2→2, 2→1 over two samples.
    // p_o = 3/4; rows 1: 2, 2: 2; columns 1: 3, 2: 1; p_e = (2·3 + 2·1)/16 = 1/2; κ = (3/4 − 1/2)/(1/2) = 1/2.
    const result = projectAgreement(
      [boxes(1, 1, [at(A, 1), at(B, 1)]), boxes(1, 2, [at(A, 1), at(B, 1)]), boxes(2, 1, [at(A, 2), at(C, 2)]), boxes(2, 2, [at(A, 2), at(C, 1)])],
      'bbox',
    );
    expect(result.overall.classAgreement).toBe(3 / 4);
    expect(result.overall.classKappa).toBeCloseTo(1 / 2, 12);
    expect(result.perSample.find((row) => row.sampleId === 1)!.figure).toMatchObject({ classAgreement: 1, classKappa: null }); // one class only
  });

  it('gives intervals per tag and per guideline version that contain their figure', () => {
    const random = mulberry32(3);
    const annotations = Array.from({ length: 60 }, (_, s) => [1, 2].map((labeler) => randomBoxes(random, s + 1, labeler, 0))).flat();
    const result = projectAgreement(annotations, 'bbox');
    for (const group of [...result.perTag, ...result.perGuidelineVersion]) {
      expect(group.interval!.low).toBeLessThanOrEqual(group.figure.value!);
      expect(group.interval!.high).toBeGreaterThanOrEqual(group.figure.value!);
    }
    expect(result.perTag.map((group) => group.key)).toEqual(['night']);
    expect(result.perWeek.every((group) => group.interval === null)).toBe(true);
  });

  it("keeps tag alpha equal to Krippendorff's alpha over the samples as they change", () => {
    const random = mulberry32(17);
    const ledger = new AgreementLedger('bbox');
    const current = new Map<number, AnnotationForAgreement[]>();
    for (let step = 0; step < 150; step++) {
      const sampleId = 1 + Math.floor(random() * 15);
      const labelers = 2 + Math.floor(random() * 2);
      const list = Array.from({ length: labelers }, (_, l) => boxes(sampleId, l + 1, [], { tags: random() > 0.5 ? ['blurry'] : [] }));
      current.set(sampleId, list);
      ledger.setSample(sampleId, list);
    }
    const samples = [...current.values()];
    const data = [0, 1, 2].map((row) => samples.map((list) => (row < list.length ? (list[row]!.payload.tags.length > 0 ? 1 : 0) : null)));
    const expected = krippendorffAlpha(data, { level: 'nominal' });
    const blurry = ledger.snapshot().tagKappa.find((tag) => tag.tag === 'blurry')!;
    expect(blurry.alpha).toBeCloseTo(expected.value!, 9);
    expect(blurry.units).toBe(expected.units);
  });
});

describe('agreement across guideline versions', () => {
  it('keeps v1 answers for v1 when a sample is relabeled under v2, and uses the newest as the current answer', () => {
    const v1 = { guidelineVersion: 1, submittedAt: 1 };
    const v2 = { guidelineVersion: 2, submittedAt: 2 };
    const result = projectAgreement(
      [
        // Under v1 they disagree (a box against nothing); relabeled under v2 they agree.
        boxes(1, 1, [at(A)], { ...v1, sampleTags: ['night'] }),
        boxes(1, 2, [], { ...v1, sampleTags: ['night'] }),
        boxes(1, 1, [at(A)], { ...v2, sampleTags: ['night'] }),
        boxes(1, 2, [at(A)], { ...v2, sampleTags: ['night'] }),
        // Only labeler 1 relabeled sample 2: it counts for v1 (both v1 answers), not for v2.
        boxes(2, 1, [at(B)], v1),
        boxes(2, 2, [at(B)], v1),
        boxes(2, 1, [at(B)], v2),
      ],
      'bbox',
    );
    expect(result.perGuidelineVersion.map((v) => [v.key, v.figure.value, v.figure.samples])).toEqual([
      [1, 2 / 3, 2],
      [2, 1, 1],
    ]);
    expect(result.overall.value).toBe(1); // current answers: v2 for sample 1, and v1/v2 boxes that match on sample 2
    expect(result.perVersionAndTag.map((t) => [t.version, t.tag, t.figure.value])).toEqual([
      [1, 'night', 0],
      [2, 'night', 1],
    ]);
    expect(result.perVersionAndClass.map((c) => [c.version, c.classId, c.figure.value])).toEqual([
      [1, 1, 2 / 3],
      [2, 1, 1],
    ]);
  });
});

describe('"nothing here" agreement as samples change', () => {
  it('is undefined again, exactly, once nobody says "no objects" any more', () => {
    const ledger = new AgreementLedger('bbox');
    for (let sample = 1; sample <= 6; sample++) {
      ledger.setSample(
        sample,
        [1, 2, 3, 4].map((labeler) => boxes(sample, labeler, labeler <= 2 && sample === 1 ? [] : [at(A)], { noObjects: labeler <= 2 && sample === 1 })),
      );
    }
    expect(ledger.snapshot().emptyFlag.alpha).not.toBeNull();
    ledger.setSample(
      1,
      [1, 2, 3, 4].map((labeler) => boxes(1, labeler, [at(A)], { submittedAt: 5 })),
    );
    expect(ledger.snapshot().emptyFlag).toMatchObject({ alpha: null, positives: 0, units: 6 });
  });
});
