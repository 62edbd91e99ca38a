import { Zeebe } from '@camunda8/sdk';
import { Client, credentials, Metadata, ServiceError } from '@grpc/grpc-js';
import { loadGatewayProtocol } from '../../../src/engine/gateway/gateway-proto';

/** The Camunda SDK's gRPC client, as a worker configures it, with our access token. */
export function sdkClient(port: number, token: string): Zeebe.ZeebeGrpcClient {
  return new Zeebe.ZeebeGrpcClient({
    config: {
      ZEEBE_ADDRESS: `127.0.0.1:${port}`,
      CAMUNDA_SECURE_CONNECTION: false,
      zeebeGrpcSettings: {
        ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
        // An error must reach the test, not be retried.
        ZEEBE_GRPC_CLIENT_RETRY: false,
        ZEEBE_GRPC_WORKER_LONGPOLL_SECONDS: 5,
        // Its "ready" debounce timer outlives close(): keep it short, so Jest can exit.
        ZEEBE_GRPC_CLIENT_CONNECTION_TOLERANCE_MS: 50,
      },
    },
    oAuthProvider: { getToken: async () => token },
  });
}

/** A bare client on the same protocol, for the answers the SDK hides (status codes, missing tokens). */
export class RawGateway {
  private readonly client: Client;

  constructor(port: number) {
    const Gateway = loadGatewayProtocol();
    this.client = new Gateway(`127.0.0.1:${port}`, credentials.createInsecure());
  }

  /** A unary call; rejects with the ServiceError (code, details). */
  call<T = any>(method: string, request: object, token?: string): Promise<T> {
    const metadata = new Metadata();
    if (token) metadata.set('authorization', `Bearer ${token}`);
    const rpc = (this.client as any)[method].bind(this.client);
    return new Promise((resolve, reject) =>
      rpc(request, metadata, (error: ServiceError | null, response: T) =>
        error ? reject(error) : resolve(response),
      ),
    );
  }

  /** A server-streaming call: every message until it ends, or the error it ends with. */
  stream<T = any>(method: string, request: object, token?: string): Promise<T[]> {
    const metadata = new Metadata();
    if (token) metadata.set('authorization', `Bearer ${token}`);
    const call = (this.client as any)[method](request, metadata);
    const messages: T[] = [];
    return new Promise((resolve, reject) => {
      call.on('data', (message: T) => messages.push(message));
      call.on('error', reject);
      call.on('end', () => resolve(messages));
    });
  }

  close(): void {
    this.client.close();
  }
}
