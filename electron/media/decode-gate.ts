/**
 * Lets image decodes run together, and one run alone when asked. libvips keeps a single error
 * message for the whole process, and each sharp call clears it when done: a decode that fails
 * while others finish can lose its reason, and sharp then says only "Unknown error". Run alone,
 * the same decode fails with its real reason ("premature end of JPEG image").
 */
export class DecodeGate {
  private running = 0;
  /** Settles when the decode running alone is done; new decodes wait for it. */
  private exclusive: Promise<void> | null = null;
  private onIdle: (() => void) | null = null;

  /** Runs `decode` beside any others (after one running alone). */
  async together<T>(decode: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    this.running++;
    try {
      return await decode();
    } finally {
      this.running--;
      if (this.running === 0) this.onIdle?.();
    }
  }

  /** Runs `decode` once every decode under way has ended, holding new ones until it is done. */
  async alone<T>(decode: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    let release!: () => void;
    this.exclusive = new Promise<void>((resolve) => (release = resolve));
    try {
      if (this.running > 0) await new Promise<void>((resolve) => (this.onIdle = resolve));
      return await decode();
    } finally {
      this.onIdle = null;
      this.exclusive = null;
      release();
    }
  }
}
