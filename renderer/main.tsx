import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
// Global styles first: each area's stylesheet, imported by its components, comes after them and builds on them.
import './styles/tokens.css';
import './styles/base.css';
import { App } from './App';
import { reportError } from './stores/notices';
import { useProjectStore } from './stores/project-store';

/** Benchmark pages (`npm run bench`) load only when asked for, and stay out of the app's bundle. */
const BboxCanvasBench = lazy(() => import('./bench/bbox-canvas-bench').then((m) => ({ default: m.BboxCanvasBench })));
const TrainBench = lazy(() => import('./bench/train-bench').then((m) => ({ default: m.TrainBench })));
const bench = new URLSearchParams(window.location.search).get('bench');

// The app's first questions (the open project, the ways to sign in) leave as soon as its code has
// run, not from an effect after React's first render and paint, which a fresh browser profile
// took 70–250 ms to reach (`bench/first-screen.bench.ts`).
if (bench === null) useProjectStore.getState().load().catch(reportError);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {bench === 'bbox-canvas' ? (
      <Suspense>
        <BboxCanvasBench />
      </Suspense>
    ) : bench === 'train' ? (
      <Suspense>
        <TrainBench />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
