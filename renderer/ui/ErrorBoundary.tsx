import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** Changing it clears a caught error (e.g. the user moved to another area). */
  resetKey: string;
  children: ReactNode;
}

/**
 * A lazily loaded area's chunk failed to arrive. Browsers word it differently: Chromium "Failed to
 * fetch dynamically imported module", Firefox "error loading dynamically imported module", Safari
 * "Importing a module script failed".
 */
function codeMissing(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed/i.test(error.message);
}

/**
 * Keeps a failure in one area from blanking the whole app: the area shows what went
 * wrong and the rest (navigation, the project, saved work) stays usable.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null; resetKey: string }> {
  override state = { error: null as Error | null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: { error: Error | null; resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[ui] an area failed:', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="empty" role="alert">
        {codeMissing(this.state.error) ? (
          <p>This part of Concord could not be loaded: its code did not arrive (the connection dropped, or Concord was updated since this window opened).</p>
        ) : (
          <p>This part of Concord ran into a problem: {this.state.error.message}</p>
        )}
        <p className="hint">Your saved work is safe. Switch areas or reload the window to continue.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
