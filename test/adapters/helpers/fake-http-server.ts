import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake platform received. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What the fake answers: a JSON body by default; `raw` sends text as is. */
export interface FakeResponse {
  status?: number;
  body?: unknown;
  raw?: string;
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
        const text = Buffer.concat(chunks).toString('utf8');
        const call: RecordedCall = {
          method: req.method ?? '',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
        };
        this.calls.push(call);
        Promise.resolve(this.handler(call)).then(
          (response) => {
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
