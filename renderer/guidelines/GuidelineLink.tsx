import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { externalWebUrl } from '../../shared/api/external-url';
import { inDesktopApp } from '../api/api';

/**
 * A link in a guideline. Anchors within the guideline (`#fillers`) scroll to their section.
 * Web addresses (http, https) open outside the app only after the person agreed to the
 * address: in a browser, this asks and then opens a new tab with no opener and no
 * referrer; in the desktop app the main process asks (its own dialog, which a page cannot
 * skip) and hands the address to the system browser. Anything else (`file:`,
 * `javascript:`, relative paths) is shown as text, never followed.
 */
export function GuidelineLink({ href, children }: { href?: string | undefined; children?: ReactNode }) {
  const [asking, setAsking] = useState(false);
  if (href?.startsWith('#')) return <a href={href}>{children}</a>;
  const url = href === undefined ? null : externalWebUrl(href);
  if (url === null) {
    return (
      <span className="inert-link" title="Only web addresses (http, https) open from a guideline">
        {children}
      </span>
    );
  }
  const open = () => {
    setAsking(false);
    window.open(url, '_blank', 'noopener,noreferrer');
  };
  // Ctrl-click and middle-click would open the tab without asking: every click asks.
  const ask = (event: MouseEvent) => {
    event.preventDefault();
    if (inDesktopApp) open();
    else setAsking(true);
  };
  return (
    <>
      <a href={url} target="_blank" rel="noopener noreferrer" onClick={ask} onAuxClick={ask}>
        {children}
      </a>
      {asking && createPortal(<OpenLinkDialog url={url} onOpen={open} onCancel={() => setAsking(false)} />, document.body)}
    </>
  );
}

function OpenLinkDialog({ url, onOpen, onCancel }: { url: string; onOpen(): void; onCancel(): void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Cancel has the focus: Enter pressed out of habit opens nothing.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="modal-backdrop" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <div className="modal card open-link" role="dialog" aria-modal="true" aria-labelledby="open-link-title">
        <h2 id="open-link-title">Open this address in a new tab?</h2>
        <p>
          The guideline links to <code className="open-link-address">{url}</code>, outside Concord.
        </p>
        <div className="modal-actions">
          <button ref={cancel} onClick={onCancel}>
            Cancel
          </button>
          <button className="primary" onClick={onOpen}>
            Open in a new tab
          </button>
        </div>
      </div>
    </div>
  );
}
