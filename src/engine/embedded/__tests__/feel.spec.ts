import { ExpressionError, Feel, feelExpressions, isExpression, toJsonValue } from '../feel';

describe('FEEL adapter', () => {
  const feel = new Feel({
    now: () => new Date('2025-03-15T10:30:00.000Z'),
    uuid: () => 'u-1',
    random: () => 0.5,
  });

  it('follows Zeebe: `=` starts an expression, anything else is a literal string', () => {
    expect(isExpression('=a + 1')).toBe(true);
    expect(isExpression('a + 1')).toBe(false);
    expect(feel.evaluateValue('=a + 1', { a: 1 })).toBe(2);
    expect(feel.evaluateValue('a + 1', { a: 1 })).toBe('a + 1');
  });

  it('stops an evaluation that loops past its budget with an ExpressionError (issue 10, finding 4)', () => {
    const bounded = new Feel({ budgetMs: 100 });
    const started = Date.now();
    expect(() => bounded.evaluate('=count(for i in 1..100000000 return i)', {})).toThrow(
      new ExpressionError(
        '=count(for i in 1..100000000 return i)',
        "failed to evaluate expression 'count(for i in 1..100000000 return i)': it ran longer than 100 ms (ENGINE_FEEL_BUDGET_MS)",
      ),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    // Within the budget, loops work as before.
    expect(bounded.evaluate('=for i in 1..3 return i * 2', {})).toEqual([2, 4, 6]);
    expect(bounded.evaluate('=some x in [1, 2] satisfies x > 1', {})).toBe(true);
  });

  it('gives null for what cannot be evaluated, keeping the warnings for an incident message (Zeebe 8.5)', () => {
    expect(feel.evaluate('=customer.name', {})).toBeNull();
    expect(feel.warningsNote()).toBe(
      " The evaluation reported the following warnings:\n[NO_VARIABLE_FOUND] Variable 'customer' not found\n[NO_PROPERTY_FOUND] Property 'name' not found in 'null'",
    );
    expect(feel.evaluate('=1 + 1', {})).toBe(2);
    expect(feel.warningsNote()).toBe('');
  });

  it('compares values of one type only, as FEEL does: other types give null', () => {
    expect(feel.evaluate('="15" > 10', {})).toBeNull();
    expect(feel.evaluate('=v >= 10', { v: '15' })).toBeNull();
    expect(feel.evaluate('=date("2025-01-01") > 3', {})).toBeNull();
    expect(feel.evaluate('=5 between "1" and "9"', {})).toBeNull();
    expect(feel.evaluate('=15 > 10', {})).toBe(true);
    expect(feel.evaluate('="b" > "a"', {})).toBe(true);
    expect(feel.evaluate('=date("2025-01-02") > date("2025-01-01")', {})).toBe(true);
    expect(feel.evaluate('=duration("P2D") > duration("P1D")', {})).toBe(true);
    expect(feel.evaluate('=5 between 1 and 9', {})).toBe(true);
    expect(feel.evaluate('=5 in [1..9]', {})).toBe(true);
  });

  it('throws an ExpressionError on syntax errors', () => {
    expect(() => feel.evaluate('=a +', { a: 1 })).toThrow(ExpressionError);
  });

  it('accepts a legitimate null (no warnings) and a non-null result despite warnings', () => {
    expect(feel.evaluate('=x', { x: null })).toBeNull();
    expect(feel.evaluate('=null', {})).toBeNull();
    expect(feel.evaluate('=get or else(missing, "fallback")', {})).toBe('fallback');
  });

  it('turns temporal results into ISO strings, also nested', () => {
    expect(feel.evaluate('=date("2025-01-31") + duration("P1M")', {})).toBe('2025-02-28');
    expect(feel.evaluate('=duration("P2DT3H")', {})).toBe('P2DT3H');
    expect(feel.evaluate('=@"2025-01-01T10:00:00Z" + duration("PT1H")', {})).toBe(
      '2025-01-01T11:00:00Z',
    );
    expect(feel.evaluate('={due: date("2025-05-01"), list: [time("10:00:00")]}', {})).toEqual({
      due: '2025-05-01',
      list: ['10:00:00'],
    });
    expect(feel.evaluate('=date and time("2025-01-01T10:00:00@Europe/Rome")', {})).toBe(
      '2025-01-01T09:00:00.000Z',
    );
  });

  it('binds now() and today() to the injected clock', () => {
    expect(feel.evaluate('=now()', {})).toBe('2025-03-15T10:30:00Z');
    expect(feel.evaluate('=today()', {})).toBe('2025-03-15');
    expect(feel.evaluate('=today() + duration("P30D")', {})).toBe('2025-04-14');
  });

  it.each([
    ['=is empty([])', true],
    ['=is empty([1])', false],
    ['=get or else(null, 3)', 3],
    ['=is defined(missing)', false],
    ['=is defined(x)', true],
    ['=assert(x, x > 0)', 1],
    ['=extract("CF 2024/17 e 2025/3", "[0-9]+/[0-9]+")', ['2024/17', '2025/3']],
    ['=trim("  a  ")', 'a'],
    ['=uuid()', 'u-1'],
    ['=to base64("ciao")', 'Y2lhbw=='],
    ['=is blank("  ")', true],
    ['=duplicate values([1, 2, 1, 3, 2])', [1, 2]],
    ['=partition([1, 2, 3], 2)', [[1, 2], [3]]],
    ['=random number()', 0.5],
    ['=last day of month(date("2024-02-10"))', '2024-02-29'],
    ['=get value({a: {b: 1}}, ["a", "b"])', 1],
    ['=cycle(duration("PT10M"))', 'R/PT10M'],
    ['=cycle(3, duration("PT10M"))', 'R3/PT10M'],
  ])('Camunda built-in %s', (expression, expected) => {
    expect(feel.evaluate(expression, { x: 1 })).toEqual(expected);
  });

  it('assert fails the expression (an incident in Zeebe)', () => {
    expect(() => feel.evaluate('=assert(x, x > 5, "x too small")', { x: 1 })).toThrow(
      /x too small/,
    );
  });

  it('variables shadow built-ins, as in Zeebe', () => {
    expect(feel.evaluate('=trim', { trim: 'a variable' })).toBe('a variable');
  });

  it('drops what is not JSON', () => {
    expect(toJsonValue(() => 1)).toBeNull();
    expect(toJsonValue(Number.NaN)).toBeNull();
    expect(toJsonValue({ a: undefined })).toEqual({ a: null });
  });

  it('offers bpmn-engine expressions over FEEL for tools that run it on a flat map', () => {
    const expressions = feelExpressions(feel);
    expect(expressions.resolveExpression('=a * 2', { environment: { variables: { a: 21 } } })).toBe(
      42,
    );
    expect(expressions.resolveExpression('literal', {})).toBe('literal');
    expect(expressions.isExpression('=x')).toBe(true);
  });
});
