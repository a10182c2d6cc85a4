import FFT from 'fft.js';

/** A clip's log-mel spectrogram pooled to a fixed size: what the clip classifier sees. */
export interface LogMelOptions {
  /** Mel bands (rows). */
  bands: number;
  /** Time steps (columns): the clip's frames averaged into this many equal spans. */
  steps: number;
}

const WINDOW_SECONDS = 0.025;
const HOP_SECONDS = 0.01;
const MIN_HZ = 20;
/** Speech lives below this; a 16 kHz recording has nothing above it. */
const MAX_HZ = 8000;
/** Silence (and padding) sits here; 0 dB is a full-scale sine's power. */
const FLOOR_DB = -100;

/**
 * Log-mel features of mono audio at any sample rate, as bands × steps values scaled to 0–1
 * (−100 dB to 0 dB), row-major by band. The filterbank is laid out in hertz, so clips recorded
 * at 16, 22.05 or 48 kHz give comparable features without resampling. A clip shorter than
 * `steps` frames is padded with silence at the end; a longer one is averaged in time, which
 * keeps what a clip-level tag or a short command needs.
 * @example logMelFeatures(oneSecondOf1kHz, 16_000, { bands: 40, steps: 32 })[13 * 32 + 5] // ≈ 1: band 13 holds 1 kHz, at full scale
 */
export function logMelFeatures(samples: Float32Array, sampleRate: number, { bands, steps }: LogMelOptions): Float32Array {
  const window = Math.round(WINDOW_SECONDS * sampleRate);
  const hop = Math.round(HOP_SECONDS * sampleRate);
  const size = 2 ** Math.ceil(Math.log2(window));
  const fft = new FFT(size);
  const hann = Float32Array.from({ length: window }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / window));
  const windowPower = hann.reduce((sum, w) => sum + w * w, 0);
  const filters = melFilterbank(bands, size, sampleRate);
  const frames = Math.max(0, Math.floor((samples.length - window) / hop) + 1);

  const sums = new Float64Array(bands * steps);
  const counts = new Uint32Array(steps);
  const input = new Float32Array(size);
  const spectrum = fft.createComplexArray();
  const power = new Float64Array(size / 2);
  for (let frame = 0; frame < frames; frame++) {
    for (let i = 0; i < window; i++) input[i] = samples[frame * hop + i]! * hann[i]!;
    fft.realTransform(spectrum, input);
    // By Parseval, a full-scale sine's bins on one side add up to size × (window power) / 4:
    // scaled so that it reads 0 dB however long the window.
    for (let bin = 0; bin < size / 2; bin++) power[bin] = (4 * (spectrum[2 * bin]! ** 2 + spectrum[2 * bin + 1]! ** 2)) / (size * windowPower);
    const step = frames <= steps ? frame : Math.floor((frame * steps) / frames);
    counts[step]!++;
    for (let band = 0; band < bands; band++) {
      let energy = 0;
      for (const { bin, weight } of filters[band]!) energy += power[bin]! * weight;
      sums[band * steps + step]! += toUnit(energy);
    }
  }
  return Float32Array.from(sums, (sum, i) => {
    const count = counts[i % steps]!;
    return count === 0 ? 0 : sum / count;
  });
}

/** Power in dB, floored, mapped to 0 (floor) – 1 (full scale). */
function toUnit(energy: number): number {
  const db = Math.max(FLOOR_DB, 10 * Math.log10(energy + 1e-12));
  return Math.min(1, 1 - db / FLOOR_DB);
}

/**
 * Triangular filters evenly spaced on the mel scale between 20 Hz and 8 kHz, each normalised to
 * unit peak, as the FFT bins and weights they cover. The bands are the same at every sample rate,
 * so a band means one pitch whatever the recording; the bands above a low rate's Nyquist frequency
 * (8 kHz telephone audio stops at 4 kHz) hear nothing and read the floor.
 */
function melFilterbank(bands: number, fftSize: number, sampleRate: number): { bin: number; weight: number }[][] {
  const low = hzToMel(MIN_HZ);
  const high = hzToMel(MAX_HZ);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz(low + ((high - low) * i) / (bands + 1)));
  const binHz = sampleRate / fftSize;
  return Array.from({ length: bands }, (_, band) => {
    const [left, centre, right] = [edges[band]!, edges[band + 1]!, edges[band + 2]!];
    const taps: { bin: number; weight: number }[] = [];
    for (let bin = Math.floor(left / binHz); bin <= Math.ceil(right / binHz) && bin < fftSize / 2; bin++) {
      const hz = bin * binHz;
      const weight = hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
      if (weight > 0) taps.push({ bin, weight });
    }
    // A band narrower than a bin (few bands, short FFT) still hears the bin nearest its centre.
    if (taps.length === 0 && centre < sampleRate / 2) taps.push({ bin: Math.min(fftSize / 2 - 1, Math.round(centre / binHz)), weight: 1 });
    return taps;
  });
}

function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}
