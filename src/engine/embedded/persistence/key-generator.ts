import { EntityManager } from 'typeorm';

export const KEY_BLOCK_SIZE = 10_000;

/** Raised when a command needs more keys than were reserved before it ran. */
export class KeysExhaustedError extends Error {}

/**
 * Zeebe-style int64 keys, unique across processes sharing the database: each
 * value of the `engine_key_block` sequence stands for a block of keys. The
 * engine core asks for keys synchronously, so blocks are reserved before a
 * command runs.
 */
export class BlockKeyGenerator {
  private next = 0n;
  private end = 0n;

  get available(): number {
    return Number(this.end - this.next);
  }

  /** Makes sure at least `count` keys can be handed out without a database round trip. */
  async reserve(manager: EntityManager, count: number): Promise<void> {
    while (this.available < count) {
      const [{ block }] = await manager.query(`SELECT nextval('engine_key_block')::text AS block`);
      const start = BigInt(block) * BigInt(KEY_BLOCK_SIZE);
      if (start !== this.end) this.next = start;
      this.end = start + BigInt(KEY_BLOCK_SIZE);
    }
  }

  readonly nextKey = (): string => {
    if (this.next >= this.end) throw new KeysExhaustedError('no engine keys reserved');
    return (this.next++).toString();
  };
}
