/** A clock the test moves by hand: months pass in a line. */
export class TestClock {
  private current: number;

  constructor(start = '2026-03-02T09:00:00.000Z') {
    this.current = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.current);

  advance(ms: number): void {
    this.current += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 24 * 3600 * 1000);
  }
}
