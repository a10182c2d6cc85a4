import { useEffect, useEffectEvent, useState } from 'react';
import { decodedImage } from './decoded-images';

/**
 * The decoded image at `url`, or null until it is ready. A previous sample's image is
 * never returned for a new URL; an image decoded ahead of time (see `predecode`) is
 * ready at once.
 */
export function useLoadedImage(url: string, onError: (message: string) => void): ImageBitmap | null {
  const [loaded, setLoaded] = useState<{ url: string; bitmap: ImageBitmap } | null>(null);
  const reportError = useEffectEvent(onError);

  useEffect(() => {
    let wanted = true;
    decodedImage(url).then(
      (bitmap) => {
        if (wanted) setLoaded({ url, bitmap });
      },
      () => {
        // The browser tells a missing file and an undecodable one apart only in its console.
        if (wanted) reportError(`The image could not be loaded: the file is missing, unreadable or in a format the browser cannot show (${url}).`);
      },
    );
    return () => {
      wanted = false;
    };
  }, [url]);

  return loaded?.url === url ? loaded.bitmap : null;
}
