/**
 * File names for a dataset's samples: flat (a sample imported from `cats/001.jpg` is `001.jpg`;
 * nothing can name a folder or climb out of the export with `..`), safe on every file system,
 * never starting with a character a spreadsheet would run as a formula, and unique within the
 * version by stem, ignoring case (YOLO and VOC name label files after the stem, so `a.jpg` and
 * `a.png` would overwrite each other's labels, and `A.jpg` is `a.jpg` on Windows and macOS).
 *
 * Unique by construction: a sample keeps its flat name when no other sample's flat name has
 * its stem and no renamed sample took it; otherwise it is renamed `<sample id>_<flat name>`.
 * Renamed names differ from each other because the digits before the first `_` are the sample
 * id, which is unique; a kept name differs from every other kept name (its stem was unique)
 * and from every renamed one (a kept name that a renaming would take is renamed in turn, until
 * none is left). Applied to its own result it changes nothing.
 * @example exportFileNames([{ id: 1, name: 'cats/a.jpg' }, { id: 2, name: 'dogs/a.png' }, { id: 3, name: '1_a.jpg' }])
 * // 1 → 1_a.jpg, 2 → 2_a.png, 3 → 3_1_a.jpg (1_a.jpg was taken by sample 1)
 */
export function exportFileNames(samples: readonly { id: number; name: string }[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const sample of samples) names.set(sample.id, flatten(sample.name));
  const keyOf = (name: string) => stemOf(name).toLowerCase();
  // Each stem's first sample, and all of them only for a stem samples share: most stems are
  // one sample's, and a version has 100,000 of them.
  const firstByKey = new Map<string, number>();
  const sharedByKey = new Map<string, number[]>();
  for (const [id, name] of names) {
    const key = keyOf(name);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, id);
    else {
      const shared = sharedByKey.get(key);
      if (shared) shared.push(id);
      else sharedByKey.set(key, [first, id]);
    }
  }

  const renamed = new Map<number, string>();
  const pending: number[] = [];
  for (const ids of sharedByKey.values()) pending.push(...ids);
  // Which samples are renamed does not depend on the order they are taken in: each is renamed
  // `<id>_<flat name>` once, and renaming one only adds others.
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (renamed.has(id)) continue;
    const name = `${id}_${names.get(id)!}`;
    renamed.set(id, name);
    // A sample that kept this stem must give it up too (and so on down the chain).
    const key = keyOf(name);
    const shared = sharedByKey.get(key);
    if (shared) pending.push(...shared);
    else if (firstByKey.has(key)) pending.push(firstByKey.get(key)!);
  }
  for (const [id, name] of renamed) names.set(id, name);
  return names;
}

/**
 * `exportFileNames` one sample at a time, for a version read page by page: while no two names
 * share a stem (ignoring case) `exportFileNames` renames nothing, so each sample's export name
 * is its flat name, known before the rest of the version is read. `take` answers null from the
 * first name whose stem was taken: from then on only `exportFileNames` over the whole version
 * can say which samples are renamed.
 * @example const names = new FlatExportNames(); names.take('cats/a.jpg') // 'a.jpg'; names.take('A.png') // null
 */
export class FlatExportNames {
  private readonly stems = new Set<string>();

  take(name: string): string | null {
    const flat = flatten(name);
    const key = stemOf(flat).toLowerCase();
    if (this.stems.has(key)) return null;
    this.stems.add(key);
    return flat;
  }
}

/** The name without its last extension: `a.tar.gz` → `a.tar`, `.hidden` → `.hidden`. */
export function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** A name `flatten` keeps as it is, control characters aside: no folder, nothing refused, no formula start, no spaces at the ends, not only dots. */
const PLAIN_NAME = /^[^\\/<>:"|?*\s=+\-@.][^\\/<>:"|?*]*(?<!\s)$/;

function isPlain(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 32) return false;
  return PLAIN_NAME.test(name);
}

function flatten(name: string): string {
  // A plain name is kept without splitting it into characters and joining them again (100,000 per version).
  if (isPlain(name)) return name;
  const last = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  // So is the plain file name of a name in a folder (`0001/img-1.png`, as a folder's import names them).
  if (isPlain(last)) return last;
  // Characters some file systems refuse, control characters, and names made only of dots.
  const safe = [...last]
    .map((character) => (character.charCodeAt(0) < 32 || '<>:"|?*'.includes(character) ? '_' : character))
    .join('')
    .trim();
  if (safe === '' || /^\.+$/.test(safe)) return 'sample';
  // `=cmd.wav` in a CSV's file_name column would be a formula; `_=cmd.wav` is a file name.
  return /^[=+\-@]/.test(safe) ? `_${safe}` : safe;
}
