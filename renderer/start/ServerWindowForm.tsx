import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api/errors';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';

/**
 * "Connect to a server", in the desktop app: the address of a team server, checked by the
 * app (https, or http on this computer; it must answer as Concord) before a window opens on
 * the server's own UI, where the person signs in with their name and password. A browser
 * reaches a server by going to its address, so there this form is not shown.
 */
export function ServerWindowForm() {
  const canOpen = useQuery('app.info').data?.capabilities.serverWindows ?? false;
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ problem: string } | { opened: string } | null>(null);
  if (!canOpen) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      const server = await api.call('system.openServerWindow', { address: address.trim() });
      setOutcome({ opened: `Opened ${server.origin} (Concord ${server.version}) in a new window.` });
    } catch (error) {
      setOutcome({ problem: error instanceof ApiError ? error.message : 'The server could not be checked.' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="server-window-title">
      <h2 id="server-window-title">Connect to a server</h2>
      <div className="field">
        <label htmlFor="server-address">Server address</label>
        <input
          id="server-address"
          type="text"
          value={address}
          placeholder="https://labels.example.org"
          spellCheck={false}
          onChange={(e) => setAddress(e.target.value)}
        />
      </div>
      <p className="hint">Your team&apos;s server opens in its own window, where you sign in with your name and password.</p>
      {outcome && 'problem' in outcome && (
        <p className="error-text" role="alert">
          {outcome.problem}
        </p>
      )}
      {outcome && 'opened' in outcome && <p role="status">{outcome.opened}</p>}
      <button type="submit" disabled={busy || !address.trim()}>
        {busy ? 'Checking…' : 'Connect…'}
      </button>
    </form>
  );
}
