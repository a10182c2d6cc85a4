import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
// Global styles first: each area's stylesheet, imported by its components, comes after them and builds on them.
import './styles/tokens.css';
import './styles/base.css';
import { App } from './App';

/** Benchmark pages (`npm run bench`) load only when asked for, and stay out of the app's bundle. */
const BboxCanvasBench = lazy(() => import('./bench/bbox-canvas-bench').then((m) => ({ default: m.BboxCanvasBench })));
const TrainBench = lazy(() => import('./bench/train-bench').then((m) => ({ default: m.TrainBench })));
const bench = new URLSearchParams(window.location.search).get('bench');

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
