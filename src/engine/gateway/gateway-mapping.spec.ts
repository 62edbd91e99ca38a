import { status } from '@grpc/grpc-js';
import { GatewayError } from './gateway-errors';
import {
  millis,
  parseVariables,
  pickVariables,
  requireDefaultTenant,
  toDeployResources,
  toJobCommand,
} from './gateway-mapping';

const invalid = expect.objectContaining({ code: status.INVALID_ARGUMENT });
const refusalOf = (work: () => unknown): GatewayError | undefined => {
  try {
    work();
  } catch (error) {
    return error as GatewayError;
  }
  return undefined;
};

describe('gateway mapping', () => {
  it('reads a variables document: an object, or nothing when empty', () => {
    expect(parseVariables('', 32)).toEqual({});
    expect(parseVariables(' {"a": [1, {"b": null}]} ', 32)).toEqual({ a: [1, { b: null }] });
    for (const json of ['[]', '1', '"x"', 'null', 'true', '{', '{"a":1}}']) {
      expect(refusalOf(() => parseVariables(json, 32))).toEqual(invalid);
    }
    expect(refusalOf(() => parseVariables('{"a":{"b":{"c":1}}}', 2))).toEqual(invalid);
    expect(parseVariables('{"a":"{{{{"}', 2)).toEqual({ a: '{{{{' });
  });

  it('takes no tenant or the default one', () => {
    expect(() => requireDefaultTenant('', '<default>')).not.toThrow();
    expect(refusalOf(() => requireDefaultTenant('<default>', 'other'))).toEqual(invalid);
  });

  it('reads int64 milliseconds, refusing those no date can hold', () => {
    expect(millis('-1', 'requestTimeout')).toBe(-1);
    expect(millis('86400000', 'timeToLive')).toBe(86_400_000);
    expect(refusalOf(() => millis('9223372036854775807', 'timeout'))).toEqual(invalid);
  });

  it('picks the fetched variables, all when none are named', () => {
    expect(pickVariables({ a: 1, b: 2 }, [])).toEqual({ a: 1, b: 2 });
    expect(pickVariables({ a: 1, b: 2 }, ['b', 'missing'])).toEqual({ b: 2 });
  });

  it('deploys BPMN files under their file name', () => {
    const content = Buffer.from('<xml/>');
    expect(
      toDeployResources({ tenantId: '', resources: [{ name: 'C:\\models\\a.bpmn', content }] }),
    ).toEqual([{ name: 'a.bpmn', content: '<xml/>' }]);
    for (const name of ['a.dmn', 'a.form', 'line\nbreak.bpmn', '.bpmn', 'dir/']) {
      expect(
        refusalOf(() => toDeployResources({ tenantId: '', resources: [{ name, content }] })),
      ).toEqual(invalid);
    }
  });

  it('reads a job request as Zeebe validates it', () => {
    const request = { type: 't', worker: 'w', timeout: '1000', fetchVariable: [], tenantIds: [] };
    expect(toJobCommand(request)).toEqual({
      type: 't',
      worker: 'w',
      timeoutMs: 1000,
      fetchVariables: undefined,
    });
    expect(toJobCommand({ ...request, fetchVariable: ['a'] }).fetchVariables).toEqual(['a']);
    for (const change of [{ type: ' ' }, { timeout: '0' }, { tenantIds: ['x'] }]) {
      expect(refusalOf(() => toJobCommand({ ...request, ...change }))).toEqual(invalid);
    }
  });
});
