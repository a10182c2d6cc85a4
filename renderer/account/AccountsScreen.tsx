import { useState, type FormEvent } from 'react';
import type { LabelerRole } from '../../shared/domain/labeler';
import { api } from '../api/api';
import { reportError, useNotices } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { ReadOnlyNote, useReadOnly } from '../ui/read-only';
import { roleName } from './role-names';
import './account.css';

const ROLES: LabelerRole[] = ['labeler', 'sme', 'engineer', 'admin'];

/** Admins add people, change their roles, disable them and set new passwords; every change goes to the audit log. */
export function AccountsScreen() {
  const labelers = useProjectStore((s) => s.labelers);
  const me = useProjectStore((s) => s.account);
  const refresh = useProjectStore((s) => s.refresh);
  const createLabeler = useProjectStore((s) => s.createLabeler);
  const [name, setName] = useState('');
  const [role, setRole] = useState<LabelerRole>('labeler');
  const [password, setPassword] = useState('');
  const readOnly = useReadOnly();

  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      await refresh();
      useNotices.getState().show('info', done);
    } catch (error) {
      reportError(error);
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await createLabeler({ name: name.trim(), role, password });
      setName('');
      setPassword('');
    }, `Added ${name.trim()}.`);
  };

  return (
    <section className="accounts" aria-labelledby="accounts-title">
      <h1 id="accounts-title">People</h1>
      <ReadOnlyNote />
      <form className="card account-form" onSubmit={add} aria-label="Add a person" hidden={readOnly !== null}>
        <h2>Add a person</h2>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as LabelerRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Password (at least 8 characters; tell it to them)
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
        <button type="submit" className="primary" disabled={!name.trim() || password.length < 8}>
          Add
        </button>
      </form>
      <table className="card accounts-table" aria-label="People">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Sign-in</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {labelers.map((person) => (
            <tr key={person.id} className={person.disabled ? 'muted' : ''}>
              <td>
                {person.name}
                {person.owner && <span className="muted"> · owner</span>}
                {person.id === me?.id && <span className="muted"> · you</span>}
              </td>
              <td>
                <select
                  aria-label={`Role of ${person.name}`}
                  disabled={readOnly !== null}
                  title={readOnly ?? undefined}
                  value={person.role}
                  onChange={(e) =>
                    void act(
                      () => api.call('labelers.update', { labelerId: person.id, role: e.target.value as LabelerRole }),
                      `${person.name} is now ${roleName(e.target.value as LabelerRole)}.`,
                    )
                  }
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {roleName(r)}
                    </option>
                  ))}
                </select>
              </td>
              <td>{person.disabled ? 'disabled' : person.hasPassword ? 'password' : 'no password'}</td>
              <td className="button-row">
                <button
                  type="button"
                  disabled={readOnly !== null}
                  title={readOnly ?? undefined}
                  onClick={() =>
                    void act(
                      () => api.call('labelers.update', { labelerId: person.id, disabled: !person.disabled }),
                      `${person.name} is ${person.disabled ? 'enabled' : 'disabled'}.`,
                    )
                  }
                >
                  {person.disabled ? 'Enable' : 'Disable'}
                </button>
                <button
                  type="button"
                  disabled={readOnly !== null}
                  title={readOnly ?? undefined}
                  onClick={() => {
                    const next = window.prompt(`New password for ${person.name} (at least 8 characters)`);
                    if (next) void act(() => api.call('labelers.update', { labelerId: person.id, password: next }), `New password set for ${person.name}.`);
                  }}
                >
                  Set password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
