import { useCallback, useState } from 'react';

/**
 * The reason the current sample's media would not load, remembered per sample so moving
 * to the next sample clears it without an effect.
 */
export function useMediaError(sampleId: number | undefined): [message: string | null, report: (message: string) => void] {
  const [error, setError] = useState<{ sampleId: number; message: string } | null>(null);
  const report = useCallback(
    (message: string) => {
      if (sampleId !== undefined) setError({ sampleId, message });
    },
    [sampleId],
  );
  return [error !== null && error.sampleId === sampleId ? error.message : null, report];
}
