import { AgreementLedger, type AgreementOptions, type AnnotationForAgreement } from '../../../shared/agreement';
import { currentAnswers } from '../../../shared/agreement/current-answers';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { finalLabel } from '../../../shared/dataset/final-label';
import type { DatasetItem, DatasetOptions, LabelSource } from '../../../shared/domain/dataset';
import type { Tag } from '../../../shared/domain/project';
import { currentTagNames } from '../../../shared/domain/taxonomy';
import { answersOfPage, type VersionPage } from '../../db/version-page';
import { consensusWith } from '../consensus';

/**
 * The agreement a version reports and weighs labelers by: the dashboard's ledger (the same
 * options, in the same order, so the same kept ledger answers), and the kept per-sample scores,
 * which are scored with these options too (`KEPT_REVIEW_IOU`, no normalisation).
 */
export const VERSION_AGREEMENT_OPTIONS: AgreementOptions = { iouThreshold: 0.5, normalize: [] };

/**
 * Characters a chunk of item texts stops growing past (see {@link PageItems.texts}). Small, so
 * each is made in V8's young space, whose memory is reused: a text over 128 KB gets fresh memory
 * from the system, and 75 MB of item texts joined a page (~360 KB) at a time took ~0.3 s of page
 * faults at 100,000 in the worker alone.
 */
export const CHUNK_CHARS = 32_000;

/** What every page of one version is made with: plain data, so it can start the version's worker. */
export interface VersionContext {
  kind: 'bbox' | 'transcript';
  /** The labelers' consensus weights, from the dashboard's ledger. */
  weights: Map<number, number>;
  options: Pick<DatasetOptions, 'minAgreement' | 'unresolved'>;
  /** The project's tags with their former names: answers are read under each tag's name now. */
  tags: Tag[];
}

/** A page read from the database, with what the version knows of its samples besides their answers. */
export interface PageEvidence {
  page: VersionPage;
  /** The SME's current decisions on the page's samples. */
  gold: Map<number, { payload: AnnotationPayload; guidelineVersion: number }>;
  /** The kept agreement of the page's samples, and those whose kept score is stale. */
  kept: { agreement: Map<number, number>; stale: Set<number> };
}

/**
 * One included sample while the version is made: what the splits, file names and counts need.
 * Its item's text is in its page's {@link PageItems.texts}; the label itself is not kept: 100,000
 * label objects would be most of the memory a version takes to make.
 */
export interface PendingItem {
  sampleId: number;
  sha256: string;
  displayName: string;
  tags: readonly string[];
  /** Each box's class, one per box; null for a label without boxes (a transcript). */
  boxClasses: number[] | null;
  guidelineVersion: number;
}

/** A page's items in sample id order, and what it adds to the version's counts. */
export interface PageItems {
  items: PendingItem[];
  /**
   * The items serialized but for their split and file name (`JSON.stringify` of each item without
   * them, its closing brace left off), end to end in chunks of whole items: item j of chunk k is
   * `texts[k].slice(ends[k][j - 1] ?? 0, ends[k][j])`. A few texts per page, not one per item, so
   * they cross from the worker as a few strings; each of at most about {@link CHUNK_CHARS}.
   */
  texts: string[];
  ends: number[][];
  excluded: number;
  bySource: Record<LabelSource, number>;
  /** The labelers whose current answer is behind an included or excluded sample. */
  answeredBy: number[];
}

/**
 * The pure per-sample work of a version on one page: each sample's answers parsed, its final
 * label chosen (`finalLabel`, the consensus when needed) and its item serialized. Runs in the
 * version's worker for a large project, so it shares the cores with the database reads.
 */
export function itemsOfPage({ page, gold, kept }: PageEvidence, context: VersionContext): PageItems {
  const { kind, weights, options } = context;
  const answersOf = answersOfPage(page, currentTagNames(context.tags));
  const bySource: Record<LabelSource, number> = { gold: 0, consensus: 0, single: 0, flagged: 0 };
  const answeredBy = new Set<number>();
  const items: PendingItem[] = [];
  const chunks = new ChunkedTexts();
  let excluded = 0;
  for (const sample of page.samples) {
    const submitted = answersOf(sample.id);
    const mine = currentAnswers(submitted);
    const decided = gold.get(sample.id) ?? null;
    if (mine.length === 0 && !decided) continue;
    const agreementOf = kept.stale.has(sample.id) ? scoredAgreement(kind, sample.id, submitted) : (kept.agreement.get(sample.id) ?? null);
    const chosen = finalLabel({ decision: decided, answers: mine, agreement: agreementOf }, () => consensusWith(kind, mine, { weights }), options);
    if (!chosen) {
      excluded++;
      continue;
    }
    bySource[chosen.source]++;
    // A labeler's current answer stands for all theirs on the sample: who labeled it is the same.
    for (const answer of mine) answeredBy.add(answer.labelerId);
    const item: Omit<DatasetItem, 'split' | 'fileName'> = {
      sampleId: sample.id,
      sha256: sample.sha256,
      source: chosen.source,
      guidelineVersion: chosen.guidelineVersion,
      agreement: agreementOf,
      label: chosen.label,
      width: sample.width,
      height: sample.height,
      durationMs: sample.duration_ms,
    };
    items.push({
      sampleId: sample.id,
      sha256: sample.sha256,
      displayName: sample.display_name,
      tags: sample.tags,
      boxClasses: chosen.label.kind === 'bbox' ? chosen.label.boxes.map((box) => box.classId) : null,
      guidelineVersion: chosen.guidelineVersion,
    });
    chunks.add(JSON.stringify(item).slice(0, -1));
  }
  return { items, ...chunks.done(), excluded, bySource, answeredBy: [...answeredBy] };
}

/**
 * 1 − the disagreement score a sample's submitted answers give under the version's options, as
 * the ledger scores it (null with fewer than two labelers): for a sample whose kept score is stale.
 */
function scoredAgreement(kind: 'bbox' | 'transcript', sampleId: number, submitted: readonly AnnotationForAgreement[]): number | null {
  const score = AgreementLedger.scoreOfSample(kind, sampleId, submitted, VERSION_AGREEMENT_OPTIONS);
  return score === null ? null : 1 - score;
}

/** Texts added one after another, joined in chunks of at most about {@link CHUNK_CHARS}, with where each ends in its chunk. */
class ChunkedTexts {
  private readonly texts: string[] = [];
  private readonly ends: number[][] = [];
  private parts: string[] = [];
  private partEnds: number[] = [];
  private length = 0;

  add(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    this.partEnds.push(this.length);
    if (this.length >= CHUNK_CHARS) this.close();
  }

  done(): { texts: string[]; ends: number[][] } {
    this.close();
    return { texts: this.texts, ends: this.ends };
  }

  private close(): void {
    if (this.parts.length === 0) return;
    this.texts.push(this.parts.join(''));
    this.ends.push(this.partEnds);
    this.parts = [];
    this.partEnds = [];
    this.length = 0;
  }
}
