export interface WavSpec {
  sampleRate: number;
  channels: number;
  durationMs: number;
  /** Override the `data` chunk size in the header, e.g. to fake a truncated file. */
  declaredDataBytes?: number;
}

const BYTES_PER_SAMPLE = 2;
const HEADER_BYTES = 44;

/** A canonical 16-bit PCM WAV of a 440 Hz tone, built by hand so tests control every header field. */
export function buildWav({ sampleRate, channels, durationMs, declaredDataBytes }: WavSpec): Buffer {
  const frames = Math.round((sampleRate * durationMs) / 1000);
  const blockAlign = channels * BYTES_PER_SAMPLE;
  const dataBytes = frames * blockAlign;
  const wav = Buffer.alloc(HEADER_BYTES + dataBytes);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  wav.write('WAVE', 8, 'latin1');
  wav.write('fmt ', 12, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * blockAlign, 28);
  wav.writeUInt16LE(blockAlign, 32);
  wav.writeUInt16LE(BYTES_PER_SAMPLE * 8, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(declaredDataBytes ?? dataBytes, 40);
  for (let frame = 0; frame < frames; frame += 1) {
    const sample = Math.round(Math.sin((2 * Math.PI * 440 * frame) / sampleRate) * 0x3fff);
    for (let channel = 0; channel < channels; channel += 1) {
      wav.writeInt16LE(sample, HEADER_BYTES + frame * blockAlign + channel * BYTES_PER_SAMPLE);
    }
  }
  return wav;
}
