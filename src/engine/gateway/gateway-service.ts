import {
  handleServerStreamingCall,
  handleUnaryCall,
  Metadata,
  ServerUnaryCall,
  ServerWritableStream,
  status,
  StatusObject,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { Injectable, Logger } from '@nestjs/common';
import { GatewayAuth } from './gateway-auth';
import { toStatus } from './gateway-errors';
import { GatewayCall, GatewayHandlers } from './gateway-handlers';
import * as proto from './gateway-messages';

type Outcome<T> = { value: T } | { failure: StatusObject };

/**
 * The handlers as grpc-js serves them: each call is authenticated first, gets a signal that
 * aborts when the client cancels or the gateway stops, and ends with the status its error maps
 * to. RPCs without a handler (DeployProcess, EvaluateDecision, ModifyProcessInstance,
 * MigrateProcessInstance, DeleteResource) get grpc-js's UNIMPLEMENTED.
 */
@Injectable()
export class GatewayService {
  private readonly logger = new Logger('ZeebeGateway');

  constructor(
    private readonly auth: GatewayAuth,
    private readonly handlers: GatewayHandlers,
  ) {}

  implementation(closing: AbortSignal): UntypedServiceImplementation {
    const h = this.handlers;
    const unary = <Req, Res>(
      rpc: string,
      handler: (request: Req, call: GatewayCall) => Res | Promise<Res>,
    ): handleUnaryCall<Req, Res> => {
      return (call, callback) => {
        void this.serve(rpc, call, closing, (gatewayCall) =>
          handler(call.request, gatewayCall),
        ).then((outcome) =>
          'failure' in outcome ? callback(outcome.failure) : callback(null, outcome.value),
        );
      };
    };
    const serverStream = <Req, Res>(
      rpc: string,
      handler: (
        request: Req,
        call: GatewayCall,
        push: (message: Res) => Promise<void>,
      ) => Promise<void>,
    ): handleServerStreamingCall<Req, Res> => {
      return (call) => {
        void this.serve(rpc, call, closing, (gatewayCall) =>
          handler(call.request, gatewayCall, (message) => write(call, message, gatewayCall.signal)),
        ).then((outcome) =>
          'failure' in outcome ? call.emit('error', outcome.failure) : call.end(),
        );
      };
    };
    return {
      Topology: unary('Topology', () => h.topology()),
      DeployResource: unary('DeployResource', h.deployResource.bind(h)),
      CreateProcessInstance: unary('CreateProcessInstance', h.createProcessInstance.bind(h)),
      CreateProcessInstanceWithResult: unary(
        'CreateProcessInstanceWithResult',
        h.createProcessInstanceWithResult.bind(h),
      ),
      CancelProcessInstance: unary('CancelProcessInstance', h.cancelProcessInstance.bind(h)),
      PublishMessage: unary('PublishMessage', h.publishMessage.bind(h)),
      // Zeebe answers a long poll that found nothing with no message at all.
      ActivateJobs: serverStream(
        'ActivateJobs',
        async (
          request: proto.ActivateJobsRequest,
          call,
          push: (response: proto.ActivateJobsResponse) => Promise<void>,
        ) => {
          const jobs = await h.activateJobs(request, call);
          if (jobs.length > 0) await push({ jobs });
        },
      ),
      StreamActivatedJobs: serverStream('StreamActivatedJobs', h.streamActivatedJobs.bind(h)),
      CompleteJob: unary('CompleteJob', h.completeJob.bind(h)),
      FailJob: unary('FailJob', h.failJob.bind(h)),
      ThrowError: unary('ThrowError', h.throwError.bind(h)),
      UpdateJobRetries: unary('UpdateJobRetries', h.updateJobRetries.bind(h)),
      UpdateJobTimeout: unary('UpdateJobTimeout', h.updateJobTimeout.bind(h)),
      ResolveIncident: unary('ResolveIncident', h.resolveIncident.bind(h)),
      SetVariables: unary('SetVariables', h.setVariables.bind(h)),
      BroadcastSignal: unary('BroadcastSignal', h.broadcastSignal.bind(h)),
    };
  }

  private async serve<T>(
    rpc: string,
    call: ServerUnaryCall<unknown, unknown>,
    closing: AbortSignal,
    work: (gatewayCall: GatewayCall) => T | Promise<T>,
  ): Promise<Outcome<T>> {
    const ended = new AbortController();
    const abort = () => ended.abort();
    call.once('cancelled', abort);
    closing.addEventListener('abort', abort);
    try {
      const caller = await this.auth.callerOf(rpc, call.metadata);
      const reauthorise = async () => {
        await this.auth.callerOf(rpc, call.metadata);
      };
      return { value: await work({ caller, signal: ended.signal, reauthorise }) };
    } catch (error) {
      if (closing.aborted) {
        return {
          failure: {
            code: status.UNAVAILABLE,
            details: 'the gateway is shutting down',
            metadata: new Metadata(),
          },
        };
      }
      return { failure: toStatus(error, rpc, this.logger) };
    } finally {
      closing.removeEventListener('abort', abort);
    }
  }
}

/** Writes a message, waiting while the client reads slower than jobs come (or until the call ends). */
function write<T>(
  call: ServerWritableStream<unknown, T>,
  message: T,
  signal: AbortSignal,
): Promise<void> {
  if (call.write(message) || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    call.once('drain', done);
    signal.addEventListener('abort', done);
  });
}
