import { useEffect, useState } from 'react';

/**
 * `value` once it has stopped changing for `delayMs`: a form that asks the back end as the
 * user types asks once per pause, not once per keystroke.
 *
 * @example const asked = useSettledValue(options, 250); // then useQuery('datasets.preview', asked)
 */
export function useSettledValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
