import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, NextFunction, Request, Response, urlencoded } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { OAUTH_TOKEN_PATH } from './auth/auth.controller';
import { serveClient } from './client/serve-client';
import { assignRequestId } from './common/request-id';
import { refuseDeepJson } from './common/json-depth';
import { requireJsonBody } from './common/require-json-body';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';

/** The whole HTTP application, configured the same way for `npm start` and for tests. */
export async function createApp(
  config: AppConfig,
  options: AppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    abortOnError: false,
    // A failed start is reported by main() in one line; the buffered Nest logs are dropped.
    autoFlushLogs: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // The client address (login limit, access log) comes from X-Forwarded-For only behind trusted proxies.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.use(assignRequestId);
  app.use(helmet());
  // Closed unless CORS_ORIGINS names the origins of a separately served UI.
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  // OAuth 2.0 clients (Zeebe clients of the gateway) send their token request as a form.
  app.use(OAUTH_TOKEN_PATH, urlencoded({ extended: false, limit: '4kb' }));
  app.use('/api', requireJsonBody);
  // Case files, documents, tokens: nothing the API answers may stay in a shared PC's cache.
  app.use('/api', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  serveClient(app);
  // A model may hold 2 MB of XML, about 3 MB as a JSON string; everything else stays at 1 MB.
  const verify = refuseDeepJson(config.jsonMaxDepth);
  app.use('/api/models', json({ limit: '3mb', verify }));
  app.useBodyParser('json', { limit: '1mb', verify });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Percorsi API')
      .setDescription('Servizio Sociale di Comunità: percorsi, casi, attività')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
