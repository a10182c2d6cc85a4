import { useState, type FormEvent } from 'react';
import type { LabelerRole } from '../../shared/domain/labeler';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { roleName } from './role-names';

const NEW = 'new';

/**
 * In a demo, the person at this computer shows its screens as any of the demo's people
 * (who have no passwords), or adds one. Each switch signs this window in anew.
 */
export function DemoPeoplePicker() {
  const account = useProjectStore((s) => s.account);
  const options = useProjectStore((s) => s.signIn);
  const signInWith = useProjectStore((s) => s.signInWith);
  const createLabeler = useProjectStore((s) => s.createLabeler);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<LabelerRole>('labeler');
  const people = options?.demoAccounts ?? [];

  const choose = (value: string) => {
    if (value === NEW) return setAdding(true);
    const id = Number(value);
    const signIn =
      id === account?.id ? null : people.some((p) => p.id === id) ? signInWith({ method: 'demo', labelerId: id }) : signInWith({ method: 'owner' });
    signIn?.catch(reportError);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      // Accounts are made by an admin: the owner's, whoever this window shows right now.
      await signInWith({ method: 'owner' });
      const person = await createLabeler({ name: name.trim(), role });
      await signInWith({ method: 'demo', labelerId: person.id });
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
      <span className="demo-mark">Demo</span>
      <span className="muted">Working as</span>
      <select aria-label="Working as" value={account?.id ?? ''} onChange={(e) => choose(e.target.value)}>
        {account && !people.some((p) => p.id === account.id) && (
          <option value={account.id}>
            {account.name} ({roleName(account.role)})
          </option>
        )}
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name} ({roleName(person.role)})
          </option>
        ))}
        <option value={NEW}>New profile…</option>
      </select>
    </label>
  );
}
