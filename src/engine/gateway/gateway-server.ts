import { Server, ServerCredentials } from '@grpc/grpc-js';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { setMaxListeners } from 'node:events';
import { GatewayAddress, ZEEBE_GATEWAY_ADDRESS } from './gateway-handlers';
import { loadGatewayProtocol } from './gateway-proto';
import { GatewayService } from './gateway-service';

/** Calls still running this long after shutdown began are cut. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * The gRPC server's life: it listens once the application is up, and stops before the engine
 * does (module destruction precedes the engine's shutdown hook). Stopping ends the waits first,
 * long polls answering what they have and job streams closing, then lets running calls finish.
 */
@Injectable()
export class GatewayServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ZeebeGateway');
  private readonly closing = new AbortController();
  private server?: Server;

  constructor(
    @Inject(ZEEBE_GATEWAY_ADDRESS) private readonly address: GatewayAddress,
    private readonly service: GatewayService,
  ) {
    // Every waiting call listens for the shutdown.
    setMaxListeners(0, this.closing.signal);
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = new Server();
    server.addService(
      loadGatewayProtocol().service,
      this.service.implementation(this.closing.signal),
    );
    const { host } = this.address;
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(
        `${host.includes(':') ? `[${host}]` : host}:${this.address.port}`,
        ServerCredentials.createInsecure(),
        (error, bound) => (error ? reject(error) : resolve(bound)),
      ),
    );
    this.server = server;
    this.logger.log(`Zeebe gateway (gRPC) listening on ${host}:${port}`);
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.closing.abort();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.logger.warn(`Zeebe gateway calls still running after ${SHUTDOWN_GRACE_MS} ms: cut`);
        server.forceShutdown();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}
