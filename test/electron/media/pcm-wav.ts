/** A WAV sample encoding the peaks tests cover; G.711 is written as raw codes. */
export type PcmEncoding = 'u8' | 's16' | 's24' | 's32' | 'f32' | 'f64';

export interface PcmWavSpec {
  encoding: PcmEncoding;
  sampleRate: number;
  channels: number;
  frames: number;
  /** Sample value in -1..1 of a frame and channel. */
  signal: (frame: number, channel: number) => number;
  /** Write a WAVE_FORMAT_EXTENSIBLE header (40-byte fmt with a sub-format GUID). */
  extensible?: boolean;
  /** Override the `data` chunk's size field (0xFFFFFFFF, 0, or a wrong value). */
  declaredDataBytes?: number;
  /** Chunks (already padded) placed between `fmt ` and `data`, and after `data`. */
  chunksBeforeData?: Buffer[];
  chunksAfterData?: Buffer[];
}

const BITS: Readonly<Record<PcmEncoding, number>> = { u8: 8, s16: 16, s24: 24, s32: 32, f32: 32, f64: 64 };

/** A sine of `amplitude` at `hz`, the same in every channel. */
export function tone(amplitude: number, hz: number, sampleRate: number): (frame: number) => number {
  return (frame) => amplitude * Math.sin((2 * Math.PI * hz * frame) / sampleRate);
}

/** A RIFF chunk with its header and pad byte. */
export function riffChunk(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
}

/** The `fmt ` chunk for `format code` samples (1 PCM, 3 float, 6 A-law, 7 µ-law…). */
export function fmtChunk(formatCode: number, channels: number, sampleRate: number, bits: number, extensible = false): Buffer {
  const body = Buffer.alloc(extensible ? 40 : 16);
  const blockAlign = (channels * bits) / 8;
  body.writeUInt16LE(extensible ? 0xfffe : formatCode, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(sampleRate, 4);
  body.writeUInt32LE(sampleRate * blockAlign, 8);
  body.writeUInt16LE(blockAlign, 12);
  body.writeUInt16LE(bits, 14);
  if (extensible) {
    body.writeUInt16LE(22, 16); // cbSize
    body.writeUInt16LE(bits, 18); // valid bits
    body.writeUInt32LE(0, 20); // channel mask
    body.writeUInt16LE(formatCode, 24); // sub-format GUID, first two bytes
    Buffer.from('000000001000800000aa00389b71', 'hex').copy(body, 26);
  }
  return riffChunk('fmt ', body);
}

/** A whole WAV file around `fmt` and a `data` body, with RIFF size fields filled in. */
export function wavFile(fmt: Buffer, data: Buffer, options: Pick<PcmWavSpec, 'declaredDataBytes' | 'chunksBeforeData' | 'chunksAfterData'> = {}): Buffer {
  const dataChunk = riffChunk('data', data);
  if (options.declaredDataBytes !== undefined) dataChunk.writeUInt32LE(options.declaredDataBytes >>> 0, 4);
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), fmt, ...(options.chunksBeforeData ?? []), dataChunk, ...(options.chunksAfterData ?? [])]);
  const header = Buffer.alloc(8);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** A WAV of any PCM or float encoding, with the samples `signal` gives. */
export function buildPcmWav(spec: PcmWavSpec): Buffer {
  const bits = BITS[spec.encoding];
  const bytes = bits / 8;
  const data = Buffer.alloc(spec.frames * spec.channels * bytes);
  for (let frame = 0; frame < spec.frames; frame += 1) {
    for (let channel = 0; channel < spec.channels; channel += 1) {
      writeSample(data, (frame * spec.channels + channel) * bytes, spec.encoding, spec.signal(frame, channel));
    }
  }
  const formatCode = spec.encoding === 'f32' || spec.encoding === 'f64' ? 3 : 1;
  return wavFile(fmtChunk(formatCode, spec.channels, spec.sampleRate, bits, spec.extensible), data, spec);
}

function writeSample(data: Buffer, offset: number, encoding: PcmEncoding, value: number): void {
  const clamp = (scale: number) => Math.max(-scale, Math.min(scale - 1, Math.round(value * scale)));
  switch (encoding) {
    case 'u8':
      return void data.writeUInt8(clamp(128) + 128, offset);
    case 's16':
      return void data.writeInt16LE(clamp(32768), offset);
    case 's24':
      return void data.writeIntLE(clamp(8388608), offset, 3);
    case 's32':
      return void data.writeInt32LE(clamp(2147483648), offset);
    case 'f32':
      return void data.writeFloatLE(value, offset);
    case 'f64':
      return void data.writeDoubleLE(value, offset);
  }
}
