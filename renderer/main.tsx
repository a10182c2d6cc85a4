import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/review.css';
import './styles/guidelines.css';
import './styles/train.css';
import './account/account.css';

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
