/**
 * File names for a dataset's samples: flat (a sample imported from `cats/001.jpg` is `001.jpg`;
 * nothing can name a folder or climb out of the export with `..`), safe on every file system, and
 * unique within the version by name and by stem (YOLO and VOC name label files after the stem,
 * so `a.jpg` and `a.png` would overwrite each other's labels). A clash gets the sample id in front.
 * @example exportFileNames([{ id: 1, name: 'cats/a.jpg' }, { id: 2, name: 'dogs/a.png' }]) // 1 → 1_a.jpg, 2 → 2_a.png
 */
export function exportFileNames(samples: readonly { id: number; name: string }[]): Map<number, string> {
  const flat = samples.map((sample) => ({ id: sample.id, name: flatten(sample.name) }));
  const stems = new Map<string, number>();
  for (const { name } of flat) stems.set(stemOf(name).toLowerCase(), (stems.get(stemOf(name).toLowerCase()) ?? 0) + 1);
  return new Map(flat.map(({ id, name }) => [id, stems.get(stemOf(name).toLowerCase())! > 1 ? `${id}_${name}` : name]));
}

function flatten(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // Characters some file systems refuse, control characters, and names made only of dots.
  const safe = [...last]
    .map((character) => (character.charCodeAt(0) < 32 || '<>:"|?*'.includes(character) ? '_' : character))
    .join('')
    .trim();
  return safe === '' || /^\.+$/.test(safe) ? 'sample' : safe;
}

function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
