import { useState, type FormEvent } from 'react';
import { api } from '../api/api';
import { reportError, useNotices } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { DemoPeoplePicker } from './DemoPeoplePicker';
import { roleName } from './role-names';
import './account.css';

/** Who this window works as; changing one's password; signing out. */
export function AccountMenu() {
  const account = useProjectStore((s) => s.account);
  const demo = useProjectStore((s) => s.signIn?.project?.demo ?? false);
  const signOut = useProjectStore((s) => s.signOut);
  const [changing, setChanging] = useState(false);
  if (!account) return null;
  return (
    <div className="account-menu">
      {demo ? (
        <DemoPeoplePicker />
      ) : (
        <span className="account-name" data-testid="signed-in-as">
          {account.name} <span className="muted">({roleName(account.role)})</span>
        </span>
      )}
      {!demo && (
        <button type="button" onClick={() => setChanging(true)}>
          {account.hasPassword ? 'Change password' : 'Set a password'}
        </button>
      )}
      <button type="button" onClick={() => signOut().catch(reportError)}>
        Sign out
      </button>
      {changing && <PasswordDialog hasPassword={account.hasPassword} onDone={() => setChanging(false)} />}
    </div>
  );
}

function PasswordDialog({ hasPassword, onDone }: { hasPassword: boolean; onDone(): void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.call('session.changePassword', { current: hasPassword ? current : null, next });
      useNotices.getState().show('info', 'Password changed. Other windows signed in as you were signed out.');
      onDone();
    } catch (error) {
      reportError(error);
    }
  };
  return (
    <div className="modal-backdrop">
      <form className="modal card password-dialog" role="dialog" aria-modal="true" aria-label="Change password" onSubmit={(e) => void submit(e)}>
        <h2>{hasPassword ? 'Change your password' : 'Set a password'}</h2>
        {hasPassword && (
          <label>
            Current password
            <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" autoFocus />
          </label>
        )}
        <label>
          New password (at least 8 characters)
          <input type="password" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" />
        </label>
        <div className="button-row">
          <button type="submit" className="primary" disabled={next.length < 8}>
            Save
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
