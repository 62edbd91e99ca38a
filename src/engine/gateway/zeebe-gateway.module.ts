import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { EngineHttpModule } from '../http/engine-http.module';
import { GatewayAuth } from './gateway-auth';
import { GatewayAddress, GatewayHandlers, ZEEBE_GATEWAY_ADDRESS } from './gateway-handlers';
import { GatewayReads } from './gateway-reads';
import { GatewayServer } from './gateway-server';
import { GatewayService } from './gateway-service';
import { InstanceResults } from './instance-results';
import { JobActivation } from './job-activation';

/**
 * The embedded engine behind Zeebe 8.5's gRPC gateway protocol, so any Zeebe client (workers,
 * deployment tools) works with this service as with a Zeebe cluster. The ProcessEngine and the
 * read model come from the global EngineModule.
 */
@Module({})
export class ZeebeGatewayModule {
  static forRoot(address: GatewayAddress): DynamicModule {
    return {
      module: ZeebeGatewayModule,
      imports: [AuthModule, EngineHttpModule],
      providers: [
        { provide: ZEEBE_GATEWAY_ADDRESS, useValue: address },
        GatewayAuth,
        GatewayReads,
        JobActivation,
        InstanceResults,
        GatewayHandlers,
        GatewayService,
        GatewayServer,
      ],
    };
  }
}
