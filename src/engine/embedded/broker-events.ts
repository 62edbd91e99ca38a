import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/*
 * bpmn-elements' message broker (smqp 11) gives every exchange and every queue an event exchange
 * of its own: a whole topic exchange with a delivery queue, a consumer and, per listener, another
 * queue and consumer, each event a Message with a random id. Inside smqp their only listeners are
 * the broker's bookkeeping and its bindings. An instance of a 10-task model has about 300 of them:
 * half of the ~1 MB a live runner holds, and most of smqp's work per step (measured in
 * docs/benchmarks.md). Here those two kinds become a plain synchronous emitter with the same
 * delivery order. The broker's own event exchange, which callers subscribe to, stays as it is.
 */

/** The smqp bundled with the pinned bpmn-elements; another version is left alone. */
const SUPPORTED_SMQP = /^11\.0\./;

type EventHandler = (routingKey: string, message: BrokerEventMessage, owner: BrokerEvents) => void;
interface RoutingKeyPattern {
  test(routingKey: string): boolean;
}
interface Subscription {
  readonly pattern: string;
  readonly matcher: RoutingKeyPattern;
  readonly onMessage: EventHandler;
  readonly consumerTag?: string;
  cancelled: boolean;
  cancel(): void;
}

/** What a listener receives: the fields of smqp's Message that its listeners read. */
export class BrokerEventMessage {
  constructor(
    readonly fields: { routingKey: string; exchange: string },
    readonly content: unknown,
    readonly properties: Record<string, unknown>,
  ) {}
  // Listeners consume without acknowledgement, as they did on the event exchange.
  ack(): void {}
  nack(): void {}
  reject(): void {}
}

const loadFromElements = createRequire(require.resolve('bpmn-elements'));
const smqpDist = dirname(loadFromElements.resolve('smqp'));
const smqpVersion = (loadFromElements(join(smqpDist, '..', 'package.json')) as { version: string })
  .version;
const patternOf = (
  loadFromElements(join(smqpDist, 'shared.js')) as {
    getRoutingKeyPattern(pattern: string): RoutingKeyPattern;
  }
).getRoutingKeyPattern;

/**
 * An entity's events, delivered as smqp's event exchange delivers them: to the listeners bound
 * when the event is published, in the order they subscribed; an event published while one is
 * being delivered waits until every listener has had the current one. Two departures, neither
 * reachable from smqp's or bpmn-elements' own listeners (reviewed): after a listener throws, smqp
 * delivers nothing more on that entity if an event was waiting, here the waiting ones are dropped
 * and later ones delivered; `off` removes every matching listener, where smqp skips the one right
 * after each it removes.
 */
export class BrokerEvents {
  private readonly subscriptions: Subscription[] = [];
  private readonly backlog: Array<[string, unknown, Record<string, unknown> | undefined]> = [];
  private delivering = false;

  constructor(readonly name: string) {}

  publish(routingKey: string, content?: unknown, properties?: Record<string, unknown>): void {
    if (this.subscriptions.length === 0) return;
    if (this.delivering) {
      this.backlog.push([routingKey, content, properties]);
      return;
    }
    this.delivering = true;
    try {
      this.deliver(routingKey, content, properties);
      let next;
      while ((next = this.backlog.shift())) this.deliver(...next);
    } finally {
      this.delivering = false;
      this.backlog.length = 0;
    }
  }

  emit(eventName: string, content?: unknown): void {
    this.publish(eventName, content);
  }

  on(pattern: string, handler: EventHandler, options?: Record<string, unknown>): Subscription {
    const subscriptions = this.subscriptions;
    const subscription: Subscription = {
      pattern,
      matcher: patternOf(pattern),
      onMessage: handler,
      consumerTag: options?.consumerTag as string | undefined,
      cancelled: false,
      cancel() {
        if (subscription.cancelled) return;
        subscription.cancelled = true;
        subscriptions.splice(subscriptions.indexOf(subscription), 1);
      },
    };
    subscriptions.push(subscription);
    return subscription;
  }

  /** By the consumer tag the handler carries, by the handler itself, or by its subscription. */
  off(pattern: string, handler: EventHandler | Subscription): void {
    const consumerTag = (handler as { consumerTag?: string }).consumerTag;
    for (const subscription of this.subscriptions.slice()) {
      if (subscription.pattern !== pattern) continue;
      if (
        subscription === handler ||
        (consumerTag
          ? subscription.consumerTag === consumerTag
          : subscription.onMessage === handler)
      )
        subscription.cancel();
    }
  }

  close(): void {
    for (const subscription of this.subscriptions.slice()) subscription.cancel();
  }

  private deliver(
    routingKey: string,
    content: unknown,
    properties: Record<string, unknown> | undefined,
  ): void {
    for (const subscription of this.subscriptions.slice()) {
      if (subscription.cancelled || !subscription.matcher.test(routingKey)) continue;
      const message = new BrokerEventMessage({ routingKey, exchange: this.name }, content, {
        ...properties,
      });
      subscription.onMessage(routingKey, message, this);
    }
  }
}

interface EventEmitterLike {
  publish(routingKey: string, content?: unknown): void;
  on(pattern: string, handler: EventHandler, options?: object): { cancel(): void };
  off(pattern: string, handler: unknown): void;
}
interface ExchangeModule {
  Exchange(name: string, type?: string, options?: object): object;
  EventExchange(name?: string): EventEmitterLike;
}
interface BrokerModule {
  Broker: { prototype: { createQueue(this: unknown, ...args: unknown[]): unknown } };
}
type ExchangeBase = new (
  name: string,
  type: string,
  options: object | undefined,
  events: BrokerEvents,
) => object;

const exchanges = loadFromElements(join(smqpDist, 'Exchange.js')) as ExchangeModule;
const brokers = loadFromElements(join(smqpDist, 'Broker.js')) as BrokerModule;
const eventExchange = exchanges.EventExchange;

/** smqp's own event exchange, to compare the two. */
export const smqpEventExchange = (name: string): EventEmitterLike => eventExchange(name);

let installed: boolean | undefined;

/**
 * Gives bpmn-elements' exchanges and queues created from now on a BrokerEvents. Returns whether
 * it could (false for an smqp other than the one it was written against).
 */
export function installBrokerEvents(): boolean {
  if (installed !== undefined) return installed;
  installed = SUPPORTED_SMQP.test(smqpVersion);
  if (!installed) return false;
  const Base = eventExchange('smqp-exchange-base').constructor as ExchangeBase;

  exchanges.Exchange = function Exchange(name: string, type = 'topic', options?: object) {
    if (!name || typeof name !== 'string')
      throw new TypeError('Exchange name is required and must be a string');
    if (type !== 'topic' && type !== 'direct')
      throw new TypeError('Exchange type must be one of topic or direct');
    return new Base(name, type, options, new BrokerEvents(`${name}__events`));
  };

  // The broker creates a queue's event exchange (and its own, which stays) through this export.
  let forQueue = false;
  exchanges.EventExchange = function EventExchange(name?: string) {
    if (!forQueue) return eventExchange(name);
    forQueue = false;
    return new BrokerEvents(name as string);
  };
  const createQueue = brokers.Broker.prototype.createQueue;
  brokers.Broker.prototype.createQueue = function (this: unknown, ...args: unknown[]) {
    forQueue = true;
    try {
      return createQueue.apply(this, args);
    } finally {
      forQueue = false;
    }
  };
  return true;
}
