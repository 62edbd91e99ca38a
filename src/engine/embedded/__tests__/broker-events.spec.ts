import { createRequire } from 'node:module';
import { BrokerEvents, installBrokerEvents, smqpEventExchange } from '../broker-events';

type Emitter = ReturnType<typeof smqpEventExchange>;
type Handler = (routingKey: string, message: { content: unknown }) => void;

/** Listeners that subscribe, cancel and publish while an event is being delivered. */
function script(events: Emitter): string[] {
  const log: string[] = [];
  const record =
    (who: string): Handler =>
    (routingKey, message) =>
      log.push(`${who} ${routingKey} ${String(message.content)}`);
  let c: { cancel(): void } | undefined = undefined;
  events.on('#', (routingKey, message) => {
    record('A')(routingKey, message);
    if (routingKey === 'queue.consume') events.publish('queue.depleted', 'nested');
  });
  const b = events.on('queue.*', (routingKey, message) => {
    record('B')(routingKey, message);
    if (message.content === 'first') {
      events.on('queue.#', record('D'));
      c?.cancel();
    }
  });
  c = events.on('queue.consume', record('C'), { consumerTag: 'c-tag' });
  events.publish('queue.consume', 'first');
  events.publish('exchange.delete', 'second');

  events.on('queue.delete', record('E'), { consumerTag: 'e-tag' });
  events.off('queue.delete', { consumerTag: 'e-tag' });
  const f = record('F');
  events.on('queue.delete', f);
  events.off('queue.delete', f);
  events.publish('queue.delete', 'third');

  b.cancel();
  events.publish('queue.x', 'fourth');
  events.publish('nobody.listens', 'fifth');
  return log;
}

/** Listeners that, at random (seeded), publish, subscribe or cancel while they are called. */
function randomScript(events: Emitter, seed: number): string[] {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return Math.floor((state / 0x7fffffff) * n);
  };
  const keys = ['queue.a', 'queue.b', 'exchange.a', 'queue.a.b'];
  const patterns = ['#', 'queue.*', 'queue.#', 'exchange.a', '*.a', 'queue.a'];
  const log: string[] = [];
  const subscriptions: Array<{ cancel(): void }> = [];
  let budget = 40;
  let next = 0;
  const listener =
    (who: string): Handler =>
    (routingKey, message) => {
      log.push(`${who} ${routingKey} ${String(message.content)}`);
      if (budget-- <= 0) return;
      const action = random(6);
      if (action === 0) events.publish(keys[random(4)], `${who}-${next++}`);
      if (action === 1) subscriptions.push(events.on(patterns[random(6)], listener(`L${next++}`)));
      if (action === 2 && subscriptions.length > 0)
        subscriptions[random(subscriptions.length)].cancel();
    };
  for (let i = 0; i < 4; i++) subscriptions.push(events.on(patterns[random(6)], listener(`S${i}`)));
  for (let i = 0; i < 5; i++) events.publish(keys[random(4)], `top${i}`);
  return log;
}

describe('BrokerEvents (bpmn-elements broker entities without an event exchange each)', () => {
  it("delivers as smqp's event exchange does, listeners changing while an event is delivered", () => {
    const expected = script(smqpEventExchange('compared__events'));
    expect(script(new BrokerEvents('compared__events') as unknown as Emitter)).toEqual(expected);
    // What that order is: an event published during a delivery waits for every listener of the
    // current one; a listener cancelled during it misses it, one added during it starts after it.
    expect(expected).toEqual([
      'A queue.consume first',
      'B queue.consume first',
      'A queue.depleted nested',
      'B queue.depleted nested',
      'D queue.depleted nested',
      'A exchange.delete second',
      'A queue.delete third',
      'B queue.delete third',
      'D queue.delete third',
      'A queue.x fourth',
      'D queue.x fourth',
      'A nobody.listens fifth',
    ]);
  });

  it('hears what the event exchange hears in 500 random scripts', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const expected = randomScript(smqpEventExchange('compared__events'), seed);
      const heard = randomScript(new BrokerEvents('compared__events') as unknown as Emitter, seed);
      expect({ seed, heard }).toEqual({ seed, heard: expected });
    }
  });

  it("is what bpmn-elements' brokers give their exchanges and queues, and their bookkeeping still works", () => {
    expect(installBrokerEvents()).toBe(true);
    const { Broker } = createRequire(require.resolve('bpmn-elements'))('smqp') as {
      Broker: new () => SmqpBroker;
    };
    const broker = new Broker();
    expect(broker.assertExchange('run', 'topic', { autoDelete: false }).events).toBeInstanceOf(
      BrokerEvents,
    );
    const queue = broker.assertQueue('run-q', { autoDelete: false });
    expect(queue.events).toBeInstanceOf(BrokerEvents);
    // The broker's own events stay an exchange: callers subscribe to it.
    expect(broker.events).not.toBeInstanceOf(BrokerEvents);

    broker.bindQueue('run-q', 'run', 'run.#');
    // A queue's and an exchange's events that the broker passes on to its own listeners.
    const passedOn: string[] = [];
    broker.on('message.ack', (event) => passedOn.push(`ack ${event.fields.routingKey}`));
    broker.on('return', (event) => passedOn.push(`return ${event.fields.routingKey}`));
    const received: unknown[] = [];
    broker.consume(
      'run-q',
      (_key, message) => {
        received.push(message.content);
        message.ack();
      },
      { consumerTag: 'worker' },
    );
    expect(() => broker.consume('run-q', () => undefined, { consumerTag: 'worker' })).toThrow(
      /Consumer tag must be unique/,
    );
    broker.publish('run', 'run.start', { step: 1 }, { confirm: true });
    broker.publish('run', 'nowhere', {}, { mandatory: true });
    expect(received).toEqual([{ step: 1 }]);
    expect(passedOn).toEqual(['ack run.start', 'return nowhere']);

    broker.cancel('worker');
    expect(broker.consumerCount).toBe(0);
    broker.deleteQueue('run-q');
    expect(broker.getQueue('run-q')).toBeUndefined();
    expect(broker.getExchange('run').bindingCount).toBe(0);
  });
});

interface SmqpBroker {
  events: unknown;
  consumerCount: number;
  assertExchange(name: string, type: string, options: object): { events: unknown };
  assertQueue(name: string, options: object): { events: unknown };
  bindQueue(queue: string, exchange: string, pattern: string): void;
  on(event: string, handler: (event: { fields: { routingKey: string } }) => void): void;
  consume(
    queue: string,
    handler: (key: string, message: { content: unknown; ack(): void }) => void,
    options: object,
  ): void;
  publish(exchange: string, routingKey: string, content: unknown, properties: object): void;
  cancel(consumerTag: string): void;
  deleteQueue(name: string): void;
  getQueue(name: string): unknown;
  getExchange(name: string): { bindingCount: number };
}
