/**
 * Finds the sample a label file names, however the tool that wrote it spelled the name. A sample
 * is named by its path inside the folder it was imported from (`0000/img-1.png`); other tools
 * write that path, a longer one (`/data/photos/0000/img-1.png`), or only the file's name
 * (`img-1.png`), with Windows' backslashes or another case; YOLO names a label file after the
 * image's stem, and a VOC file may name the JPEG made from a PNG. Tried in that order of
 * certainty: the path, then any shorter path it ends with, then the file name alone, first with
 * the extension and then without. A name two samples share matches neither: a guess would put
 * labels on the wrong image.
 *
 * @example
 * const find = sampleByFileName([{ display_name: '0000/img-1.png' }]);
 * find('C:\\data\\0000\\img-1.png', false); // that sample
 * find('img-1', true); // that sample (a YOLO label file's stem)
 */
export function sampleByFileName<S extends { display_name: string }>(samples: readonly S[]): (file: string, stemOnly: boolean) => S | undefined {
  const byPath = nameIndex(samples, (name) => name);
  const byStemPath = nameIndex(samples, withoutExtension);
  const byName = nameIndex(samples, lastPart);
  const byStem = nameIndex(samples, (name) => withoutExtension(lastPart(name)));
  return (file, stemOnly) => {
    const path = file.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
    if (!stemOnly) {
      const found = byTail(byPath, path) ?? byName(lastPart(path));
      if (found !== undefined) return found ?? undefined;
    }
    const stem = stemOnly ? path : withoutExtension(path);
    return byTail(byStemPath, stem) ?? byStem(lastPart(stem)) ?? undefined;
  };
}

/** A sample by a key of its name: null when two share it, undefined when none has it. */
type NameIndex<S> = (key: string) => S | null | undefined;

/** Looks a key up as written, else in any case; a key two samples share (in that sense) finds null. */
function nameIndex<S extends { display_name: string }>(samples: readonly S[], keyOf: (name: string) => string): NameIndex<S> {
  const exact = new Map<string, S | null>();
  const anyCase = new Map<string, S | null>();
  const add = (index: Map<string, S | null>, key: string, sample: S) => index.set(key, index.has(key) ? null : sample);
  for (const sample of samples) {
    const key = keyOf(sample.display_name);
    add(exact, key, sample);
    add(anyCase, key.toLowerCase(), sample);
  }
  return (key) => (exact.has(key) ? exact.get(key) : anyCase.get(key.toLowerCase()));
}

/** The first of the path's tails (after a slash, longest first) that the index knows; a file name alone only as the whole path. */
function byTail<S>(index: NameIndex<S>, path: string): S | null | undefined {
  const parts = path.split('/').filter((part) => part !== '');
  for (let first = 0; first < Math.max(1, parts.length - 1); first++) {
    const found = index(parts.slice(first).join('/'));
    if (found !== undefined) return found;
  }
  return undefined;
}

const lastPart = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const withoutExtension = (path: string) => path.replace(/\.[^./]*$/, '');
