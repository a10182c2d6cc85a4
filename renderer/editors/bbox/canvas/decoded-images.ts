/**
 * Decoded images ready to draw, by URL. Decoding a 12-megapixel photo and the first draw
 * of it each cost well over 100 ms; doing both while the labeler is still on the sample
 * before makes "next" show the new image at once. An ImageBitmap holds the decoded
 * pixels explicitly rather than trusting the browser's own cache to keep them.
 */
const MAX_DECODED_PIXELS = 120_000_000; // about 480 MB of RGBA, e.g. ten 4000×3000 photos

const decoded = new Map<string, Promise<ImageBitmap>>();
const sizes = new Map<string, number>();

/** The decoded image at `url`, loading it if nobody asked before. Rejects when it cannot be shown. */
export function decodedImage(url: string): Promise<ImageBitmap> {
  const known = decoded.get(url);
  if (known) {
    // Most recently used last, so eviction takes the oldest.
    decoded.delete(url);
    decoded.set(url, known);
    return known;
  }
  const loading = decode(url);
  decoded.set(url, loading);
  loading.then(
    (bitmap) => {
      sizes.set(url, bitmap.width * bitmap.height);
      evictBeyondBudget(url);
    },
    () => {
      // A failed load is not remembered: the editor asks again and reports it.
      decoded.delete(url);
      sizes.delete(url);
    },
  );
  return loading;
}

/**
 * Decodes images the labeler will probably open, one after another in the order given (the one on
 * screen first, then the next ones), until `wanted()` turns false. Started all together, the four
 * decodes of 12-megapixel photos shared the two cores here: the image on screen was drawn
 * 0.37–1.0 s after opening the Label area, and the first "next" after a short look took 0.17–0.46 s,
 * its image still decoding; one at a time, 0.35–0.43 s and 0.15–0.19 s (two at a time drew the
 * first image in 0.64–0.76 s). A failed image does not stop the rest: the editor reports it when
 * it is opened.
 */
export async function decodeInTurn(urls: readonly string[], wanted: () => boolean, load: (url: string) => Promise<unknown> = decodedImage): Promise<void> {
  for (const url of urls) {
    if (!wanted()) return;
    await load(url).catch(() => undefined);
  }
}

async function decode(url: string): Promise<ImageBitmap> {
  const element = new Image();
  element.src = url;
  await element.decode();
  return createImageBitmap(element);
}

/**
 * Forgets the least recently used images past the budget. Bitmaps are dropped, not
 * closed: one may still be on screen, and the garbage collector frees it once it is not.
 */
function evictBeyondBudget(keep: string): void {
  let total = [...sizes.values()].reduce((sum, n) => sum + n, 0);
  for (const url of decoded.keys()) {
    if (total <= MAX_DECODED_PIXELS) break;
    if (url === keep) continue;
    total -= sizes.get(url) ?? 0;
    decoded.delete(url);
    sizes.delete(url);
  }
}
