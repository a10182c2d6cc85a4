import { useEffect, useRef } from 'react';

/** One crop of the training data, drawn from its raw RGB bytes (what the model saw). */
export function CropImage({ pixels, size, index }: { pixels: Uint8Array; size: number; index: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(size, size);
    const offset = index * size * size * 3;
    for (let p = 0; p < size * size; p++) {
      image.data[p * 4] = pixels[offset + p * 3]!;
      image.data[p * 4 + 1] = pixels[offset + p * 3 + 1]!;
      image.data[p * 4 + 2] = pixels[offset + p * 3 + 2]!;
      image.data[p * 4 + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }, [pixels, size, index]);
  return <canvas ref={canvas} width={size} height={size} className="crop-image" aria-hidden="true" />;
}
