import { useEffect, useEffectEvent, useState } from 'react';

/**
 * The decoded image at `url`, or null until it is ready. Decoding happens off the main
 * thread before the first draw, so a large photo does not stall the frame that shows it.
 * A previous sample's image is never returned for a new URL, and a load that is no longer
 * wanted is abandoned.
 */
export function useLoadedImage(url: string, onError: (message: string) => void): HTMLImageElement | null {
  const [loaded, setLoaded] = useState<{ url: string; element: HTMLImageElement } | null>(null);
  const reportError = useEffectEvent(onError);

  useEffect(() => {
    let wanted = true;
    const element = new Image();
    element.src = url;
    element.decode().then(
      () => {
        if (wanted) setLoaded({ url, element });
      },
      () => {
        // The browser tells a missing file and an undecodable one apart only in its console.
        if (wanted) reportError(`The image could not be loaded: the file is missing, unreadable or in a format the browser cannot show (${url}).`);
      },
    );
    return () => {
      wanted = false;
      // Stops the download of an image nobody will look at.
      element.src = '';
    };
  }, [url]);

  return loaded?.url === url ? loaded.element : null;
}
