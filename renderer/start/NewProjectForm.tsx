import { useState, type FormEvent } from 'react';
import type { ProjectKind } from '../../shared/domain/project';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { FolderField } from '../ui/FolderField';

const splitNames = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Creates a project: where it lives, what it labels, and its starting classes and tags. */
export function NewProjectForm() {
  const create = useProjectStore((s) => s.create);
  const [name, setName] = useState('');
  const [dir, setDir] = useState('');
  const [kind, setKind] = useState<ProjectKind>('bbox');
  const [classes, setClasses] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  // Every box is drawn with a class, so a box project starts with at least one (the back end insists too).
  const missingClasses = kind === 'bbox' && splitNames(classes).length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await create({
        dir: dir.trim(),
        name: name.trim(),
        kind,
        classes: kind === 'bbox' ? splitNames(classes).map((n) => ({ name: n })) : [],
        tags: splitNames(tags).map((n) => ({ name: n })),
      });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-project-title">
      <h2 id="new-project-title">New project</h2>
      <div className="field">
        <label htmlFor="project-name">Name</label>
        <input id="project-name" type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="Street scenes, round 1" required />
      </div>
      <FolderField id="project-dir" label="Project folder" value={dir} onChange={setDir} placeholder="/home/me/projects/street-scenes (new or empty)" />
      <fieldset className="field kind-choice">
        <legend>What will be labeled</legend>
        <label>
          <input type="radio" name="kind" value="bbox" checked={kind === 'bbox'} onChange={() => setKind('bbox')} /> Images: bounding boxes
        </label>
        <label>
          <input type="radio" name="kind" value="transcript" checked={kind === 'transcript'} onChange={() => setKind('transcript')} /> Audio: transcripts
        </label>
      </fieldset>
      {kind === 'bbox' && (
        <div className="field">
          <label htmlFor="project-classes">Classes</label>
          <input
            id="project-classes"
            type="text"
            value={classes}
            onChange={(e) => setClasses(e.target.value)}
            placeholder="person, car, bicycle"
            aria-describedby="project-classes-hint"
            aria-invalid={missingClasses}
          />
          <p className="hint" id="project-classes-hint">
            {missingClasses ? 'At least one class: every box is drawn with one. ' : ''}Comma-separated. The first nine get keys 1–9.
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor="project-tags">Tags</label>
        <input
          id="project-tags"
          type="text"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          placeholder={kind === 'bbox' ? 'blurry, dark, occluded' : 'clean speech, car noise, low bandwidth'}
        />
        <p className="hint">Comma-separated slices for agreement and error analysis. Manifest tags are added on import.</p>
      </div>
      <button type="submit" className="primary" disabled={busy || !name.trim() || !dir.trim() || missingClasses}>
        {busy ? 'Creating…' : 'Create project'}
      </button>
    </form>
  );
}
