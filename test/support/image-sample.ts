import type { Sample } from '../../shared/domain/sample';

/**
 * An imported image sample as the back end lists it, for renderer tests that need one without a
 * project: `id` names it (`s7.png`, hash `hash7`), and the rest can be overridden.
 */
export function imageSample(id: number, overrides: Partial<Sample> = {}): Sample {
  return {
    id,
    displayName: `s${id}.png`,
    mediaKind: 'image',
    sha256: `hash${id}`,
    byteSize: 1,
    image: { width: 100, height: 100 },
    audio: null,
    metadata: {},
    tags: [],
    status: 'unlabeled',
    annotationCount: 0,
    timeSpentMs: 0,
    mediaAvailable: true,
    importedAt: '2026-12-03T00:00:00.000Z',
    ...overrides,
  };
}
