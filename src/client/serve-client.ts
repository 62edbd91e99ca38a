import { INestApplication, Logger } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run build` puts the web client (`vite build client`), from src/ and from dist/ alike. */
export const CLIENT_DIR = resolve(__dirname, '..', '..', 'client', 'dist');

/**
 * The client's policy, stricter than helmet's default on styles: its scripts and style
 * sheets are its own files; bpmn-js, diagram-js and form-js only set style attributes
 * (positions, colours), so only attributes may be inline. /api keeps helmet's default,
 * which Swagger UI's inline <style> needs.
 */
const clientCsp = helmet.contentSecurityPolicy({
  directives: {
    'style-src': ["'self'"],
    'style-src-elem': ["'self'"],
    'style-src-attr': ["'unsafe-inline'"],
    'font-src': ["'self'", 'data:'],
  },
});

/**
 * Serves the web client at `/`: its files as they are, and index.html for any other
 * GET outside /api, so a reload or a deep link opens the app. /api is never touched
 * (its unknown routes stay the API's JSON 404). Without a built client the service
 * runs API-only and says so once.
 */
export function serveClient(app: INestApplication, dir = CLIENT_DIR): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Client').warn(`web client not built (${dir}): serving the API only`);
    return;
  }
  const files = express.static(dir, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.path === '/api' || request.path.startsWith('/api/')) return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    clientCsp(request, response, () =>
      files(request, response, () => {
        // index.html names the hashed bundles: never cached, or a release would load old code.
        response.setHeader('Cache-Control', 'no-cache');
        response.sendFile(index);
      }),
    );
  });
}
