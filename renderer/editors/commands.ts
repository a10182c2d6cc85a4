/**
 * Editor operations as commands: a name a person reads, the keys that run it, what it
 * does, and whether it is an edit (edits enter undo history through the store). The
 * shortcuts panel is generated from the same list, so it is never out of date.
 */
export interface Command {
  id: string;
  title: string;
  /** Key chords like `Ctrl+Z`, `Shift+F`, `Enter`, `ArrowLeft`, `?`; Ctrl also matches Cmd. */
  keys: readonly string[];
  group: string;
  /** Runs even while a text field has focus (e.g. Ctrl+Enter to submit). */
  whileTyping?: boolean;
  /** Runs again while its key is held (nudging); others run once per press, so holding Enter cannot submit a run of samples. */
  repeatable?: boolean;
  enabled?: () => boolean;
  run: () => void;
}

const PRINTABLE_SYMBOL = /^[^a-zA-Z]$/;

/**
 * The chord a key event stands for, in the notation commands use. Shift is part of the
 * chord for letters and named keys (`Shift+F`, `Shift+ArrowLeft`), but not for symbols
 * whose character already says it (`?` is Shift+/ on most layouts).
 * @example chordOf({ key: 'z', ctrlKey: true, shiftKey: true }) // 'Ctrl+Shift+Z'
 */
export function chordOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  const symbol = PRINTABLE_SYMBOL.test(event.key) && event.key !== ' ';
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey && !symbol) parts.push('Shift');
  parts.push(event.key === ' ' ? 'Space' : event.key.length === 1 ? event.key.toUpperCase() : event.key);
  return parts.join('+');
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'range', 'button'].includes(target.type);
}

/** Finds and runs the command bound to a key event; true when one ran. */
export function dispatchKey(commands: readonly Command[], event: KeyboardEvent): boolean {
  const chord = chordOf(event);
  const typing = isTyping(event.target);
  const command = commands.find((c) => c.keys.includes(chord) && (!typing || c.whileTyping));
  if (!command) return false;
  event.preventDefault();
  if ((event.repeat && !command.repeatable) || !(command.enabled?.() ?? true)) return true;
  command.run();
  return true;
}

/** How a chord is shown to people. */
export function displayChord(chord: string): string {
  return chord.replace('Arrow', '').replace('Space', '␣');
}
