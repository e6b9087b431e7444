// A loopback HTTP server for the webview tests: serves rendered pages and the real media files,
// so the page's CSP (style-src and script nonce) is exercised exactly as in the webview.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const MEDIA = path.resolve(__dirname, '../../media');
const TYPES: { [extension: string]: string } = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface PageServer {
  origin: string;
  /** Publishes a page at `/<name>.html`. */
  publish(name: string, html: string): string;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const page = pages.get(url.pathname);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }

    const media = /^\/media\/(guide\.(?:js|css))$/.exec(url.pathname);
    if (media) {
      response.writeHead(200, { 'content-type': TYPES[path.extname(media[1])] });
      response.end(readFileSync(path.join(MEDIA, media[1])));
      return;
    }
    response.writeHead(404).end();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    publish(name, html) {
      pages.set(`/${name}.html`, html);
      return `${origin}/${name}.html`;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
