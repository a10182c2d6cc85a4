import { useEffect, useState, type FormEvent } from 'react';
import type { SignInOptions } from '../../shared/domain/session';
import { reportError } from '../stores/notices';
import { preloadLabelArea } from '../shell/areas';
import { useProjectStore } from '../stores/project-store';
import { roleName } from './role-names';
import './account.css';

/**
 * Who is working in this window: a name and password, or, on the computer running Concord,
 * its owner; in a demo, one of the demo's ready-made people.
 */
export function SignInScreen({ options }: { options: SignInOptions }) {
  const signInWith = useProjectStore((s) => s.signInWith);
  const close = useProjectStore((s) => s.close);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(preloadLabelArea, []);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await signInWith({ method: 'password', name: name.trim(), password });
      setPassword('');
    });
  };

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to {options.project?.name}</h1>
        {options.project?.demo && (
          <p className="demo-mark">
            {options.owner ? 'Demo project: pick one of its people below.' : 'Demo project: its people are picked on the computer running Concord.'}
          </p>
        )}
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" autoFocus />
        </label>
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </label>
        <button type="submit" className="primary" disabled={busy || !name.trim() || !password}>
          Sign in
        </button>
        {options.ownerAccount && (
          <button type="button" disabled={busy} onClick={() => void run(() => signInWith({ method: 'owner' }))}>
            Continue as {options.ownerAccount} (this computer)
          </button>
        )}
        {options.demoAccounts.length > 0 && (
          <div className="sign-in-demo" role="group" aria-label="Demo people">
            {options.demoAccounts.map((person) => (
              <button key={person.id} type="button" disabled={busy} onClick={() => void run(() => signInWith({ method: 'demo', labelerId: person.id }))}>
                {person.name} ({roleName(person.role)})
              </button>
            ))}
          </div>
        )}
        {options.owner && (
          <button type="button" className="link" disabled={busy} onClick={() => void run(close)}>
            Close project
          </button>
        )}
      </form>
    </main>
  );
}
