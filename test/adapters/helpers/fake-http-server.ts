import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake platform received. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The JSON body, when it was JSON. */
  body: unknown;
  /** The body as sent (multipart uploads, binary). */
  raw: Buffer;
}

/** What the fake answers: a JSON body by default; `raw` sends text as is; `binary` sends bytes (a media download). */
export interface FakeResponse {
  status?: number;
  body?: unknown;
  raw?: string;
  binary?: Buffer;
  contentType?: string;
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The file fields of a multipart/form-data body the fake received (a media upload). */
export async function uploadedFiles(call: RecordedCall): Promise<{ field: string; name: string; type: string; data: Buffer }[]> {
  const form = await new Response(new Uint8Array(call.raw), { headers: { 'content-type': String(call.headers['content-type'] ?? '') } }).formData();
  const parts: { field: string; file: File }[] = [];
  form.forEach((value, field) => typeof value !== 'string' && parts.push({ field, file: value }));
  return Promise.all(parts.map(async ({ field, file }) => ({ field, name: file.name, type: file.type, data: Buffer.from(await file.arrayBuffer()) })));
}

/** A local stand-in for a platform API on 127.0.0.1:0 that records every call. */
export class FakeHttpServer {
  readonly calls: RecordedCall[] = [];
  private readonly server: Server;

  constructor(private handler: (call: RecordedCall) => FakeResponse | Promise<FakeResponse>) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const raw = Buffer.concat(chunks);
        const text = raw.toString('utf8');
        const call: RecordedCall = {
          method: req.method ?? '',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: text === '' ? undefined : jsonOrUndefined(text),
          raw,
        };
        this.calls.push(call);
        Promise.resolve(this.handler(call)).then(
          (response) => {
            if (response.binary !== undefined) {
              res.writeHead(response.status ?? 200, { 'content-type': response.contentType ?? 'application/octet-stream' });
              res.end(response.binary);
              return;
            }
            res.writeHead(response.status ?? 200, { 'content-type': response.raw === undefined ? 'application/json' : 'text/html' });
            res.end(response.raw ?? JSON.stringify(response.body ?? {}));
          },
          (error: unknown) => {
            res.writeHead(500);
            res.end(String(error));
          },
        );
      });
    });
  }

  /** Starts listening and returns the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Replaces the answer for the following calls. */
  respondWith(handler: (call: RecordedCall) => FakeResponse | Promise<FakeResponse>): void {
    this.handler = handler;
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
