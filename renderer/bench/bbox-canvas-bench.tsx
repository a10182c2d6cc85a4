import Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { emptyPayload } from '../../shared/annotation/empty-payload';
import type { BboxPayload, Box } from '../../shared/annotation/payload';
import { CLASS_PALETTE } from '../../shared/domain/palette';
import type { LabelClass } from '../../shared/domain/project';
import type { Sample } from '../../shared/domain/sample';
import { addBox, setBoxRect } from '../editors/bbox/box-edits';
import { BboxCanvas } from '../editors/bbox/BboxCanvas';
import type { BboxCanvasHandle, BoxRect } from '../editors/bbox/canvas-contract';
import { useSessionView, type EditorSession } from '../editors/editor-session';
import { memorySession } from '../editors/memory-session';

/**
 * `?bench=bbox-canvas`: the bounding-box canvas full-window on a synthetic 4000×3000
 * image with 1,000 boxes of 10 classes, for `bench/bbox-canvas.bench.mjs` to drive with
 * real input. The page records each animation frame's interval and the time Konva spent
 * drawing layers in it, and exposes `window.__bboxBench`. Its boxes live in an in-memory editor
 * session, so drawing and moving go through the same edits and undo history as in the editor.
 */

const IMAGE_W = 4000;
const IMAGE_H = 3000;
const BOX_COUNT = 1000;
const CLASS_NAMES = ['person', 'car', 'bicycle', 'dog', 'cat', 'bus', 'truck', 'bird', 'sign', 'light'];
const CLASSES: LabelClass[] = CLASS_NAMES.map((name, i) => ({
  id: i + 1,
  name,
  color: CLASS_PALETTE[i] ?? '#888888',
  hotkey: i < 9 ? String(i + 1) : null,
  retired: false,
}));

export interface FrameRecording {
  /** Time between consecutive animation frames. */
  frameMs: number[];
  /** Time Konva spent drawing layers (scene and hit canvases), per frame that drew. */
  drawMs: number[];
}

export interface BboxBench {
  ready: boolean;
  canvas: BboxCanvasHandle | null;
  boxes(): readonly Box[];
  select(id: string | null): void;
  startRecording(): void;
  stopRecording(): FrameRecording;
}

declare global {
  interface Window {
    __bboxBench?: BboxBench;
  }
}

export function BboxCanvasBench() {
  const canvasRef = useRef<BboxCanvasHandle>(null);
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const [session] = useState(syntheticSession);
  const boxes = useSessionView(session, (v) => v.payload?.boxes ?? NO_BOXES);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    let url: string | null = null;
    let live = true;
    void syntheticImage().then(async (blob) => {
      if (!live) return;
      url = URL.createObjectURL(blob);
      setImageUrl(url);
      // The canvas decodes the same blob; once this copy is decoded, so (nearly) is its.
      const probe = new Image();
      probe.src = url;
      await probe.decode();
      await nextFrame();
      await nextFrame();
      if (window.__bboxBench) window.__bboxBench.ready = true;
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, []);

  useEffect(() => {
    const recorder = frameRecorder();
    window.__bboxBench = {
      ready: false,
      get canvas() {
        return canvasRef.current;
      },
      boxes: () => session.view.getState().payload?.boxes ?? NO_BOXES,
      select: setSelectedId,
      startRecording: recorder.start,
      stopRecording: recorder.stop,
    };
    return () => {
      recorder.stop();
      delete window.__bboxBench;
    };
  }, [session]);

  const onCreate = (rect: BoxRect) => {
    const id = `new-${Date.now()}`;
    session.edit((p) => addBox(p, rect, 1, id));
    setSelectedId(id);
  };
  const onChange = (id: string, rect: BoxRect) => session.edit((p) => setBoxRect(p, id, rect));

  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      {imageUrl && (
        <BboxCanvas
          ref={canvasRef}
          image={{ url: imageUrl, width: IMAGE_W, height: IMAGE_H }}
          boxes={boxes}
          classes={CLASSES}
          currentClassId={1}
          selectedId={selectedId}
          boxesVisible
          boxOpacity={0.12}
          onCreate={onCreate}
          onChange={onChange}
          onSelect={setSelectedId}
          onImageError={(message) => console.error(message)}
        />
      )}
    </div>
  );
}

const NO_BOXES: readonly Box[] = [];

/** The synthetic image as a sample, and its boxes as the label being edited. */
function syntheticSession(): EditorSession<BboxPayload> {
  const sample: Sample = {
    id: 1,
    displayName: 'synthetic.jpg',
    mediaKind: 'image',
    sha256: 'synthetic',
    byteSize: 0,
    image: { width: IMAGE_W, height: IMAGE_H },
    audio: null,
    metadata: {},
    tags: [],
    status: 'unlabeled',
    annotationCount: 0,
    timeSpentMs: 0,
    mediaAvailable: true,
    importedAt: new Date(0).toISOString(),
  };
  return memorySession(
    sample,
    { ...emptyPayload('bbox'), boxes: syntheticBoxes() },
    { reportError: (error) => console.error(error), inform: (message) => console.info(message) },
  );
}

/** Boxes of 10 to 300 px spread over the image, from a fixed seed so every run draws the same scene. */
function syntheticBoxes(): Box[] {
  const random = mulberry32(20261122);
  return Array.from({ length: BOX_COUNT }, (_, i) => {
    const width = 10 + random() * 290;
    const height = 10 + random() * 290;
    const x1 = random() * (IMAGE_W - width);
    const y1 = random() * (IMAGE_H - height);
    return { id: `box-${i}`, classId: 1 + (i % CLASSES.length), x1, y1, x2: x1 + width, y2: y1 + height };
  });
}

/** A photo-sized JPEG with gradients, shapes and fine detail, so scaling it costs what a real photo does. */
async function syntheticImage(): Promise<Blob> {
  const canvas = new OffscreenCanvas(IMAGE_W, IMAGE_H);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context for the synthetic image');
  const sky = ctx.createLinearGradient(0, 0, IMAGE_W, IMAGE_H);
  sky.addColorStop(0, '#3a6186');
  sky.addColorStop(0.5, '#89a8b2');
  sky.addColorStop(1, '#c9b79c');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, IMAGE_W, IMAGE_H);
  const random = mulberry32(7);
  for (let i = 0; i < 400; i++) {
    ctx.fillStyle = `hsla(${Math.floor(random() * 360)}, 45%, ${30 + Math.floor(random() * 40)}%, 0.7)`;
    ctx.beginPath();
    ctx.arc(random() * IMAGE_W, random() * IMAGE_H, 10 + random() * 160, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.25)';
  for (let x = 0; x < IMAGE_W; x += 50) {
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, IMAGE_H);
    ctx.stroke();
  }
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
}

/**
 * Records frame intervals with requestAnimationFrame and Konva's drawing time by timing
 * `Layer.draw`, which every `batchDraw` ends in.
 */
function frameRecorder(): { start(): void; stop(): FrameRecording } {
  const originalDraw = Konva.Layer.prototype.draw;
  let recording: FrameRecording = { frameMs: [], drawMs: [] };
  let drawingThisFrame = 0;
  let lastFrame = 0;
  let frameRequest = 0;

  const tick = (now: number) => {
    if (lastFrame > 0) recording.frameMs.push(now - lastFrame);
    if (drawingThisFrame > 0) recording.drawMs.push(drawingThisFrame);
    drawingThisFrame = 0;
    lastFrame = now;
    frameRequest = requestAnimationFrame(tick);
  };

  return {
    start() {
      recording = { frameMs: [], drawMs: [] };
      drawingThisFrame = 0;
      lastFrame = 0;
      Konva.Layer.prototype.draw = function timedDraw(this: Konva.Layer) {
        const started = performance.now();
        const result = originalDraw.call(this);
        drawingThisFrame += performance.now() - started;
        return result;
      };
      frameRequest = requestAnimationFrame(tick);
    },
    stop() {
      cancelAnimationFrame(frameRequest);
      Konva.Layer.prototype.draw = originalDraw;
      return recording;
    },
  };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
