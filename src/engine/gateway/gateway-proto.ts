import { GrpcObject, loadPackageDefinition, ServiceClientConstructor } from '@grpc/grpc-js';
import { loadSync, Options } from '@grpc/proto-loader';
import { dirname, join } from 'node:path';

/**
 * As the SDK's own client loads it: field names as in the .proto, int64 as decimal strings (the
 * port's keys; a JavaScript number would round them), enums as names, absent fields as their
 * protobuf defaults.
 */
export const GATEWAY_PROTO_OPTIONS: Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/**
 * Zeebe 8.5's `gateway_protocol.Gateway`, read at run time from the @camunda8/sdk package that
 * ships it: the .proto is under Camunda's licence, so it is never copied into this repository.
 * The constructor is a client; its `service` is what a server implements.
 */
export function loadGatewayProtocol(): ServiceClientConstructor {
  const sdk = dirname(require.resolve('@camunda8/sdk/package.json'));
  const definition = loadSync(join(sdk, 'dist', 'proto', 'zeebe.proto'), GATEWAY_PROTO_OPTIONS);
  const protocol = loadPackageDefinition(definition).gateway_protocol as GrpcObject;
  return protocol.Gateway as ServiceClientConstructor;
}
