import { reportError } from '../stores/notices';
import { useLabelStore } from './label-store';
import { setMediaBroken } from './payload-edits';
import './broken-media.css';

/** Media that will not load: say so, and let the labeler flag it and go on with the queue. */
export function BrokenMedia({ message, tone }: { message: string; tone: 'dark' | 'light' }) {
  const flagAndGoOn = () => {
    const store = useLabelStore.getState();
    store.edit((p) => setMediaBroken(p, true));
    void store.submit().catch(reportError);
  };
  return (
    <div className={`media-error ${tone === 'light' ? 'media-error-light' : ''}`} role="alert">
      <p>{message}</p>
      <button type="button" className="primary" onClick={flagAndGoOn}>
        Flag as broken and go on
      </button>
    </div>
  );
}
