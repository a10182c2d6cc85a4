import { useState, type FormEvent } from 'react';
import type { LabelerRole } from '../../shared/domain/labeler';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';

const NEW = 'new';

/** Who is working in this window. Labels, agreement and blind review all hang on this choice. */
export function LabelerPicker() {
  const labelers = useProjectStore((s) => s.labelers);
  const currentId = useProjectStore((s) => s.currentLabelerId);
  const choose = useProjectStore((s) => s.chooseLabeler);
  const createLabeler = useProjectStore((s) => s.createLabeler);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<LabelerRole>('labeler');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await createLabeler({ name: name.trim(), role });
      setAdding(false);
      setName('');
    } catch (error) {
      reportError(error);
    }
  };

  if (adding) {
    return (
      <form className="labeler-form" onSubmit={(e) => void submit(e)}>
        <input aria-label="New labeler name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" autoFocus />
        <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as LabelerRole)}>
          <option value="labeler">Labeler</option>
          <option value="sme">Subject-matter expert</option>
          <option value="engineer">ML engineer</option>
        </select>
        <button type="submit" className="primary" disabled={!name.trim()}>
          Add
        </button>
        <button type="button" onClick={() => setAdding(false)}>
          Cancel
        </button>
      </form>
    );
  }

  return (
    <label className="labeler-picker">
      <span className="muted">Working as</span>
      <select
        aria-label="Working as"
        value={currentId ?? ''}
        onChange={(e) => (e.target.value === NEW ? setAdding(true) : choose(Number(e.target.value)).catch(reportError))}
      >
        {currentId === null && <option value="">Choose a profile…</option>}
        {labelers.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({l.role === 'sme' ? 'SME' : l.role})
          </option>
        ))}
        <option value={NEW}>New profile…</option>
      </select>
    </label>
  );
}
