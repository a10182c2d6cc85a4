import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequest {
  method?: string;
  /** Sent as given: a test sets the Host, Origin and forwarded headers a browser or proxy would. */
  headers?: Record<string, string>;
  body?: string;
  /** The certificate to trust for HTTPS (a test's self-signed one). */
  ca?: Buffer;
}

/** Raw HTTP(S) to a running server: `fetch` would set Host and Origin itself, and tests check what the server does with them. */
export function sendRaw(base: string, path: string, options: RawRequest = {}): Promise<RawReply> {
  const url = new URL(path, base);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: { host: url.host, ...options.headers }, ...(options.ca ? { ca: options.ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
