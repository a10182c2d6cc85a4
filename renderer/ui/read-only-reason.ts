/** The few words a disabled control shows when the project is open read-only here. */
export const READ_ONLY_REASON = 'Read-only: open elsewhere';
